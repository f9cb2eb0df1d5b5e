"""A policy's rules in plain words, before any enterprise is assessed.

``explain`` says how a profile fared against a criterion; staff editing a rule need
the rule itself read back ("Revenue in the latest year: CNY 30,000,000 or more",
"1% of Equity investment received this year, capped at CNY 5,000,000") to see that
what they typed is what they meant. Criteria reuse ``explain``'s wording, so the
preview and the results page say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import explain
from . import formatting as show
from .amounts import AmountRule
from .criteria import CriterionRule
from .definitions import PolicyRule
from .facts import Fact
from .text import N_, clauses, translate
from .vocabulary import AmountKind, RouteMode, RouteRole


@dataclass(frozen=True)
class RouteText:
    name: str
    add_on: bool
    criteria: tuple[str, ...]
    amount: str


@dataclass(frozen=True)
class PolicyText:
    """What a policy requires, how its routes combine, and each route in words."""

    criteria: tuple[str, ...]
    combination: str
    routes: tuple[RouteText, ...]


def fact_label(fact: Fact) -> str:
    """How a fact appears in a list for staff: its label and unit in their language
    (“Revenue in the latest year, CNY”, “最近一年营业收入, 元”), never the key the
    rule data stores, which only the fact catalogue lists."""
    unit = f", {translate(fact.unit)}" if fact.unit else ""
    return f"{translate(fact.label)}{unit}"


def describe_policy(policy: PolicyRule) -> PolicyText:
    if policy.route_mode is RouteMode.BANDS:
        combination = translate(
            N_("The routes are bands of %(fact)s: at most one applies.")
        ) % {"fact": explain.label(policy.band_fact)}
    else:
        combination = translate(
            N_("Of the routes that hold, the one with the highest amount applies.")
        )
    return PolicyText(
        criteria=tuple(describe_criterion(c) for c in policy.criteria),
        combination=combination,
        routes=tuple(
            RouteText(
                name=route.name,
                add_on=route.role is RouteRole.ADD_ON,
                criteria=tuple(describe_criterion(c) for c in route.criteria),
                amount=describe_amount(route.amount),
            )
            for route in policy.routes
        ),
    )


def describe_criterion(rule: CriterionRule) -> str:
    """``fact operator value`` as a sentence fragment: "District: Dongcheng District"."""
    return f"{explain.label(rule.fact)}: {explain.required(rule)}"


def describe_amount(rule: AmountRule) -> str:
    """The amount a route gives, without figures from any enterprise."""
    if rule.kind is AmountKind.NON_MONETARY:
        return translate(N_("a benefit that is not money"))
    text = _AMOUNT_TEXT[rule.kind](rule)
    if rule.kind is AmountKind.UP_TO or rule.up_to:
        text = translate(N_("up to %(amount)s")) % {"amount": text}
    return text


def _label(fact: str) -> str:
    return explain.label(fact)


def _capped(text: str, rule: AmountRule) -> str:
    if rule.cap is None:
        return text
    return translate(N_("%(amount)s, capped at %(cap)s")) % {
        "amount": text,
        "cap": show.money(rule.cap),
    }


def _range(rule: AmountRule) -> str:
    return translate(N_("%(min)s to %(max)s")) % {
        "min": show.money(rule.amount_min),
        "max": show.money(rule.amount_max),
    }


def _percentage(rule: AmountRule) -> str:
    text = translate(N_("%(rate)s of %(base)s")) % {
        "rate": show.percent(rule.rate_pct),
        "base": _label(rule.base_fact),
    }
    return _capped(text, rule)


def _per_unit(rule: AmountRule) -> str:
    return _capped(f"{show.money(rule.amount)} × {_label(rule.base_fact)}", rule)


def _sum_of_terms(rule: AmountRule) -> str:
    terms = [f"{show.money(term.amount)} × {_label(term.fact)}" for term in rule.terms]
    return _capped(" + ".join(terms), rule)


def _rate_schedule(rule: AmountRule) -> str:
    steps = clauses(
        f"{show.fact_value(rule.schedule_fact, step.at)}: {show.percent(step.rate_pct)}"
        for step in rule.schedule
    )
    text = translate(N_("%(base)s × a rate by %(fact)s (%(steps)s)")) % {
        "base": _label(rule.base_fact),
        "fact": _label(rule.schedule_fact),
        "steps": steps,
    }
    if rule.limit_fact:
        text = translate(N_("%(amount)s, counting at most %(limit)s of %(fact)s")) % {
            "amount": text,
            "limit": show.fact_value(rule.limit_fact, rule.limit),
            "fact": _label(rule.limit_fact),
        }
    return _capped(text, rule)


_AMOUNT_TEXT = {
    AmountKind.FIXED: lambda rule: show.money(rule.amount),
    AmountKind.UP_TO: lambda rule: show.money(rule.amount),
    AmountKind.RANGE: _range,
    AmountKind.PERCENTAGE: _percentage,
    AmountKind.PER_UNIT: _per_unit,
    AmountKind.SUM_OF_TERMS: _sum_of_terms,
    AmountKind.RATE_SCHEDULE: _rate_schedule,
}
