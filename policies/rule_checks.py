"""Check a policy's saved rules with the same validators the admin forms use.

The forms refuse what they can see on one page; this looks at the policy as stored,
so publishing refuses a broken draft and the admin can warn about a gap between
bands after a save.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import Criterion, Policy, Route
from .rules.errors import RuleError
from .rules.facts import CATALOGUE
from .rules.validation import (
    AMOUNT_FIELDS,
    Band,
    BandReport,
    check_bands,
    check_operator,
    check_route,
    parse_value,
)
from .rules.vocabulary import RouteRole
from .selectors import policy_rule


@dataclass
class RuleCheck:
    """Problems that block publishing, and warnings that staff should read."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def route_values(route: Route) -> dict[str, object]:
    """A route's amount fields as ``check_route`` reads them."""
    names = ("kind", "role", "up_to", *AMOUNT_FIELDS)
    return {name: getattr(route, name) for name in names}


def band_report(
    policy: Policy, routes: Iterable[Route], criteria: Iterable[Criterion]
) -> BandReport:
    """The band check of ``policy`` for the given routes and criteria (saved or not);
    problems are keyed by route primary key."""
    if policy.route_mode != Policy.RouteMode.BANDS or not policy.band_fact:
        return BandReport()
    bounds: dict[int, list[tuple[str, object]]] = defaultdict(list)
    for criterion in criteria:
        if criterion.fact == policy.band_fact and criterion.route_id:
            bounds[criterion.route_id].append((criterion.operator, criterion.value))
    bands = [
        Band(route.pk, route.name, bounds[route.pk])
        for route in routes
        if route.role == RouteRole.ROUTE
    ]
    return check_bands(policy.band_fact, bands)


def policy_rule_check(policy: Policy) -> RuleCheck:
    """Every problem with ``policy``'s saved criteria, routes and bands."""
    routes = list(policy.routes.all())
    criteria = list(policy.criteria.all())
    check = RuleCheck()
    for criterion in criteria:
        fact = CATALOGUE.get(criterion.fact)
        try:
            if fact is None:
                raise RuleError(_("Unknown fact."))
            check_operator(fact, criterion.operator)
            parse_value(fact, criterion.operator, criterion.value)
        except RuleError as error:
            check.errors.append(
                _("Criterion “%(criterion)s”: %(error)s")
                % {"criterion": criterion, "error": error}
            )
    for route in routes:
        for name, messages in check_route(route_values(route)).items():
            label = Route._meta.get_field(name).verbose_name
            check.errors.extend(
                _("Route “%(route)s”, %(field)s: %(error)s")
                % {"route": route.name, "field": label, "error": message}
                for message in messages
            )
    if not any(route.role == RouteRole.ROUTE for route in routes):
        check.errors.append(
            _("There is no route: add one (a non-monetary benefit is a route too).")
        )
    if policy.route_mode == Policy.RouteMode.BANDS and not policy.band_fact:
        check.errors.append(_("Bands need the fact they are over."))
    report = band_report(policy, routes, criteria)
    check.errors.extend(problem.message for problem in report.errors)
    check.warnings.extend(report.warnings)
    if not check.errors:
        try:
            policy_rule(policy=policy)
        except RuleError as error:
            check.errors.append(str(error))
    return check
