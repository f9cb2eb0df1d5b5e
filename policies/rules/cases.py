"""Worked cases: a profile with the outcome staff expect, compared with what the engine
says.

The expected outcome has the shape of the specification's examples::

    {"eligible": {"DC-1": [500000, 500000], "BJ-3": null},
     "needs_info": ["BJ-1"], "not_eligible": ["DC-2"], "most_favorable": ["DC-5"]}

``eligible`` is the complete set of eligible policies, each with ``[min, max]`` (a
``null`` min accepts any minimum) or ``null`` for a non-monetary benefit;
``needs_info`` and ``not_eligible`` name policies that must have that status;
``most_favorable`` lists the acceptable answers (``null`` for none). The comparison
reads the assessment in its JSON form (the API contract), so the admin, the command
line and the API are held to the same answer.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from .amounts import Amount
from .formatting import amount_text, money
from .text import N_, say, translate
from .vocabulary import STATUS_LABELS

EXPECTED_KEYS = ("eligible", "needs_info", "not_eligible", "most_favorable")
TOLERANCE = 1  # CNY: amounts are whole yuan, rounded half up


def check_expected(expected: object) -> list[str]:
    """Return what is wrong with an expected outcome (empty when it is well formed)."""
    if not isinstance(expected, Mapping):
        return [say(N_("The expected outcome must be a JSON object."))]
    problems = [
        say(
            N_("Unknown key “%(key)s”; use %(keys)s."),
            key=key,
            keys=", ".join(EXPECTED_KEYS),
        )
        for key in expected
        if key not in EXPECTED_KEYS
    ]
    eligible = expected.get("eligible", {})
    if not isinstance(eligible, Mapping):
        problems.append(
            say(N_("“eligible” must be an object of code: [min, max] or null."))
        )
        eligible = {}
    for code, span in eligible.items():
        problems.extend(_check_span(code, span))
    seen: dict[str, str] = dict.fromkeys(eligible, "eligible")
    for key in ("needs_info", "not_eligible"):
        codes = expected.get(key, [])
        if not _is_list_of(codes, str):
            problems.append(
                say(N_("“%(key)s” must be a list of policy codes."), key=key)
            )
            continue
        for code in codes:
            if code in seen:
                problems.append(
                    say(
                        N_(
                            "%(code)s is listed under both “%(first)s” and “%(second)s”."
                        ),
                        code=code,
                        first=seen[code],
                        second=key,
                    )
                )
            seen[code] = key
    favorable = expected.get("most_favorable")
    if not isinstance(favorable, list) or not favorable:
        problems.append(
            say(N_("“most_favorable” must be a non-empty list (null for none)."))
        )
    elif not all(item is None or isinstance(item, str) for item in favorable):
        problems.append(
            say(N_("“most_favorable” may hold policy codes and null only."))
        )
    return problems


def compare_outcome(expected: Mapping, outcome: Mapping) -> list[str]:
    """Return every difference between ``expected`` and an assessment's JSON form.

    An empty list means the case holds. Each difference names the policy and says
    what was expected and what the engine said, so staff can act on it.
    """
    results = {r["code"]: r for r in outcome.get("results", [])}
    differences: list[str] = []
    eligible = expected.get("eligible", {})
    for code in sorted(set(eligible) | _codes_with(results, "eligible")):
        if code not in eligible:
            differences.append(
                say(
                    N_(
                        "%(code)s: eligible (%(amount)s), but the case does not "
                        "expect it to be eligible"
                    ),
                    code=code,
                    amount=_amount_text(results[code].get("amount")),
                )
            )
            continue
        differences.extend(_compare_eligible(code, eligible[code], results.get(code)))
    for status in ("needs_info", "not_eligible"):
        for code in expected.get(status, []):
            actual = results[code].get("status") if code in results else None
            if actual != status:
                differences.append(
                    _expected(code, _status_text(actual), _status_text(status))
                )
    favorable = expected.get("most_favorable", [None])
    if outcome.get("most_favorable") not in favorable:
        none = say(N_("none"))
        wanted = say(N_(" or ")).join(str(code or none) for code in favorable)
        differences.append(
            say(
                N_("most favorable: %(actual)s, expected %(expected)s"),
                actual=outcome.get("most_favorable") or none,
                expected=wanted,
            )
        )
    return differences


def _compare_eligible(
    code: str, span: Sequence | None, result: Mapping | None
) -> list[str]:
    if result is None:
        return [
            say(
                N_("%(code)s: not in the results (no published policy has this code)"),
                code=code,
            )
        ]
    if result.get("status") != "eligible":
        eligible = _status_text("eligible")
        return [_expected(code, _status_text(result.get("status")), eligible)]
    amount = result.get("amount")
    if span is None:
        if amount and amount.get("max"):
            non_monetary = say(N_("a non-monetary benefit"))
            return [_expected(code, _amount_text(amount), non_monetary)]
        return []
    low, high = span
    if not amount:
        return [_expected(code, say(N_("no amount")), _span_text(low, high))]
    off_max = abs((amount.get("max") or 0) - high) > TOLERANCE
    off_min = low is not None and abs((amount.get("min") or 0) - low) > TOLERANCE
    if off_max or off_min:
        return [_expected(code, _amount_text(amount), _span_text(low, high))]
    return []


def _check_span(code: object, span: object) -> list[str]:
    if span is None:
        return []
    numbers = isinstance(span, list) and len(span) == 2
    numbers = numbers and all(_is_number(v) or v is None for v in span)
    if not numbers or span[1] is None:
        return [
            say(
                N_(
                    "%(code)s: the amount must be [min, max] (min may be null) or null."
                ),
                code=code,
            )
        ]
    if span[0] is not None and span[0] > span[1]:
        return [
            say(
                N_("%(code)s: the minimum %(min)s is above the maximum %(max)s."),
                code=code,
                min=money(Decimal(str(span[0]))),
                max=money(Decimal(str(span[1]))),
            )
        ]
    return []


def _codes_with(results: Mapping[str, Mapping], status: str) -> set[str]:
    return {code for code, result in results.items() if result.get("status") == status}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_list_of(value: object, kind: type) -> bool:
    return isinstance(value, list) and all(isinstance(item, kind) for item in value)


def _expected(code: str, actual: str, wanted: str) -> str:
    """One difference: what the engine said against what the case expects."""
    return say(
        N_("%(code)s: %(actual)s, expected %(expected)s"),
        code=code,
        actual=actual,
        expected=wanted,
    )


def _status_text(status: str | None) -> str:
    if status in STATUS_LABELS:
        return translate(STATUS_LABELS[status]).lower()
    return say(N_("not in the results")) if status is None else str(status)


def _span_text(low: object, high: object) -> str:
    """An expected [min, max]: a missing min accepts any minimum."""
    if low is None:
        return say(N_("any amount up to %(max)s"), max=money(Decimal(str(high))))
    return amount_text(Amount(Decimal(str(low)), Decimal(str(high))))


def _amount_text(amount: Mapping | None) -> str:
    if not amount:
        return say(N_("no amount"))
    low, high = amount.get("min") or 0, amount.get("max") or 0
    return amount_text(Amount(Decimal(str(low)), Decimal(str(high))))


def expected_after(previous: Mapping, outcome: Mapping) -> dict[str, object]:
    """An expected outcome that ``outcome`` meets, kept as close to ``previous`` as
    it allows: what a publisher accepts when a rule change is intended.

    ``eligible`` is complete by contract, so it is read from the outcome (a ``null``
    minimum stays ``null`` for a policy still eligible); the policies ``previous``
    named as needing information or not eligible keep being named, under the status
    they have now, and so do the ones it expected eligible that no longer are;
    ``most_favorable`` keeps its list when the outcome's answer is
    on it, and becomes that answer otherwise.
    """
    results = {r["code"]: r for r in outcome.get("results", [])}
    was_eligible = previous.get("eligible", {})
    eligible: dict[str, object] = {}
    for code in sorted(_codes_with(results, "eligible")):
        amount = results[code].get("amount")
        if not amount or not amount.get("max"):
            eligible[code] = None
            continue
        span = was_eligible.get(code)
        low = None if isinstance(span, list) and span[0] is None else amount["min"]
        eligible[code] = [low, amount["max"]]
    named = [
        code
        for code in [*was_eligible, *previous.get("needs_info", [])]
        + previous.get("not_eligible", [])
        if code in results and code not in eligible
    ]
    favorable = previous.get("most_favorable", [None])
    best = outcome.get("most_favorable")
    return {
        "eligible": eligible,
        "needs_info": [c for c in named if results[c]["status"] == "needs_info"],
        "not_eligible": [c for c in named if results[c]["status"] == "not_eligible"],
        "most_favorable": favorable if best in favorable else [best],
    }
