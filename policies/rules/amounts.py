"""The closed set of amount kinds, their arithmetic and its explanation.

Every amount is a range ``{min, max}`` of whole CNY: exact amounts have min = max,
"up to X" runs from 0, and "X percent of B, up to C" is exact and limited by its cap.
A route flagged ``up_to`` turns a computed value V into 0 to V. The arithmetic
multiplies before it divides and rounds once, at the end, half up to the whole yuan
(30% of a rent of 95 for 3,000 of 9,000 m² is 9.5, paid as 10). Adding a kind is
code with tests; using one is data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from . import formatting as show
from .errors import RuleError
from .facts import CATALOGUE, MISSING
from .text import N_, listing, say, translate
from .vocabulary import AmountKind

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount of whole CNY, from ``min`` to ``max``."""

    min: Decimal
    max: Decimal

    def __add__(self, other: Amount) -> Amount:
        return Amount(self.min + other.min, self.max + other.max)

    @property
    def key(self) -> tuple[Decimal, Decimal]:
        """What "more favorable" compares: the higher maximum, then the higher minimum."""
        return (self.max, self.min)


@dataclass(frozen=True, slots=True)
class Term:
    """One part of a sum: ``amount`` CNY per unit of ``fact``."""

    fact: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Rate:
    """One step of a rate schedule: ``rate_pct`` when the schedule fact equals ``at``."""

    at: Decimal
    rate_pct: Decimal


@dataclass(frozen=True, slots=True)
class AmountRule:
    """A route's amount: its kind and the parameters that kind reads."""

    kind: AmountKind
    up_to: bool = False
    amount: Decimal | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    rate_pct: Decimal | None = None
    base_fact: str = ""
    cap: Decimal | None = None
    terms: tuple[Term, ...] = ()
    schedule_fact: str = ""
    schedule: tuple[Rate, ...] = ()
    limit_fact: str = ""
    limit: Decimal | None = None

    @property
    def monetary(self) -> bool:
        return self.kind is not AmountKind.NON_MONETARY

    @property
    def inputs(self) -> tuple[str, ...]:
        """The facts a computed amount reads (none for fixed amounts)."""
        facts = (self.base_fact, self.schedule_fact, self.limit_fact)
        return tuple(f for f in facts if f) + tuple(t.fact for t in self.terms)

    @property
    def ceiling(self) -> Decimal | None:
        """The most this amount can be; ``None`` when a computed amount has no cap."""
        fixed = {
            AmountKind.FIXED: self.amount,
            AmountKind.UP_TO: self.amount,
            AmountKind.RANGE: self.amount_max,
            AmountKind.NON_MONETARY: ZERO,
        }
        return fixed.get(self.kind, self.cap)


# What an amount function returns for a non-monetary benefit.
NO_AMOUNT = None
AmountFunction = Callable[[Mapping[str, object]], "Amount | tuple[str, ...] | None"]


def _percentage(rule: AmountRule, values: Mapping[str, object]) -> Decimal:
    return rule.rate_pct * values[rule.base_fact] / HUNDRED


def _per_unit(rule: AmountRule, values: Mapping[str, object]) -> Decimal:
    return rule.amount * values[rule.base_fact]


def _sum_of_terms(rule: AmountRule, values: Mapping[str, object]) -> Decimal:
    return sum((t.amount * values[t.fact] for t in rule.terms), ZERO)


def _scheduled_rate(rule: AmountRule, values: Mapping[str, object]) -> Decimal | None:
    at = values[rule.schedule_fact]
    return next((step.rate_pct for step in rule.schedule if step.at == at), None)


def _over_limit(rule: AmountRule, values: Mapping[str, object]) -> bool:
    """Whether the limited fact exceeds its limit (4,000 m² over 3,000)."""
    return bool(rule.limit_fact) and values[rule.limit_fact] > rule.limit


def _rate_schedule(rule: AmountRule, values: Mapping[str, object]) -> Decimal:
    """Rate × base, times limit / actual past the limit: every factor multiplied
    before the one division, so no intermediate is rounded."""
    rate = _scheduled_rate(rule, values) or ZERO
    product = rate * values[rule.base_fact]
    if not _over_limit(rule, values):
        return product / HUNDRED
    return product * rule.limit / (HUNDRED * values[rule.limit_fact])


