"""What the results page shows, put together from an ``Assessment`` and the
policies' public data, so that the session's results, a shared link and the
printout read alike and the views stay thin.

The headline says where its estimate comes from (and whether that policy is for
reference only), and which unanswered questions could raise it, with what the
policy behind them could be worth (``rules.potential``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext

from .comparison import join
from .models import Policy
from .rules import explain, potential
from .rules.amounts import Amount
from .rules.engine import Assessment, Outcome
from .rules.formatting import amount_text
from .rules.vocabulary import RouteRole, Status

AnswerLink = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Missing:
    """An answer a policy still needs, and where to give it (none on a shared page)."""

    fact: str
    label: str
    url: str | None


@dataclass
class PolicyResult:
    """One policy's outcome with what the page needs to show about the policy."""

    outcome: Outcome
    policy: Policy
    missing: list[Missing] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.outcome.code

    @property
    def status(self) -> str:
        return self.outcome.status.value

    @property
    def reasons(self) -> list[str]:
        """Why it holds: the policy's criteria, the chosen route's and any add-on's."""
        texts = [c.text for c in self.outcome.own_criteria]
        for route in self.outcome.routes:
            if route.chosen or (route.met and route.rule.role is RouteRole.ADD_ON):
                texts.extend(c.text for c in route.criteria)
        return texts

    @property
    def failures(self) -> list[str]:
        """Why it does not hold: a failed criterion of the policy, else each route's."""
        own = [c.text for c in self.outcome.own_criteria if c.met is False]
        if own:
            return own
        return [
            gettext("%(route)s: %(reason)s")
            % {"route": route.rule.name, "reason": c.text}
            for route in self.outcome.routes
            if route.rule.role is RouteRole.ROUTE
            for c in route.failed
        ]

    @property
    def near_miss(self) -> str:
        """ "R&D intensity: you would qualify with 9% or more; yours is 7.5% (1.5
        percentage points short)"."""
        miss = self.outcome.near_miss
        if miss is None:
            return ""
        rule, values = miss.criterion.rule, self.outcome.values
        return gettext(
            "%(label)s: you would qualify with %(required)s; yours is %(actual)s "
            "(%(gap)s)."
        ) % {
            "label": explain.label(rule.fact),
            "required": explain.required(rule),
            "actual": explain.actual(rule.fact, values),
            "gap": explain.verdict(rule, False, miss.shortfall),
        }

    @property
    def worth(self) -> Amount | None:
        """What the policy could give once its missing answers are in."""
        return potential.could_be_worth(self.outcome)


@dataclass(frozen=True)
class Prospect:
    """A policy whose missing answers could raise the estimate, with what it could
    be worth (``None``: the amount depends on the answers)."""

    result: PolicyResult
    worth: Amount | None


@dataclass
class Results:
    """The outcomes sorted the way the page presents them."""

    assessment: Assessment
    eligible: list[PolicyResult]
    needs_info: list[PolicyResult]
    near_misses: list[PolicyResult]
    not_eligible: list[PolicyResult]
    elsewhere: list[PolicyResult]

    @property
    def estimate(self) -> Amount | None:
        return self.assessment.estimate

    @property
    def sources(self) -> list[PolicyResult]:
        """The policies the estimate adds up: the best of each non-stacking group
        and any ungrouped one, best first."""
        return [
            r
            for r in self.eligible
            if r.outcome.monetary and r.outcome.displaced_by is None
        ]

    @property
    def source_text(self) -> str:
        """ "From DC-2 Office rent subsidy …", naming each policy added up."""
        sources = self.sources
        names = [f"{r.code} {r.policy.title}" for r in sources]
        if len(sources) > 1:
            names = [
                gettext("%(policy)s (%(amount)s)")
                % {"policy": name, "amount": amount_text(r.outcome.amount)}
                for name, r in zip(names, sources, strict=True)
            ]
        return gettext("From %(policies)s.") % {"policies": join(names)}

    @property
    def reference_only_sources(self) -> list[PolicyResult]:
        return [r for r in self.sources if r.policy.is_reference_only]

    @property
    def prospects(self) -> list[Prospect]:
        """Answers still missing that could raise the estimate, by policy."""
        by_code = {r.code: r for r in self.eligible + self.needs_info}
        return [
            Prospect(by_code[p.outcome.code], p.worth)
            for p in potential.prospects(self.assessment)
            if p.outcome.code in by_code
        ]

    @property
    def outside_beijing(self) -> bool:
        """Registered outside Beijing: every policy in the guide needs Beijing."""
        return self.assessment.values.get("in_beijing") is False

    @property
    def most_favorable(self) -> PolicyResult | None:
        best = self.assessment.most_favorable
        return next((r for r in self.eligible if best and r.code == best.code), None)


def _other_district(outcome: Outcome) -> bool:
    """A policy of a district other than the enterprise's (or any, if none given)."""
    district = outcome.policy.district
    return district is not None and district != outcome.values.get("district")


def build_results(
    assessment: Assessment, policies: Mapping[str, Policy], answer_link: AnswerLink
) -> Results:
    """Sort ``assessment``'s outcomes for the page.

    ``policies`` maps each code to its published policy (public data in one
    fetch); ``answer_link(fact)`` says where a missing answer can be given.
    """
    groups: dict[str, list[PolicyResult]] = {
        "eligible": [],
        "needs_info": [],
        "near_misses": [],
        "not_eligible": [],
        "elsewhere": [],
    }
    for outcome in assessment.results:
        policy = policies.get(outcome.code)
        if policy is None:
            continue
        missing = [
            Missing(fact, explain.label(fact), answer_link(fact))
            for fact in outcome.missing
        ]
        result = PolicyResult(outcome, policy, missing)
        if outcome.status is Status.ELIGIBLE:
            groups["eligible"].append(result)
        elif outcome.status is Status.NEEDS_INFO:
            groups["needs_info"].append(result)
        elif _other_district(outcome):
            groups["elsewhere"].append(result)
        elif outcome.near_miss is not None:
            groups["near_misses"].append(result)
        else:
            groups["not_eligible"].append(result)
    best = assessment.most_favorable
    groups["eligible"].sort(key=lambda r: best is None or r.code != best.code)
    return Results(assessment, **groups)
