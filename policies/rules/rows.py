"""Build policy rules from table rows named as the rule models' fields.

The database (through ``values()`` queries), a fixture file and the tests all hand
over rows of this shape, so they share one path into the engine:

* policy: ``id, code, title, region, route_mode, band_fact, stacking_group,
  reference_only`` (``region`` is the region's slug);
* route: the ``Route`` model's fields, with ``id`` and ``policy`` (the policy's id);
* criterion: ``id, policy, route`` (``None`` for the whole policy), ``order``,
  ``fact, operator, value``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from .amounts import AmountRule, Rate, Term
from .criteria import CriterionRule
from .definitions import PolicyRule, RouteRule, check_policy
from .errors import RuleError

Row = Mapping[str, object]


def policy_rules(
    policies: Iterable[Row], routes: Iterable[Row], criteria: Iterable[Row]
) -> list[PolicyRule]:
    """Checked rules for ``policies``, in the order given; ``RuleError`` if broken.

    Routes and criteria are taken in their ``order``, then ``id``; those of other
    policies are ignored.
    """
    routes_of: dict[object, list[Row]] = defaultdict(list)
    for row in sorted(routes, key=_position):
        routes_of[row["policy"]].append(row)
    criteria_of: dict[tuple[object, object], list[CriterionRule]] = defaultdict(list)
    for row in sorted(criteria, key=_position):
        rule = CriterionRule(row["fact"], row["operator"], row["value"])
        criteria_of[row["policy"], row["route"]].append(rule)
    return [_policy(row, routes_of[row["id"]], criteria_of) for row in policies]


def _position(row: Row) -> tuple[int, int]:
    return (row["order"], row["id"])


def _policy(
    row: Row,
    routes: list[Row],
    criteria_of: Mapping[tuple[object, object], list[CriterionRule]],
) -> PolicyRule:
    try:
        route_rules = tuple(
            RouteRule(
                name=route["name"],
                amount=amount_rule(route),
                criteria=tuple(criteria_of.get((row["id"], route["id"]), ())),
                role=route["role"],
            )
            for route in routes
        )
    except (KeyError, TypeError, InvalidOperation) as error:
        raise RuleError(f"{row['code']}: malformed amount ({error!r})") from error
    return check_policy(
        PolicyRule(
            code=row["code"],
            title=row["title"],
            region=row["region"],
            criteria=tuple(criteria_of.get((row["id"], None), ())),
            routes=route_rules,
            route_mode=row["route_mode"],
            band_fact=row["band_fact"] or "",
            stacking_group=row["stacking_group"],
            reference_only=row["reference_only"],
        )
    )


def amount_rule(row: Row) -> AmountRule:
    """A route row's amount fields as an ``AmountRule``."""
    return AmountRule(
        kind=row["kind"],
        up_to=row["up_to"],
        amount=_decimal(row["amount"]),
        amount_min=_decimal(row["amount_min"]),
        amount_max=_decimal(row["amount_max"]),
        rate_pct=_decimal(row["rate_pct"]),
        base_fact=row["base_fact"] or "",
        cap=_decimal(row["cap"]),
        terms=tuple(Term(t["fact"], _decimal(t["amount"])) for t in row["terms"] or ()),
        schedule_fact=row["schedule_fact"] or "",
        schedule=tuple(
            Rate(_decimal(s["at"]), _decimal(s["rate_pct"]))
            for s in row["schedule"] or ()
        ),
        limit_fact=row["limit_fact"] or "",
        limit=_decimal(row["limit"]),
    )


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))