_COMPUTE: Mapping[AmountKind, Callable[[AmountRule, Mapping[str, object]], Decimal]] = {
    AmountKind.PERCENTAGE: _percentage,
    AmountKind.PER_UNIT: _per_unit,
    AmountKind.SUM_OF_TERMS: _sum_of_terms,
    AmountKind.RATE_SCHEDULE: _rate_schedule,
}


def _fixed(rule: AmountRule) -> Amount | None:
    """The amount of a kind that reads no fact; ``None`` for a computed kind."""
    if rule.kind in (AmountKind.FIXED, AmountKind.UP_TO):
        return _span(rule, rule.amount, zero_floor=rule.kind is AmountKind.UP_TO)
    if rule.kind is AmountKind.RANGE:
        return Amount(rule.amount_min, rule.amount_max)
    return None


def _span(rule: AmountRule, value: Decimal, *, zero_floor: bool = False) -> Amount:
    return Amount(ZERO if rule.up_to or zero_floor else value, value)


def _capped(rule: AmountRule, values: Mapping[str, object]) -> Decimal:
    value = show.whole_cny(_COMPUTE[rule.kind](rule, values))
    return value if rule.cap is None or value <= rule.cap else rule.cap


# Kinds whose value only grows with each input (inputs are never negative).
_RISING = frozenset(
    {AmountKind.PERCENTAGE, AmountKind.PER_UNIT, AmountKind.SUM_OF_TERMS}
)


def _cap_reached(
    rule: AmountRule, values: Mapping[str, object], missing: tuple[str, ...]
) -> bool:
    """Whether the inputs given already reach the cap, whatever the missing ones
    (at their least, zero), so that the amount is the cap and nothing is asked."""
    if rule.cap is None or rule.kind not in _RISING:
        return False
    least = {**values, **dict.fromkeys(missing, ZERO)}
    return _COMPUTE[rule.kind](rule, least) >= rule.cap


def compile_amount(rule: AmountRule) -> AmountFunction:
    """A closure giving the amount for derived values, for the hot path.

    It returns an ``Amount``, ``NO_AMOUNT`` for a non-monetary benefit, or the tuple
    of input facts that are missing, which leaves the amount undecided.
    """
    if not rule.monetary:
        return lambda values: NO_AMOUNT
    fixed = _fixed(rule)
    if fixed is not None:
        return lambda values: fixed

    def amount(values: Mapping[str, object]) -> Amount | tuple[str, ...]:
        missing = _missing(rule, values)
        if not missing:
            return _span(rule, _capped(rule, values))
        return _span(rule, rule.cap) if _cap_reached(rule, values, missing) else missing

    return amount


def compute(rule: AmountRule, values: Mapping[str, object]) -> Amount | None:
    """The amount once, outside the hot path; ``None`` when it is not decided."""
    result = compile_amount(rule)(values)
    return result if isinstance(result, Amount) else None


def explain(rule: AmountRule, values: Mapping[str, object]) -> str:
    """The arithmetic in words, such as "30% × CNY 5,000,000 = CNY 1,500,000,
    under the CNY 3,000,000 cap"."""
    if not rule.monetary:
        return translate(N_("a benefit that is not money"))
    if rule.kind is AmountKind.RANGE:
        text = say(
            N_("%(min)s to %(max)s"),
            min=show.money(rule.amount_min),
            max=show.money(rule.amount_max),
        )
    elif _fixed(rule) is not None:
        text = show.money(rule.amount)
    elif not _missing(rule, values):
        text = _arithmetic(rule, values)
    elif _cap_reached(rule, values, _missing(rule, values)):
        text = say(
            N_("%(cap)s, the cap: the figures given already reach it"),
            cap=show.money(rule.cap),
        )
    else:
        text = say(
            N_("worked out from %(facts)s, once given"),
            facts=listing(translate(CATALOGUE[f].label) for f in rule.inputs),
        )
    if rule.up_to or rule.kind is AmountKind.UP_TO:
        return say(N_("up to %(amount)s"), amount=text)
    return text


def _missing(rule: AmountRule, values: Mapping[str, object]) -> tuple[str, ...]:
    return tuple(name for name in rule.inputs if values[name] is MISSING)


def _arithmetic(rule: AmountRule, values: Mapping[str, object]) -> str:
    exact = _COMPUTE[rule.kind](rule, values)
    raw = show.whole_cny(exact)
    text = f"{_EXPRESSION[rule.kind](rule, values)} = {show.money(raw)}"
    if exact != raw:
        text = say(
            N_(
                "%(expression)s %(equals)s %(exact)s, rounded half up to the whole "
                "yuan: %(amount)s"
            ),
            expression=_EXPRESSION[rule.kind](rule, values),
            equals="=" if exact == show.cents(exact) else "≈",
            exact=show.money(exact),
            amount=show.money(raw),
        )
    if rule.cap is None:
        return text
    message = N_("%(text)s, under the %(cap)s cap")
    if raw > rule.cap:
        message = N_("%(text)s, capped at %(cap)s")
    return say(message, text=text, cap=show.money(rule.cap))


