"""Checks that keep rule data meaningful, so an edit cannot go wrong silently.

Staff write criteria and routes in the admin; these functions say what is wrong with
them in words staff can act on. They are plain Python over the fact catalogue and the
vocabularies, shared by the admin forms, the publish service and the tests.
"""

from .bands import Band, BandProblem, BandReport, Interval, band_interval, check_bands
from .routes import AMOUNT_FIELDS, NEEDS, OPTIONAL, check_route
from .values import (
    LIST_OPERATORS,
    check_operator,
    format_value,
    operators_for,
    parse_number,
    parse_value,
)

__all__ = [
    "AMOUNT_FIELDS",
    "LIST_OPERATORS",
    "NEEDS",
    "OPTIONAL",
    "Band",
    "BandProblem",
    "BandReport",
    "Interval",
    "band_interval",
    "check_bands",
    "check_operator",
    "check_route",
    "format_value",
    "operators_for",
    "parse_number",
    "parse_value",
]
