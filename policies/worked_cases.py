"""Run worked cases against the published rules and say which no longer hold.

Shared by the admin action and ``manage.py check_cases``, so both report the same
differences in the same words.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from . import selectors
from .models import WorkedCase
from .rules import serialize
from .rules.cases import compare_outcome
from .rules.engine import RuleSet, assess
from .rules.profile import ProfileError, parse


@dataclass(frozen=True)
class CaseRun:
    """One case's run: what differs from the expected outcome (nothing: it holds)."""

    case: WorkedCase
    differences: tuple[str, ...]

    @property
    def holds(self) -> bool:
        return not self.differences


def run_cases(
    cases: Iterable[WorkedCase], *, rule_set: RuleSet | None = None
) -> list[CaseRun]:
    """Assess each case's profile with ``rule_set`` (the published rules by default)
    and compare the outcome with the one the case expects."""
    rules = rule_set if rule_set is not None else selectors.rule_set()
    return [CaseRun(case, tuple(_differences(case, rules))) for case in cases]


def _differences(case: WorkedCase, rules: RuleSet) -> list[str]:
    try:
        profile = parse(case.profile)
    except ProfileError as error:
        return [f"the profile is refused: {error}"]
    outcome = serialize.assessment(assess(profile, rules))
    return compare_outcome(case.expected, outcome)
