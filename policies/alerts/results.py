"""What an alert watches: the eligible policies, the headline estimate and the
application dates of those policies, summarised and fingerprinted.

The digest covers the eligible codes, the estimate and the application windows of
the eligible policies (their dates as staff entered them, not today's status), so a
published change to any of them is news, while the calendar moving on is not. The
summary is kept beside the digest so an alert can say what changed. Plain Python.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ..rules.amounts import Amount
from ..rules.engine import Assessment
from ..status import ApplicationStatus, application_status

# (first day, last day, accepted at any time, policy valid until), dates as ISO
# strings or None: what staff entered, from which the status follows.
Window = tuple[str | None, str | None, bool, str | None]
Summary = dict[str, object]


def _amount(amount: Amount | None) -> list[int] | None:
    return None if amount is None else [int(amount.min), int(amount.max)]


def summarize(assessment: Assessment, windows: Mapping[str, Window]) -> Summary:
    """The part of ``assessment`` an alert watches, as JSON-ready data."""
    eligible = {o.code: _amount(o.amount) for o in assessment.eligible}
    return {
        "eligible": eligible,
        "estimate": _amount(assessment.estimate),
        "windows": {code: list(windows[code]) for code in eligible if code in windows},
    }


def digest(summary: Summary) -> str:
    """A fingerprint of the eligible codes, the estimate and their windows."""
    basis = {
        "eligible": sorted(summary["eligible"]),
        "estimate": summary["estimate"],
        "windows": summary["windows"],
    }
    return hashlib.sha256(json.dumps(basis, sort_keys=True).encode()).hexdigest()


def window_status(window: list | tuple | None, today: date) -> ApplicationStatus:
    if window is None:
        return ApplicationStatus.UNANNOUNCED
    opens, closes, rolling, valid_until = window
    return application_status(
        today=today,
        opens=_date(opens),
        closes=_date(closes),
        rolling=rolling,
        valid_until=_date(valid_until),
    )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Change:
    """What differs between two summaries, as an alert tells it."""

    gained: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    estimate_before: list[int] | None = None
    estimate_after: list[int] | None = None
    new_windows: list[str] = field(default_factory=list)

    @property
    def estimate_changed(self) -> bool:
        return self.estimate_before != self.estimate_after

    @property
    def worth_telling(self) -> bool:
        return bool(
            self.gained or self.lost or self.estimate_changed or self.new_windows
        )


def change(before: Summary, after: Summary, *, today: date) -> Change:
    """Policies gained and lost, the estimate before and after, and the policies
    eligible both times whose application window was announced or moved (unless the
    new window has already closed: that is no news to act on)."""
    was, now = before["eligible"], after["eligible"]
    old_windows, new_windows = before["windows"], after["windows"]
    moved = [
        code
        for code in now
        if code in was
        and new_windows.get(code) != old_windows.get(code)
        and window_status(new_windows.get(code), today)
        not in (ApplicationStatus.CLOSED, ApplicationStatus.UNANNOUNCED)
    ]
    return Change(
        gained=[code for code in now if code not in was],
        lost=[code for code in was if code not in now],
        estimate_before=before["estimate"],
        estimate_after=after["estimate"],
        new_windows=moved,
    )