def _percentage_expression(rule: AmountRule, values: Mapping[str, object]) -> str:
    return f"{show.percent(rule.rate_pct)} × {_base(rule.base_fact, values)}"


def _per_unit_expression(rule: AmountRule, values: Mapping[str, object]) -> str:
    return f"{show.money(rule.amount)} × {_base(rule.base_fact, values)}"


def _sum_expression(rule: AmountRule, values: Mapping[str, object]) -> str:
    parts = (f"{show.money(t.amount)} × {_base(t.fact, values)}" for t in rule.terms)
    return " + ".join(parts)


def _schedule_expression(rule: AmountRule, values: Mapping[str, object]) -> str:
    rate = _scheduled_rate(rule, values)
    if rate is None:
        return say(
            N_("no rate for %(fact)s %(value)s"),
            fact=translate(CATALOGUE[rule.schedule_fact].label),
            value=show.fact_value(rule.schedule_fact, values[rule.schedule_fact]),
        )
    text = f"{show.percent(rate)} × {_base(rule.base_fact, values)}"
    if not _over_limit(rule, values):
        return text
    actual = show.fact_value(rule.limit_fact, values[rule.limit_fact])
    return f"{text} × {show.number(rule.limit)} / {actual}"


def _base(name: str, values: Mapping[str, object]) -> str:
    return show.fact_value(name, values[name])


_EXPRESSION = {
    AmountKind.PERCENTAGE: _percentage_expression,
    AmountKind.PER_UNIT: _per_unit_expression,
    AmountKind.SUM_OF_TERMS: _sum_expression,
    AmountKind.RATE_SCHEDULE: _schedule_expression,
}

_REQUIRED: Mapping[AmountKind, tuple[str, ...]] = {
    AmountKind.FIXED: ("amount",),
    AmountKind.UP_TO: ("amount",),
    AmountKind.RANGE: ("amount_min", "amount_max"),
    AmountKind.PERCENTAGE: ("rate_pct", "base_fact"),
    AmountKind.PER_UNIT: ("amount", "base_fact"),
    AmountKind.SUM_OF_TERMS: ("terms",),
    AmountKind.RATE_SCHEDULE: ("schedule", "schedule_fact", "base_fact"),
    AmountKind.NON_MONETARY: (),
}


def check(rule: AmountRule) -> AmountRule:
    """Return ``rule`` with its kind as an ``AmountKind``, or raise ``RuleError``.

    Each kind needs its own parameters; money is never negative; a computed
    amount reads input facts that are numbers (derived facts could be negative or
    undefined, which no amount can be).
    """
    try:
        kind = AmountKind(rule.kind)
    except ValueError:
        raise RuleError(
            say(N_("Unknown amount kind “%(kind)s”."), kind=rule.kind)
        ) from None
    for name in _REQUIRED[kind]:
        if getattr(rule, name) in (None, "", ()):
            raise RuleError(
                say(
                    N_("A “%(kind)s” amount needs %(field)s."),
                    kind=kind.value,
                    field=name,
                )
            )
    if bool(rule.limit_fact) != (rule.limit is not None):
        raise RuleError(translate(N_("A limit needs both its fact and its value.")))
    numbers = [rule.amount, rule.amount_min, rule.amount_max, rule.rate_pct, rule.cap]
    numbers += [rule.limit] + [t.amount for t in rule.terms]
    if any(n is not None and n < 0 for n in numbers):
        raise RuleError(translate(N_("Amounts, rates and caps cannot be negative.")))
    if kind is AmountKind.RANGE and rule.amount_min > rule.amount_max:
        raise RuleError(translate(N_("A range must not run from more to less.")))
    if kind is AmountKind.RANGE and rule.up_to:
        raise RuleError(translate(N_("A range already says how low it may go.")))
    for name in rule.inputs:
        fact = CATALOGUE.get(name)
        if fact is None or fact.derived or not fact.numeric:
            raise RuleError(
                say(N_("An amount cannot be worked out from “%(fact)s”."), fact=name)
            )
    return replace(rule, kind=kind)
