"""The district comparison as its page shows it: one column per district, and the
main differences from the enterprise's own district put in words.

The comparison itself is the engine's (``rules.compare``); this module only turns
it into translated text and links, so the page, its printout and a shared link read
alike and the view stays thin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext, ngettext, pgettext

from .rules.amounts import Amount
from .rules.compare import Column, Comparison, Difference
from .rules.engine import Outcome
from .rules.facts import CATALOGUE
from .templatetags.check_format import amount_text


def district_label(district: str | None) -> str:
    if district is None:
        return gettext("District not given")
    return gettext(CATALOGUE["district"].choice_label(district))


def join(items: list[str]) -> str:
    """ "A", "A and B", "A, B and C", with the separators of the page's language."""
    if len(items) < 2:
        return "".join(items)
    return gettext("%(items)s and %(last)s") % {
        "items": pgettext("list separator", ", ").join(items[:-1]),
        "last": items[-1],
    }


def outcome_text(outcome: Outcome) -> str:
    """ "DC-5 (CNY 1,200,000)", or "CP-1 (not money)" for a non-monetary benefit."""
    amount = amount_text(outcome.amount) if outcome.amount else gettext("not money")
    return gettext("%(code)s (%(amount)s)") % {"code": outcome.code, "amount": amount}


def estimate_text(amount: Amount | None) -> str:
    return amount_text(amount) if amount else gettext("no estimate of money")


def _estimate_sentence(difference: Difference, moved: bool) -> str:
    before, after = difference.estimate_before, difference.estimate_after
    values = {"before": estimate_text(before), "after": estimate_text(after)}
    if not difference.estimate_changed:
        if not moved:
            return ""
        return gettext("The estimate would stay at %(before)s.") % values
    if before is None:
        return gettext("The estimate would be %(after)s, where now there is none.") % (
            values
        )
    if after is None:
        return (
            gettext("There would be no estimate of money, where now it is %(before)s.")
            % values
        )
    if after.key > before.key:
        return gettext("The estimate would rise from %(before)s to %(after)s.") % values
    return gettext("The estimate would fall from %(before)s to %(after)s.") % values


def difference_sentences(difference: Difference, district: str) -> list[str]:
    """The main differences of a move to ``district``, in a few plain sentences."""
    place = district_label(district)
    if difference.none:
        return [
            gettext(
                "In %(district)s you would qualify for the same policies, with the "
                "same estimate."
            )
            % {"district": place}
        ]
    lost = join([outcome_text(o) for o in difference.lost])
    gained = join([outcome_text(o) for o in difference.gained])
    values = {"district": place, "lost": lost, "gained": gained}
    sentences = []
    if lost and gained:
        sentences.append(
            gettext("In %(district)s you would lose %(lost)s, and gain %(gained)s.")
            % values
        )
    elif lost:
        sentences.append(gettext("In %(district)s you would lose %(lost)s.") % values)
    elif gained:
        sentences.append(gettext("In %(district)s you would gain %(gained)s.") % values)
    for before, after in difference.changed:
        sentences.append(
            gettext("%(code)s would change from %(before)s to %(after)s.")
            % {
                "code": before.code,
                "before": estimate_text(before.amount),
                "after": estimate_text(after.amount),
            }
        )
    sentence = _estimate_sentence(difference, bool(lost or gained))
    return sentences + [sentence] if sentence else sentences


@dataclass(frozen=True)
class Item:
    """A policy in a column: its code, title, page, and amount in words."""

    code: str
    title: str
    url: str
    amount: str
    monetary: bool
    best: bool = False
    relies_on_key_status: bool = False


def _item(outcome: Outcome, column: Column) -> Item:
    best = column.most_favorable
    return Item(
        code=outcome.code,
        title=outcome.policy.title,
        url=reverse("policies:policy", kwargs={"code": outcome.code}),
        amount=amount_text(outcome.amount) if outcome.amount else "",
        monetary=outcome.amount is not None,
        best=best is not None and best.code == outcome.code,
        relies_on_key_status=outcome.code in column.relies_on_key_status,
    )


@dataclass
class DistrictView:
    """One column of the table."""

    district: str | None
    label: str
    current: bool
    eligible: list[Item]
    undecided: list[Item]
    estimate: str
    has_estimate: bool
    most_favorable: str
    differences: list[str] = field(default_factory=list)


def district_views(comparison: Comparison) -> list[DistrictView]:
    """The columns in order: the enterprise's own district, then each other one."""
    views = []
    for column in comparison.columns:
        best = column.most_favorable
        views.append(
            DistrictView(
                district=column.district,
                label=district_label(column.district),
                current=column.current,
                eligible=[_item(o, column) for o in column.eligible],
                undecided=[_item(o, column) for o in column.undecided],
                estimate=estimate_text(column.estimate),
                has_estimate=column.estimate is not None,
                most_favorable=best.code if best else "",
                differences=_differences(comparison, column),
            )
        )
    return views


def _differences(comparison: Comparison, column: Column) -> list[str]:
    if column.current:
        return []
    sentences = difference_sentences(comparison.difference(column), column.district)
    own = [o for o in column.undecided if o.policy.district == column.district]
    if own:
        sentences.append(
            ngettext(
                "%(count)s policy of %(district)s needs answers the check did not "
                "ask, as it does not apply where the enterprise is now.",
                "%(count)s policies of %(district)s need answers the check did not "
                "ask, as they do not apply where the enterprise is now.",
                len(own),
            )
            % {"count": len(own), "district": district_label(column.district)}
        )
    if column.relies_on_key_status:
        sentences.append(
            gettext(
                "%(codes)s relies on key-enterprise status, which %(district)s "
                "would decide for itself."
            )
            % {
                "codes": join(list(column.relies_on_key_status)),
                "district": district_label(column.district),
            }
        )
    return sentences
