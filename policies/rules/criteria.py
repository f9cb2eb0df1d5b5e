"""One criterion, ``fact operator value``, evaluated three-valued.

``True`` is met, ``False`` not met, ``None`` unknown because an input is missing. A
derived fact whose divisor is zero is not met: the explanation says why the figure
cannot be worked out. A derived number that is missing an input is still decided
when every value it could take gives the same answer ("revenue growth of 20% or
more" fails with no revenue in the latest year, whatever the year before), so an
outcome never asks for a figure that cannot change it.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .errors import RuleError
from .facts import (
    CATALOGUE,
    DIVISOR_ZERO,
    MISSING,
    NUMERIC_TYPES,
    Fact,
    FactType,
    span,
)
from .text import N_, say
from .vocabulary import Operator

Test = Callable[[Mapping[str, object]], bool | None]

ORDERING = frozenset({Operator.GTE, Operator.GT, Operator.LTE, Operator.LT})
OPERATORS_BY_TYPE: Mapping[FactType, frozenset[Operator]] = {
    **dict.fromkeys(NUMERIC_TYPES, ORDERING | {Operator.EQ, Operator.NE}),
    FactType.BOOLEAN: frozenset({Operator.EQ, Operator.NE}),
    FactType.CHOICE: frozenset({Operator.EQ, Operator.NE, Operator.IN}),
    FactType.CODE: frozenset({Operator.EQ, Operator.NE, Operator.IN}),
    FactType.CHOICES: frozenset({Operator.HAS_ANY}),
}
_COMPARE: Mapping[Operator, Callable[[object, object], bool]] = {
    Operator.GTE: operator.ge,
    Operator.GT: operator.gt,
    Operator.LTE: operator.le,
    Operator.LT: operator.lt,
    Operator.EQ: operator.eq,
    Operator.NE: operator.ne,
    Operator.IN: lambda actual, allowed: actual in allowed,
    Operator.HAS_ANY: lambda actual, wanted: not actual.isdisjoint(wanted),
}


@dataclass(frozen=True, slots=True)
class CriterionRule:
    """``fact operator value`` as staff write it; ``value`` is the stored JSON."""

    fact: str
    operator: Operator
    value: object

    @property
    def typed_value(self) -> object:
        """The value in the fact's own type: Decimal for numbers, a set for lists."""
        if isinstance(self.value, list):
            return frozenset(self.value)
        if CATALOGUE[self.fact].numeric:
            return Decimal(str(self.value))
        return self.value


def check(rule: CriterionRule) -> CriterionRule:
    """Return ``rule`` with its operator as an ``Operator``, or raise ``RuleError``.

    The fact must be in the catalogue, the operator must suit its type, and the
    value must be of that type (a choice among the fact's choices), so that no
    comparison can fail while an enterprise is being assessed.
    """
    fact = CATALOGUE.get(rule.fact)
    if fact is None:
        raise RuleError(say(N_("Unknown fact “%(fact)s”."), fact=rule.fact))
    try:
        op = Operator(rule.operator)
    except ValueError:
        raise RuleError(
            say(N_("Unknown operator “%(operator)s”."), operator=rule.operator)
        ) from None
    if op not in OPERATORS_BY_TYPE[fact.type]:
        raise RuleError(
            say(
                N_("“%(operator)s” cannot be used with %(fact)s."),
                operator=op.value,
                fact=rule.fact,
            )
        )
    items = rule.value if op in (Operator.IN, Operator.HAS_ANY) else [rule.value]
    if not isinstance(items, list) or not items:
        raise RuleError(
            say(N_("“%(operator)s” needs a list of values."), operator=op.value)
        )
    if not all(_suits(fact, item) for item in items):
        raise RuleError(
            say(
                N_("The value %(value)s does not suit %(fact)s."),
                value=rule.value,
                fact=rule.fact,
            )
        )
    return CriterionRule(rule.fact, op, rule.value)


def _suits(fact: Fact, item: object) -> bool:
    if fact.numeric:
        number = isinstance(item, int | float | Decimal) and not isinstance(item, bool)
        return number and Decimal(str(item)).is_finite()
    if fact.type is FactType.BOOLEAN:
        return isinstance(item, bool)
    if not isinstance(item, str):
        return False
    if fact.pattern and not re.fullmatch(fact.pattern, item):
        return False
    return not fact.choices or item in dict(fact.choices)


def compile_test(rule: CriterionRule) -> Test:
    """A closure that evaluates ``rule`` against derived values, for the hot path."""
    compare = _COMPARE[rule.operator]
    fact = rule.fact
    value = rule.typed_value
    bounded = CATALOGUE[fact] if CATALOGUE[fact].trend else None
    if rule.operator not in ORDERING:
        bounded = None

    def test(values: Mapping[str, object]) -> bool | None:
        actual = values[fact]
        if actual is MISSING:
            return None if bounded is None else _within(bounded, values)
        if actual is DIVISOR_ZERO:
            return False
        return compare(actual, value)

    def _within(derived: Fact, values: Mapping[str, object]) -> bool | None:
        """An ordering holds on all of a range or on none of it when it holds at
        both ends or at neither; an undefined value never meets a criterion."""
        low, high, undefined = span(derived, values)
        at_low, at_high = compare(low, value), compare(high, value)
        if not (at_low or at_high):
            return False
        return True if at_low and at_high and not undefined else None

    return test


def evaluate(rule: CriterionRule, values: Mapping[str, object]) -> bool | None:
    """Evaluate ``rule`` once, outside the hot path (explanations, previews)."""
    return compile_test(rule)(values)


def shortfall(rule: CriterionRule, actual: object) -> Decimal | None:
    """How far a number is from meeting an ordering criterion; ``None`` otherwise.

    Returns zero when ``actual`` sits exactly on a strict bound ("more than X" with
    X given), and ``None`` when the criterion is met or is not about a quantity.
    """
    if rule.operator not in ORDERING or not isinstance(actual, Decimal):
        return None
    value = rule.typed_value
    if _COMPARE[rule.operator](actual, value):
        return None
    return abs(value - actual)
