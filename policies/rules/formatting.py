"""How values appear in explanations: money as "CNY 1,500,000" (in Chinese "150万元"),
percentages as "7.5%", and an amount's range in one wording.

Kept apart from the wording so that amounts, criteria, the results and the check's
read-backs show numbers alike: ``amount_text`` is the one wording of an amount, which
the templates' filter wraps.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import TYPE_CHECKING

from .facts import CATALOGUE, MISSING, FactType
from .text import N_, chinese, say, translate

if TYPE_CHECKING:
    from .amounts import Amount

WHOLE = Decimal(1)
CENTS = Decimal("0.01")
WAN = Decimal(10) ** 4
YI = Decimal(10) ** 8
# The words that scale a figure, as visitors and policy texts write them.
SCALES = {
    "万": WAN,
    "亿": YI,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
}
WAN_YI = Decimal(10) ** 12


def _round_half_up(value: Decimal, exponent: Decimal) -> Decimal:
    """Round half up, with the precision a very large value needs to stay exact."""
    with localcontext(prec=max(28, value.adjusted() + 4)):
        return value.quantize(exponent, rounding=ROUND_HALF_UP)


def whole_cny(value: Decimal) -> Decimal:
    """Round to whole yuan, half up, as the guide's amounts are paid."""
    return _round_half_up(value, WHOLE)


def cents(value: Decimal) -> Decimal:
    """``value`` to the fen, half up: what ``number`` and ``money`` show of it."""
    return _round_half_up(value, CENTS)


def number(value: Decimal | int) -> str:
    """A number with thousands separators and at most two decimals: 1,234.5."""
    value = _round_half_up(Decimal(value), CENTS)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0")


def money(value: Decimal | int) -> str:
    """An amount of CNY as the active language's readers write it."""
    if chinese():
        return chinese_yuan(value)
    return say(N_("CNY %(amount)s"), amount=number(value))


def _places(value: Decimal, places: int) -> tuple[str, bool]:
    """``value`` to at most ``places`` decimals, no separators; and whether exact."""
    rounded = _round_half_up(value, Decimal(1).scaleb(-places))
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text, rounded == value


def chinese_yuan(value: Decimal | int) -> str:
    """CNY the way Chinese statements write it: "9500元", "50万元", "3000万元",
    "1.2亿元", "2万亿元".

    Below 1亿 the figure is exact to the fen (万 with up to six decimals), so a
    result or a read-back never rounds an enterprise's figure; from 1亿 up it keeps
    four decimals and says "约" when that is not exact.
    """
    value = Decimal(value)
    sign, size = ("-" if value < 0 else ""), abs(value)
    if size >= YI:
        scale, word = (WAN_YI, "万亿") if size >= WAN_YI else (YI, "亿")
        text, exact = _places(size / scale, 4)
        return f"{'' if exact else '约'}{sign}{text}{word}元"
    if size >= WAN:
        return f"{sign}{_places(size / WAN, 6)[0]}万元"
    return f"{sign}{_places(size, 2)[0]}元"


def amount_text(amount: Amount) -> str:
    """An amount's one wording: exact ("CNY 1,500,000", "150万元"), a ceiling ("up
    to CNY 500,000", "最高50万元") or a range ("CNY 1,000,000 to 3,000,000",
    "100万元至300万元": in Chinese each end carries its unit, never a bare figure)."""
    if amount.min == amount.max:
        return money(amount.max)
    if not amount.min:
        return say(N_("up to %(amount)s"), amount=money(amount.max))
    high = money(amount.max) if chinese() else number(amount.max)
    return say(N_("%(min)s to %(max)s"), min=money(amount.min), max=high)


def percent(value: Decimal | int) -> str:
    return f"{number(value)}%"


# A count of exactly one reads in the singular ("1 year", not "1 years"). The
# singular is a whole phrase, so a language with one form translates it as it likes.
ONE_OF_UNIT = {"years": N_("1 year")}


def with_unit(value: Decimal | int, unit: str) -> str:
    """``value`` followed by its unit: "2.5 years", "1 year"."""
    if unit in ONE_OF_UNIT and Decimal(value) == 1:
        return translate(ONE_OF_UNIT[unit])
    word = translate(unit)
    if chinese() and word and _cjk(word[0]):
        return f"{number(value)}{word}"  # "6年", as Chinese writes a count
    return f"{number(value)} {word}".rstrip()


def _cjk(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff"


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
    separator = "、" if chinese() else ", "
    if fact.choices:
        return separator.join(translate(fact.choice_label(v)) for v in ranked)
    return separator.join(str(v) for v in ranked)
