"""Parse a raw profile (decoded JSON or form data) into typed facts, or say what is
wrong with it field by field.

The checks are those of ``profile.schema.json``, read from the fact catalogue: no
unknown fields, numbers that are numbers (``true`` is not one), whole numbers for
counts, bounds, choices, the industry-code pattern and unique technology fields.
Numbers become ``Decimal`` (money is never a float), ``tech_fields`` a frozenset.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from . import formatting as show
from .facts import INPUT_FACTS, Fact, FactType
from .text import N_, say

INPUTS: Mapping[str, Fact] = {fact.name: fact for fact in INPUT_FACTS}
NON_FIELD = "__all__"


class ProfileError(ValueError):
    """A profile that breaks the schema; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


class _Invalid(Exception):
    def __init__(self, message: str, **params: object) -> None:
        super().__init__(say(message, **params))


def parse(raw: object) -> dict[str, object]:
    """Return the profile's facts typed, or raise ``ProfileError``.

    Every field is checked, so the error names all the fields at fault at once.
    """
    if not isinstance(raw, Mapping):
        message = N_("The profile must be a JSON object of facts and their values.")
        raise ProfileError({NON_FIELD: [say(message)]})
    facts: dict[str, object] = {}
    errors: dict[str, list[str]] = {}
    for name, value in raw.items():
        fact = INPUTS.get(name)
        try:
            if fact is None:
                raise _Invalid(
                    N_("Unknown field: the profile has no fact of this name.")
                )
            facts[name] = _PARSERS[fact.type](fact, value)
        except _Invalid as error:
            errors[str(name)] = [str(error)]
    if errors:
        raise ProfileError(errors)
    return facts


def _number(fact: Fact, value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise _Invalid(N_("Enter a number."))
    number = Decimal(str(value))
    if not number.is_finite():
        raise _Invalid(N_("Enter a number."))
    if fact.minimum is not None and number < fact.minimum:
        raise _Invalid(
            N_("Ensure this value is at least %(limit)s."),
            limit=show.number(fact.minimum),
        )
    if fact.maximum is not None and number > fact.maximum:
        raise _Invalid(
            N_("Ensure this value is at most %(limit)s."),
            limit=show.number(fact.maximum),
        )
    return number


def _integer(fact: Fact, value: object) -> Decimal:
    number = _number(fact, value)
    if number != number.to_integral_value():
        raise _Invalid(N_("Enter a whole number."))
    return number


def _boolean(fact: Fact, value: object) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(N_("Enter true or false."))
    return value


def _choice(fact: Fact, value: object) -> str:
    if not isinstance(value, str) or value not in dict(fact.choices):
        raise _Invalid(N_("Select one of: %(choices)s."), choices=_codes(fact.choices))
    return value


def _code(fact: Fact, value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(fact.pattern, value):
        raise _Invalid(
            N_("Enter a code of the form %(pattern)s."), pattern=f"^{fact.pattern}$"
        )
    return value


def _choices(fact: Fact, value: object) -> frozenset[str]:
    if not isinstance(value, list):
        raise _Invalid(N_("Enter a list of choices."))
    known = dict(fact.choices)
    if not all(isinstance(item, str) and item in known for item in value):
        raise _Invalid(
            N_("Select only from: %(choices)s."), choices=_codes(fact.choices)
        )
    if len(set(value)) != len(value):
        raise _Invalid(N_("Give each choice once only."))
    return frozenset(value)


def _codes(choices: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(code for code, _label in choices)


_PARSERS = {
    FactType.MONEY: _number,
    FactType.NUMBER: _number,
    FactType.PERCENT: _number,
    FactType.INTEGER: _integer,
    FactType.BOOLEAN: _boolean,
    FactType.CHOICE: _choice,
    FactType.CODE: _code,
    FactType.CHOICES: _choices,
}
