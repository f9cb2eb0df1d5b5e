"""Criteria: which operators suit a fact, and reading the value staff typed.

A criterion is ``fact operator value``; the value is typed as text in the admin
(``30,000,000``, ``true``, ``64, 65``) and stored as JSON. Everything that could make
the engine compare unlike things is refused here, with a message for the field.
"""

import json
import re
from decimal import Decimal, InvalidOperation

from ..criteria import NUMERIC_TYPES, OPERATORS_BY_TYPE
from ..errors import RuleError
from ..facts import Fact, FactType
from ..formatting import fact_value
from ..text import N_
from ..vocabulary import Operator
from .common import say as _say

WHOLE_TYPES = frozenset({FactType.MONEY, FactType.INTEGER})
LIST_OPERATORS = frozenset({Operator.IN, Operator.HAS_ANY})


def json_number(value: Decimal) -> int | float:
    """The JSON form of a parsed number: an integer when it is whole."""
    return int(value) if value == value.to_integral_value() else float(value)


def operators_for(fact: Fact) -> tuple[Operator, ...]:
    """The operators that make sense for ``fact``'s type, in the vocabulary's order."""
    return tuple(op for op in Operator if op in OPERATORS_BY_TYPE[fact.type])


def check_operator(fact: Fact, operator: str) -> None:
    """Refuse an operator that does not fit the fact's type."""
    allowed = operators_for(fact)
    if operator not in allowed:
        raise RuleError(
            _say(
                N_("%(fact)s takes %(allowed)s only."),
                fact=fact.name,
                allowed=", ".join(f"“{op.value}”" for op in allowed),
            )
        )


def parse_value(fact: Fact, operator: str, raw: object) -> object:
    """Turn what staff typed (or stored JSON) into the criterion's JSON value.

    Numbers may be written with thousands separators; lists as ``64, 65`` or as a
    JSON list. Raises ``RuleError`` with a message for the value field.
    """
    if operator in LIST_OPERATORS:
        items = _split_list(raw)
        if not items:
            raise RuleError(_say(N_("Enter at least one value, separated by commas.")))
        values = [_parse_one(fact, item) for item in items]
        if len(set(map(str, values))) != len(values):
            raise RuleError(_say(N_("A value is listed twice.")))
        return values
    if isinstance(raw, list) or (isinstance(raw, str) and raw.strip().startswith("[")):
        raise RuleError(
            _say(
                N_("“%(op)s” compares with one value; a list needs “in” or “has_any”."),
                op=operator,
            )
        )
    return _parse_one(fact, raw)


def format_value(value: object) -> str:
    """A stored value as staff type it back: the inverse of ``parse_value``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(format_value(item) for item in value)
    return "" if value is None else str(value)


def _split_list(raw: object) -> list[object]:
    if isinstance(raw, list):
        return raw
    text = str(raw or "").strip()
    if text.startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            raise RuleError(_say(N_("This list is not valid JSON."))) from None
        return items if isinstance(items, list) else [items]
    return [item.strip() for item in text.replace("，", ",").split(",") if item.strip()]


def _parse_one(fact: Fact, raw: object) -> object:
    if fact.type in NUMERIC_TYPES:
        return json_number(parse_number(fact, raw))
    if fact.type is FactType.BOOLEAN:
        return _parse_boolean(raw)
    text = str(raw).strip() if isinstance(raw, str | int) else ""
    if isinstance(raw, bool) or not text:
        raise RuleError(_say(N_("Enter a value.")))
    if fact.type in (FactType.CHOICE, FactType.CHOICES):
        valid = [value for value, _label in fact.choices]
        if text not in valid:
            raise RuleError(
                _say(
                    N_(
                        "“%(value)s” is not a choice of %(fact)s; use one of: %(valid)s."
                    ),
                    value=text,
                    fact=fact.name,
                    valid=", ".join(valid),
                )
            )
        return text
    if fact.pattern and not re.fullmatch(fact.pattern, text):
        raise RuleError(
            _say(
                N_("“%(value)s” is not a valid %(fact)s; see the fact's help."),
                value=text,
                fact=fact.name,
            )
        )
    return text


def parse_number(fact: Fact, raw: object) -> Decimal:
    """A number for ``fact``, checked against its type and its minimum and maximum."""
    if isinstance(raw, bool) or raw is None:
        raise RuleError(_say(N_("Enter a number.")))
    text = str(raw).strip().replace(",", "").replace("_", "").replace(" ", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise RuleError(
            _say(
                N_("“%(raw)s” is not a number; write e.g. 30000000 or 30,000,000."),
                raw=raw,
            )
        ) from None
    if not number.is_finite():
        raise RuleError(_say(N_("Enter a number.")))
    if fact.type in WHOLE_TYPES and number != number.to_integral_value():
        raise RuleError(_say(N_("%(fact)s is a whole number."), fact=fact.name))
    if fact.minimum is not None and number < fact.minimum:
        raise RuleError(
            _say(
                N_("%(fact)s is never below %(minimum)s."),
                fact=fact.name,
                minimum=fact_value(fact.name, fact.minimum),
            )
        )
    if fact.maximum is not None and number > fact.maximum:
        raise RuleError(
            _say(
                N_("%(fact)s is never above %(maximum)s."),
                fact=fact.name,
                maximum=fact_value(fact.name, fact.maximum),
            )
        )
    return number


def _parse_boolean(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("true", "false"):
        return text == "true"
    raise RuleError(_say(N_("Enter true or false.")))
