"""What publishing a draft would do to the worked cases.

Every case is assessed twice, with the published rules and with the draft in place
of its published version; a case whose outcome differs is listed with what changed,
and one whose expected outcome the draft stops holding is "broken": the publisher must
say the change is intended, and the case then expects the new outcome
(``services.policy_publish_reviewed``). Nothing is written here.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors
from .models import Policy, WorkedCase
from .rules import formatting, serialize
from .rules.cases import compare_outcome, expected_after
from .rules.engine import RuleSet, assess
from .rules.errors import RuleError
from .rules.profile import ProfileError, parse

STATUS_WORDS = {
    "eligible": gettext_lazy("eligible"),
    "needs_info": gettext_lazy("needs information"),
    "not_eligible": gettext_lazy("not eligible"),
}


@dataclass(frozen=True)
class CaseChange:
    """One case whose outcome the draft changes: each change in words, and what no
    longer matches the expected outcome (empty: the case still holds)."""

    case: WorkedCase
    changes: tuple[str, ...]
    differences: tuple[str, ...]
    expected_after: dict

    @property
    def breaks(self) -> bool:
        return bool(self.differences)


def case_changes(
    draft: Policy, cases: Iterable[WorkedCase] | None = None
) -> list[CaseChange]:
    """The worked cases whose outcome changes when ``draft`` replaces its published
    version, broken ones first; none when the draft's rules cannot be compiled (the
    publish check names that problem)."""
    try:
        after_rules = selectors.rule_set_with(policy=draft)
    except RuleError:
        return []
    before_rules = selectors.rule_set()
    found = []
    for case in WorkedCase.objects.all() if cases is None else cases:
        before = _outcome(case, before_rules)
        after = _outcome(case, after_rules)
        if before is None or after is None:
            continue
        changes = _changes(before, after)
        if changes:
            found.append(
                CaseChange(
                    case=case,
                    changes=tuple(changes),
                    differences=_new_differences(case.expected, before, after),
                    expected_after=expected_after(case.expected, after),
                )
            )
    return sorted(found, key=lambda change: not change.breaks)


def _new_differences(expected: Mapping, before: Mapping, after: Mapping) -> tuple:
    """What no longer matches ``expected`` with the draft and did with the published
    rules: a case that fails already is not the draft's doing."""
    failing = set(compare_outcome(expected, before))
    return tuple(d for d in compare_outcome(expected, after) if d not in failing)


def _outcome(case: WorkedCase, rules: RuleSet) -> dict | None:
    try:
        profile = parse(case.profile)
    except ProfileError:
        return None  # the case is refused either way; running the cases says so
    return serialize.assessment(assess(profile, rules))


def _changes(before: Mapping, after: Mapping) -> list[str]:
    """Each policy whose status or amount differs, and the most favorable one."""
    old = {r["code"]: r for r in before["results"]}
    new = {r["code"]: r for r in after["results"]}
    lines = []
    for code in sorted(set(old) | set(new)):
        was, now = _result_words(old.get(code)), _result_words(new.get(code))
        if was != now:
            lines.append(f"{code}: {was} → {now}")
    if before["most_favorable"] != after["most_favorable"]:
        lines.append(
            _("most favorable: %(before)s → %(after)s")
            % {
                "before": before["most_favorable"] or _("none"),
                "after": after["most_favorable"] or _("none"),
            }
        )
    return lines


def _result_words(result: Mapping | None) -> str:
    if result is None:
        return _("not assessed")
    words = str(STATUS_WORDS.get(result["status"], result["status"]))
    amount = result.get("amount")
    if result["status"] == "eligible" and amount and amount.get("max"):
        low, high = amount["min"], amount["max"]
        span = formatting.money(high)
        if low != high:
            span = f"{formatting.money(low)}–{span}"
        words = f"{words}, {span}"
    return words
