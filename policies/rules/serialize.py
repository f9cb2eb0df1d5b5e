"""The JSON forms: an assessment as the API and ``manage.py assess`` return it, and a
policy's rules as open data.

Amounts are whole CNY as integers; an undefined or missing value is ``null``. Keys
beyond the contract (the route taken, the arithmetic, the near miss, what displaced
an outcome) are extras the contract welcomes.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

from .amounts import Amount, AmountRule
from .criteria import CriterionRule
from .definitions import PolicyRule, RouteRule
from .facts import Unknown
from .outcomes import Assessment, CriterionResult, NearMiss, Outcome


def json_value(value: object) -> object:
    """A fact or rule value as JSON: Decimal as int when whole, sets as sorted lists."""
    if isinstance(value, Unknown):
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, frozenset):
        return sorted(json_value(v) for v in value)
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value


def amount(value: Amount | None) -> dict[str, int] | None:
    if value is None:
        return None
    return {"min": int(value.min), "max": int(value.max)}


def assessment(result: Assessment) -> dict[str, object]:
    best = result.most_favorable
    return {
        "results": [outcome(o) for o in result.results],
        "most_favorable": best.code if best else None,
        "estimate": amount(result.estimate),
    }


def outcome(result: Outcome) -> dict[str, object]:
    policy = result.policy
    return {
        "code": policy.code,
        "title": policy.title,
        "region": policy.region,
        "status": result.status.value,
        "amount": amount(result.amount),
        "missing": list(result.missing),
        "reference_only": policy.reference_only,
        "criteria": [criterion(c) for c in result.criteria],
        "route": result.route.name if result.route else None,
        "amount_text": result.amount_text,
        "displaced_by": result.displaced_by,
        "near_miss": near_miss(result.near_miss),
    }


def criterion(result: CriterionResult) -> dict[str, object]:
    return {
        **criterion_rule(result.rule),
        "actual": json_value(result.actual),
        "met": result.met,
        "text": result.text,
        "route": result.route,
    }


def near_miss(miss: NearMiss | None) -> dict[str, object] | None:
    if miss is None:
        return None
    return {
        "fact": miss.criterion.rule.fact,
        "route": miss.route,
        "shortfall": json_value(miss.shortfall),
        "text": miss.text,
    }


def criterion_rule(rule: CriterionRule) -> dict[str, object]:
    return {
        "fact": rule.fact,
        "operator": rule.operator.value,
        "value": json_value(rule.value),
    }


def policy_rule(policy: PolicyRule) -> dict[str, object]:
    """A policy's rules as open data, in the rule models' own field names."""
    return {
        "code": policy.code,
        "title": policy.title,
        "region": policy.region,
        "reference_only": policy.reference_only,
        "stacking_group": policy.stacking_group,
        "route_mode": policy.route_mode.value,
        "band_fact": policy.band_fact or None,
        "criteria": [criterion_rule(c) for c in policy.criteria],
        "routes": [route_rule(r) for r in policy.routes],
    }


def route_rule(route: RouteRule) -> dict[str, object]:
    return {
        "name": route.name,
        "role": route.role.value,
        "amount": amount_rule(route.amount),
        "criteria": [criterion_rule(c) for c in route.criteria],
    }


def amount_rule(rule: AmountRule) -> dict[str, object]:
    """The parameters the amount's kind uses; unset ones are left out."""
    data: dict[str, object] = {"kind": rule.kind.value, "up_to": rule.up_to}
    for field in fields(AmountRule):
        value = getattr(rule, field.name)
        if field.name not in data and value not in (None, "", ()):
            data[field.name] = _parameter(value)
    return data


def _parameter(value: object) -> object:
    if isinstance(value, tuple):
        return [
            {f.name: _parameter(getattr(v, f.name)) for f in fields(v)} for v in value
        ]
    return json_value(value)
