"""Routes: each amount kind needs some fields and must leave the others empty.

What staff see on a route is then exactly what the engine computes: a percentage
route with a stray fixed amount, or a cap of zero, is refused rather than ignored.
"""

from collections.abc import Mapping
from decimal import Decimal

from ..criteria import NUMERIC_TYPES
from ..facts import CATALOGUE
from ..text import N_, translate
from ..vocabulary import AMOUNT_KIND_LABELS, AmountKind, RouteRole
from .common import as_decimal as _as_decimal
from .common import say as _say

AMOUNT_FIELDS = (
    "amount",
    "amount_min",
    "amount_max",
    "rate_pct",
    "base_fact",
    "cap",
    "terms",
    "schedule_fact",
    "schedule",
    "limit_fact",
    "limit",
)
NEEDS: Mapping[AmountKind, tuple[str, ...]] = {
    AmountKind.FIXED: ("amount",),
    AmountKind.RANGE: ("amount_min", "amount_max"),
    AmountKind.UP_TO: ("amount",),
    AmountKind.PERCENTAGE: ("rate_pct", "base_fact", "cap"),
    AmountKind.PER_UNIT: ("amount", "base_fact", "cap"),
    AmountKind.SUM_OF_TERMS: ("terms",),
    AmountKind.RATE_SCHEDULE: (
        "schedule_fact",
        "schedule",
        "base_fact",
        "limit_fact",
        "limit",
        "cap",
    ),
    AmountKind.NON_MONETARY: (),
}
OPTIONAL: Mapping[AmountKind, tuple[str, ...]] = {AmountKind.SUM_OF_TERMS: ("cap",)}
_MONEY_FIELDS = ("amount", "amount_min", "amount_max", "cap")
_FACT_FIELDS = ("base_fact", "schedule_fact", "limit_fact")


def check_route(values: Mapping[str, object]) -> dict[str, list[str]]:
    """Check a route's amount against its kind; return messages by field name.

    Every kind needs certain fields and must leave the others empty, so that what
    staff see on the form is exactly what the engine will compute.
    """
    errors: dict[str, list[str]] = {}

    def refuse(name: str, message: str, **params: object) -> None:
        errors.setdefault(name, []).append(_say(message, **params))

    try:
        kind = AmountKind(values.get("kind"))
    except ValueError:
        refuse("kind", N_("Choose an amount kind."))
        return errors
    label = translate(AMOUNT_KIND_LABELS[kind])
    needed = NEEDS[kind]
    allowed = needed + OPTIONAL.get(kind, ())
    for name in AMOUNT_FIELDS:
        given = not _is_empty(values.get(name))
        if name in needed and not given:
            refuse(name, N_("“%(kind)s” needs this."), kind=label)
        elif name not in allowed and given:
            refuse(
                name, N_("Leave this empty: “%(kind)s” does not use it."), kind=label
            )
    if values.get("up_to") and kind is AmountKind.NON_MONETARY:
        refuse("up_to", N_("A non-monetary benefit has no amount to be “up to”."))
    if values.get("up_to") and kind is AmountKind.RANGE:
        refuse("up_to", N_("A range already says how low it may go."))
    if kind is AmountKind.NON_MONETARY and values.get("role") == RouteRole.ADD_ON:
        refuse("kind", N_("An add-on adds money; it cannot be non-monetary."))
    for name in _MONEY_FIELDS:
        if name in allowed and not _is_empty(values.get(name)):
            _check_money(values[name], name, refuse, zero_ok=name == "amount_min")
    low, high = (
        _as_decimal(values.get("amount_min")),
        _as_decimal(values.get("amount_max")),
    )
    if (
        kind is AmountKind.RANGE
        and low is not None
        and high is not None
        and low >= high
    ):
        refuse("amount_max", N_("The range must end above where it starts."))
    if "rate_pct" in allowed and not _is_empty(values.get("rate_pct")):
        _check_rate(values["rate_pct"], "rate_pct", refuse)
    limit = _as_decimal(values.get("limit"))
    if "limit" in allowed and limit is not None and limit <= 0:
        refuse("limit", N_("The limit must be above zero."))
    for name in _FACT_FIELDS:
        if name in allowed and not _is_empty(values.get(name)):
            _check_numeric_fact(values[name], name, refuse)
    if "terms" in allowed and not _is_empty(values.get("terms")):
        _check_terms(values["terms"], refuse)
    if "schedule" in allowed and not _is_empty(values.get("schedule")):
        _check_schedule(values["schedule"], refuse)
    return errors


