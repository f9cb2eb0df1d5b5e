"""How values appear in explanations: money as "CNY 1,500,000", percentages as "7.5%".

Kept apart from the wording so that amounts and criteria show numbers alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .facts import CATALOGUE, MISSING, FactType
from .text import N_, say, translate

WHOLE = Decimal(1)
CENTS = Decimal("0.01")


def _round_half_up(value: Decimal, exponent: Decimal) -> Decimal:
    """Round half up, with the precision a very large value needs to stay exact."""
    with localcontext(prec=max(28, value.adjusted() + 4)):
        return value.quantize(exponent, rounding=ROUND_HALF_UP)


def whole_cny(value: Decimal) -> Decimal:
    """Round to whole yuan, half up, as the guide's amounts are paid."""
    return _round_half_up(value, WHOLE)


def number(value: Decimal | int) -> str:
    """A number with thousands separators and at most two decimals: 1,234.5."""
    value = _round_half_up(Decimal(value), CENTS)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0")


def money(value: Decimal | int) -> str:
    return say(N_("CNY %(amount)s"), amount=number(value))


def percent(value: Decimal | int) -> str:
    return f"{number(value)}%"


# A count of exactly one reads in the singular ("1 year", not "1 years"). The
# singular is a whole phrase, so a language with one form translates it as it likes.
ONE_OF_UNIT = {"years": N_("1 year")}


def with_unit(value: Decimal | int, unit: str) -> str:
    """``value`` followed by its unit: "2.5 years", "1 year"."""
    if unit in ONE_OF_UNIT and Decimal(value) == 1:
        return translate(ONE_OF_UNIT[unit])
    return f"{number(value)} {translate(unit)}".rstrip()


def yes_no(value: bool) -> str:
    return translate(N_("yes")) if value else translate(N_("no"))


def fact_value(name: str, value: object) -> str:
    """``value`` of fact ``name`` as a visitor reads it (choices by their label)."""
    if value is MISSING:
        return translate(N_("not given"))
    fact = CATALOGUE[name]
    if fact.type is FactType.BOOLEAN:
        return yes_no(bool(value))
    if fact.type is FactType.CHOICE:
        return translate(fact.choice_label(value))
    if fact.type is FactType.CHOICES:
        return choice_list(name, value) or translate(N_("none"))
    if fact.type is FactType.MONEY:
        return money(value)
    if fact.type is FactType.PERCENT:
        return percent(value)
    if fact.type in (FactType.NUMBER, FactType.INTEGER):
        return with_unit(value, fact.unit)
    return str(value)


def choice_list(name: str, values: Iterable[str]) -> str:
    """Several values of fact ``name``, in the catalogue's order where it has one."""
    fact = CATALOGUE[name]
    order = [code for code, _label in fact.choices]
    ranked = sorted(values, key=lambda v: order.index(v) if v in order else len(order))
    if fact.choices:
        return ", ".join(translate(fact.choice_label(v)) for v in ranked)
    return ", ".join(str(v) for v in ranked)
