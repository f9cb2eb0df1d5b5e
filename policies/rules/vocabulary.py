"""The closed vocabularies that rule data is written in: operators and amount kinds.

They live apart from the evaluation code so that models, forms and fixtures can name
them without pulling in the engine.
"""

from enum import StrEnum

from .text import N_


class Operator(StrEnum):
    """How a criterion compares a fact with its value."""

    GTE = ">="
    GT = ">"
    LTE = "<="
    LT = "<"
    EQ = "=="
    NE = "!="
    IN = "in"
    HAS_ANY = "has_any"


OPERATOR_LABELS = {
    Operator.GTE: N_("is at least"),
    Operator.GT: N_("is more than"),
    Operator.LTE: N_("is at most"),
    Operator.LT: N_("is less than"),
    Operator.EQ: N_("is"),
    Operator.NE: N_("is not"),
    Operator.IN: N_("is one of"),
    Operator.HAS_ANY: N_("includes any of"),
}


class AmountKind(StrEnum):
    """How a route's amount is worked out (see ``amounts.py``)."""

    FIXED = "fixed"
    RANGE = "range"
    UP_TO = "up_to"
    PERCENTAGE = "percentage"
    PER_UNIT = "per_unit"
    SUM_OF_TERMS = "sum_of_terms"
    RATE_SCHEDULE = "rate_schedule"
    NON_MONETARY = "non_monetary"


AMOUNT_KIND_LABELS = {
    AmountKind.FIXED: N_("Fixed amount"),
    AmountKind.RANGE: N_("Range (from, to)"),
    AmountKind.UP_TO: N_("Up to an amount"),
    AmountKind.PERCENTAGE: N_("Percentage of a fact, with a cap"),
    AmountKind.PER_UNIT: N_("Amount per unit, with a cap"),
    AmountKind.SUM_OF_TERMS: N_("Sum of amounts per unit, with an overall cap"),
    AmountKind.RATE_SCHEDULE: N_("Rate by year, of a base limited by area, with a cap"),
    AmountKind.NON_MONETARY: N_("Non-monetary benefit"),
}


class RouteRole(StrEnum):
    """A main route competes for the best amount; an add-on is added on top."""

    ROUTE = "route"
    ADD_ON = "add_on"


class RouteMode(StrEnum):
    """How a policy's routes relate: any may hold, or they are bands over one fact.

    The engine picks the best holding route either way; bands only promise that at
    most one holds, which the admin checks and the public page can show as a table.
    """

    BEST_OF = "best_of"
    BANDS = "bands"


class Status(StrEnum):
    """A policy's outcome for one profile."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_INFO = "needs_info"


# The one wording of each status, for staff and visitors alike (marked, not yet
# translated: pass through ``text.translate``).
STATUS_LABELS = {
    Status.ELIGIBLE: N_("Eligible"),
    Status.NEEDS_INFO: N_("Needs information"),
    Status.NOT_ELIGIBLE: N_("Not eligible"),
}
