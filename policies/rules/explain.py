"""Plain-language text for one criterion: what was required, what the enterprise
said, whether that is enough, and for a number how far off it is.

Every phrase is marked with ``N_`` and uses named placeholders, so a translator can
reorder it ("Revenue in the latest year: CNY 25,000,000; needs CNY 30,000,000 or
more: CNY 5,000,000 short").
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from . import formatting as show
from .criteria import CriterionRule
from .facts import CATALOGUE, DIVISOR_ZERO, MISSING, FactType
from .text import N_, listing, say, translate
from .vocabulary import Operator

_REQUIRED = {
    Operator.GTE: N_("%(value)s or more"),
    Operator.GT: N_("more than %(value)s"),
    Operator.LTE: N_("%(value)s or less"),
    Operator.LT: N_("less than %(value)s"),
    Operator.EQ: "%(value)s",
    Operator.NE: N_("anything but %(value)s"),
    Operator.IN: N_("one of %(value)s"),
    Operator.HAS_ANY: N_("any of %(value)s"),
}
_LINE = N_("%(label)s: %(actual)s; needs %(required)s: %(verdict)s")


def label(fact: str) -> str:
    return translate(CATALOGUE[fact].label)


def required(rule: CriterionRule) -> str:
    """What the criterion asks for, such as "CNY 30,000,000 or more"."""
    if isinstance(rule.value, list):
        value = show.choice_list(rule.fact, rule.value)
    else:
        value = show.fact_value(rule.fact, rule.typed_value)
    return say(_REQUIRED[rule.operator], value=value)


def actual(fact: str, values: Mapping[str, object]) -> str:
    """What the enterprise said, or why the figure is not known."""
    value = values[fact]
    if value is DIVISOR_ZERO:
        return say(
            N_("cannot be worked out, as %(divisor)s is 0"),
            divisor=label(CATALOGUE[fact].divisor),
        )
    inputs = CATALOGUE[fact].inputs
    if value is MISSING and inputs:
        missing = [label(name) for name in inputs if values[name] is MISSING]
        return say(N_("not known without %(facts)s"), facts=listing(missing))
    return show.fact_value(fact, value)


def gap(fact: str, amount: Decimal) -> str:
    """A shortfall in the fact's own terms; percentages in percentage points."""
    if CATALOGUE[fact].type is FactType.PERCENT:
        return say(N_("%(number)s percentage points"), number=show.number(amount))
    return show.fact_value(fact, amount)


def verdict(rule: CriterionRule, met: bool | None, shortfall: Decimal | None) -> str:
    if met:
        return translate(N_("met"))
    if met is None:
        return translate(N_("not known yet"))
    if not shortfall:
        return translate(N_("not met"))
    below = rule.operator in (Operator.GTE, Operator.GT)
    message = N_("%(gap)s short") if below else N_("%(gap)s over")
    return say(message, gap=gap(rule.fact, shortfall))


def criterion(
    rule: CriterionRule,
    values: Mapping[str, object],
    met: bool | None,
    shortfall: Decimal | None,
) -> str:
    """The whole line for one criterion."""
    return say(
        _LINE,
        label=label(rule.fact),
        actual=actual(rule.fact, values),
        required=required(rule),
        verdict=verdict(rule, met, shortfall),
    )
