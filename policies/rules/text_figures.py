"""Amounts of money a policy's own words state, checked against its rules.

A headline such as "CNY 500,000 to 5 million by revenue band" or "按营业收入区间50万元
至500万元" is written by hand beside the rules; when a rule changes (the lowest band
now gives 600,000) the words can go on promising the old figure. ``unsupported``
reads every sum of money in a text, English or Chinese (万元, 亿元 included), and
returns those the rules do not contain: not an amount a route can give (a fixed
amount, the bounds of a range, a cap, a unit amount, an add-on and the total with
one) and not a threshold a criterion sets. Every figure compared comes from the
rule data; nothing here knows a policy.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .amounts import AmountRule
from .definitions import PolicyRule
from .facts import CATALOGUE, FactType
from .formatting import SCALES
from .vocabulary import AmountKind, RouteRole

_NUMBER = r"[0-9](?:[0-9,]*[0-9])?(?:\.[0-9]+)?"
# English: a currency mark, then a figure ("CNY 500,000", "CNY 5 million"); a
# figure joined to it by "to", "or", "and" or a dash shares its currency ("CNY
# 500,000 to 5 million").
ENGLISH = re.compile(
    rf"(?:CNY|RMB|¥)\s*(?P<first>{_NUMBER}(?:\s*(?:million|billion))?)"
    rf"(?:\s*(?:to|or|and|-|–|—)\s*(?:CNY\s*)?"
    rf"(?P<second>{_NUMBER}(?:\s*(?:million|billion))?))?",
    re.IGNORECASE,
)
# English with the currency after the figure: "500,000 yuan", "5 million RMB".
YUAN_AFTER = re.compile(
    rf"(?P<first>{_NUMBER}(?:\s*(?:million|billion))?)\s*(?:yuan|RMB|CNY)\b",
    re.IGNORECASE,
)
# Chinese: a figure in 元, 万元 or 亿元; in a range the first may leave out 元
# ("50万至500万元").
CHINESE = re.compile(
    rf"(?P<first>{_NUMBER}\s*[万亿]?)\s*(?:元|(?:至|到|~|-|–|—)\s*"
    rf"(?P<second>{_NUMBER}\s*[万亿]?)\s*元)"
)
FIGURE = re.compile(rf"(?P<number>{_NUMBER})\s*(?P<scale>million|billion|万|亿)?", re.I)


@dataclass(frozen=True)
class Figure:
    """A sum of money as a text writes it, and its value in yuan."""

    text: str
    value: Decimal


def figures(text: str) -> list[Figure]:
    """Every sum of money ``text`` states, in the order written."""
    text = unicodedata.normalize("NFKC", text or "")
    found = []
    for pattern in (ENGLISH, YUAN_AFTER, CHINESE):
        for match in pattern.finditer(text):
            for group in ("first", "second"):
                written = match.groupdict().get(group)
                value = _value(written) if written else None
                if value is not None:
                    found.append((match.start(group), Figure(written.strip(), value)))
    return [figure for _, figure in sorted(found, key=lambda item: item[0])]


def _value(written: str) -> Decimal | None:
    match = FIGURE.fullmatch(written.strip())
    if match is None:
        return None
    try:
        number = Decimal(match["number"].replace(",", ""))
    except InvalidOperation:
        return None
    scale = match["scale"]
    return number * SCALES[scale.lower()] if scale else number


def rule_figures(policy: PolicyRule) -> set[Decimal]:
    """Every sum of money the rules name: what each route can give, the most a
    route gives with every add-on, and each money threshold of a criterion."""
    figures_named: set[Decimal] = set()
    add_ons = [r.amount.ceiling for r in policy.routes if r.role is RouteRole.ADD_ON]
    extra = sum((a for a in add_ons if a is not None), Decimal(0))
    for route in policy.routes:
        figures_named |= _amount_figures(route.amount)
        ceiling = route.amount.ceiling
        if route.role is RouteRole.ROUTE and ceiling is not None and extra:
            figures_named.add(ceiling + extra)
    criteria = [*policy.criteria, *(c for r in policy.routes for c in r.criteria)]
    for criterion in criteria:
        fact = CATALOGUE.get(criterion.fact)
        if fact is not None and fact.type is FactType.MONEY:
            value = criterion.typed_value
            figures_named |= set(value) if isinstance(value, frozenset) else {value}
    return {Decimal(value) for value in figures_named if value is not None}


def _amount_figures(rule: AmountRule) -> set[Decimal | None]:
    if rule.kind is AmountKind.NON_MONETARY:
        return set()
    named = {rule.amount, rule.amount_min, rule.amount_max, rule.cap}
    named |= {term.amount for term in rule.terms}
    return named


def unsupported(text: str, policy: PolicyRule) -> list[Figure]:
    """The sums of money ``text`` states that ``policy``'s rules do not name."""
    named = rule_figures(policy)
    return [figure for figure in figures(text) if figure.value not in named]
