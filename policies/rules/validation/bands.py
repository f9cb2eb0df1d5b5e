"""Bands: a policy whose routes are bands over one fact must not let them overlap.

Each band's criteria on the fact make an interval; two intervals that share a value
are refused (the amount would depend on which band is read first), a gap between
bands is only reported, since the guide itself leaves one (DC-4 at CNY 1 billion).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..criteria import NUMERIC_TYPES
from ..errors import RuleError
from ..facts import CATALOGUE, Fact
from ..formatting import fact_value
from ..text import N_
from ..vocabulary import Operator
from .common import as_decimal as _as_decimal
from .common import say as _say


@dataclass(frozen=True)
class Interval:
    """The values of the band fact that a route accepts; ``None`` is unbounded."""

    low: Decimal | None = None
    low_closed: bool = False
    high: Decimal | None = None
    high_closed: bool = False

    @property
    def empty(self) -> bool:
        if self.low is None or self.high is None:
            return False
        both_closed = self.low_closed and self.high_closed
        return self.low > self.high or (self.low == self.high and not both_closed)

    def below(self, other: "Interval") -> bool:
        """True when every value of this interval is below every value of ``other``."""
        if self.high is None or other.low is None:
            return False
        touching = self.high == other.low and self.high_closed and other.low_closed
        return self.high < other.low or (self.high == other.low and not touching)

    def intersection(self, other: "Interval") -> "Interval":
        low, low_closed = _tighter_low(
            (self.low, self.low_closed), (other.low, other.low_closed)
        )
        high, high_closed = _tighter_high(
            (self.high, self.high_closed), (other.high, other.high_closed)
        )
        return Interval(low, low_closed, high, high_closed)


def _tighter_low(a, b):
    if a[0] is None:
        return b
    if b[0] is None or a[0] > b[0]:
        return a
    if a[0] == b[0]:
        return (a[0], a[1] and b[1])
    return b


def _tighter_high(a, b):
    if a[0] is None:
        return b
    if b[0] is None or a[0] < b[0]:
        return a
    if a[0] == b[0]:
        return (a[0], a[1] and b[1])
    return b


def band_interval(criteria: Iterable[tuple[str, object]]) -> Interval:
    """The interval that a route's criteria on the band fact allow."""
    interval = Interval()
    for operator, value in criteria:
        number = _as_decimal(value)
        if number is None:
            raise RuleError(_say(N_("A band is bounded by numbers.")))
        bound = {
            Operator.GTE: Interval(low=number, low_closed=True),
            Operator.GT: Interval(low=number),
            Operator.LTE: Interval(high=number, high_closed=True),
            Operator.LT: Interval(high=number),
            Operator.EQ: Interval(number, True, number, True),
        }.get(operator)
        if bound is None:
            raise RuleError(
                _say(
                    N_("A band is bounded with >=, >, <=, < or ==, not “%(op)s”."),
                    op=operator,
                )
            )
        interval = interval.intersection(bound)
    return interval


def describe_interval(interval: Interval, fact_name: str) -> str:
    """An interval of ``fact_name`` in words, e.g. “exactly CNY 1,000,000,000”."""
    low, high = interval.low, interval.high
    if low is not None and low == high:
        return _say(N_("exactly %(value)s"), value=fact_value(fact_name, low))
    if low is None and high is None:
        return _say(N_("any value"))
    if high is None:
        message = (
            N_("%(value)s or more")
            if interval.low_closed
            else N_("more than %(value)s")
        )
        return _say(message, value=fact_value(fact_name, low))
    if low is None:
        message = (
            N_("%(value)s or less")
            if interval.high_closed
            else N_("less than %(value)s")
        )
        return _say(message, value=fact_value(fact_name, high))
    return _say(
        N_("from %(low)s (%(low_end)s) to %(high)s (%(high_end)s)"),
        low=fact_value(fact_name, low),
        high=fact_value(fact_name, high),
        low_end=_say(N_("included") if interval.low_closed else N_("excluded")),
        high_end=_say(N_("included") if interval.high_closed else N_("excluded")),
    )


@dataclass(frozen=True)
class Band:
    """One main route of a banded policy: a key to report back, its name, its criteria
    on the band fact as ``(operator, value)`` pairs."""

    key: object
    name: str
    criteria: Sequence[tuple[str, object]]


@dataclass(frozen=True)
class BandProblem:
    keys: tuple[object, ...]
    message: str


@dataclass
class BandReport:
    """Refusals (overlaps, empty or unbounded bands) and warnings (gaps)."""

    errors: list[BandProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check_bands(fact_name: str, bands: Sequence[Band]) -> BandReport:
    """Check that the bands of a policy over ``fact_name`` do not overlap.

    Overlapping bands would make the amount depend on which one the engine reads
    first, so they are refused. A gap between bands is allowed (the guide's DC-4
    leaves exactly CNY 1 billion uncovered) but reported as a warning.
    """
    report = BandReport()
    fact = CATALOGUE.get(fact_name)
    if fact is None or fact.type not in NUMERIC_TYPES:
        report.errors.append(
            BandProblem((), _say(N_("Bands need a fact that is a number.")))
        )
        return report
    intervals: list[tuple[Band, Interval]] = []
    for band in bands:
        if not band.criteria:
            report.errors.append(
                BandProblem(
                    (band.key,),
                    _say(
                        N_(
                            "“%(band)s” has no criterion on %(fact)s, so it would cover every value."
                        ),
                        band=band.name,
                        fact=fact.name,
                    ),
                )
            )
            continue
        try:
            interval = band_interval(band.criteria)
        except RuleError as error:
            report.errors.append(BandProblem((band.key,), f"“{band.name}”: {error}"))
            continue
        if interval.empty:
            report.errors.append(
                BandProblem(
                    (band.key,),
                    _say(
                        N_("“%(band)s” accepts no value of %(fact)s."),
                        band=band.name,
                        fact=fact.name,
                    ),
                )
            )
            continue
        intervals.append((band, interval))
    for index, (band, interval) in enumerate(intervals):
        for other, other_interval in intervals[index + 1 :]:
            if interval.below(other_interval) or other_interval.below(interval):
                continue
            shared = interval.intersection(other_interval)
            report.errors.append(
                BandProblem(
                    (band.key, other.key),
                    _say(
                        N_(
                            "“%(a)s” and “%(b)s” overlap: both accept %(fact)s %(values)s."
                        ),
                        a=band.name,
                        b=other.name,
                        fact=fact.name,
                        values=describe_interval(shared, fact.name),
                    ),
                )
            )
    if not report.errors:
        report.warnings.extend(_gaps(fact, intervals))
    return report


def _gaps(fact: Fact, intervals: list[tuple[Band, Interval]]) -> list[str]:
    ordered = sorted(intervals, key=lambda item: _low_key(item[1]))
    warnings = []
    for (band, lower), (other, upper) in zip(ordered, ordered[1:], strict=False):
        gap = Interval(
            lower.high, not lower.high_closed, upper.low, not upper.low_closed
        )
        if lower.high is None or upper.low is None or gap.empty:
            continue
        warnings.append(
            _say(
                N_(
                    "No band covers %(fact)s %(values)s (between “%(a)s” and “%(b)s”). If the "
                    "guide means it, keep it and say so in “How we read this”."
                ),
                fact=fact.name,
                values=describe_interval(gap, fact.name),
                a=band.name,
                b=other.name,
            )
        )
    return warnings


def _low_key(interval: Interval) -> tuple[int, Decimal, int]:
    if interval.low is None:
        return (0, Decimal(0), 0)
    return (1, interval.low, 0 if interval.low_closed else 1)