def _is_empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _check_money(value: object, name: str, refuse, *, zero_ok: bool = False) -> None:
    amount = _as_decimal(value)
    if amount is None:
        refuse(name, N_("Enter an amount in CNY."))
    elif amount < 0 or (amount == 0 and not zero_ok):
        refuse(name, N_("The amount must be above zero."))
    elif amount != amount.to_integral_value():
        refuse(name, N_("Amounts are whole CNY."))


def _check_rate(value: object, name: str, refuse) -> None:
    rate = _as_decimal(value)
    if rate is None or rate <= 0 or rate > 100:
        refuse(name, N_("A rate is a percentage above 0 and at most 100."))


def amount_input(name: object) -> bool:
    """Whether an amount may be worked out from fact ``name``: a number the
    enterprise gives (a derived fact may be negative or undefined)."""
    fact = CATALOGUE.get(str(name))
    return fact is not None and fact.type in NUMERIC_TYPES and not fact.derived


def _check_numeric_fact(name_of_fact: object, name: str, refuse) -> None:
    if not amount_input(name_of_fact):
        refuse(name, N_("Choose a figure the enterprise gives, such as an amount."))


def _check_terms(terms: object, refuse) -> None:
    if not isinstance(terms, list):
        refuse("terms", N_('Write a list: [{"fact": "...", "amount": 500000}, ...].'))
        return
    seen: set[str] = set()
    for number, term in enumerate(terms, start=1):
        if not isinstance(term, dict) or set(term) != {"fact", "amount"}:
            refuse(
                "terms",
                N_('Term %(n)s must be {"fact": ..., "amount": ...}.'),
                n=number,
            )
            continue
        if not amount_input(term["fact"]):
            refuse(
                "terms",
                N_("Term %(n)s: “%(fact)s” is not a figure the enterprise gives."),
                n=number,
                fact=term["fact"],
            )
        elif term["fact"] in seen:
            refuse(
                "terms",
                N_("Term %(n)s: %(fact)s is used twice."),
                n=number,
                fact=term["fact"],
            )
        seen.add(str(term["fact"]))
        amount = _as_decimal(term["amount"])
        if amount is None or amount <= 0 or amount != amount.to_integral_value():
            refuse(
                "terms",
                N_("Term %(n)s: the amount must be whole CNY above zero."),
                n=number,
            )


def _check_schedule(schedule: object, refuse) -> None:
    if not isinstance(schedule, list):
        refuse("schedule", N_('Write a list: [{"at": 0, "rate_pct": 30}, ...].'))
        return
    seen: set[Decimal] = set()
    for number, step in enumerate(schedule, start=1):
        if not isinstance(step, dict) or set(step) != {"at", "rate_pct"}:
            refuse(
                "schedule",
                N_('Step %(n)s must be {"at": ..., "rate_pct": ...}.'),
                n=number,
            )
            continue
        at, rate = _as_decimal(step["at"]), _as_decimal(step["rate_pct"])
        if at is None:
            refuse("schedule", N_("Step %(n)s: “at” must be a number."), n=number)
        elif at in seen:
            refuse(
                "schedule",
                N_("Step %(n)s: “at” %(at)s is used twice."),
                n=number,
                at=at,
            )
        else:
            seen.add(at)
        if rate is None or rate <= 0 or rate > 100:
            refuse(
                "schedule",
                N_("Step %(n)s: the rate must be above 0 and at most 100."),
                n=number,
            )
