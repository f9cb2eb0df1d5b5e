"""A run's summary as its page shows it, in the reader's language: policy titles,
district names and money in words, looked up when shown rather than stored, so a
run made in one language reads in the other."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import Policy, PopulationRun
from ..rules.facts import DISTRICTS
from ..rules.formatting import money
from ..rules.text import translate
from .chart import Chart, chart

DISTRICT_NAMES = dict(DISTRICTS)


def district_name(slug: str) -> str:
    if not slug:
        return _("District not given")
    return translate(DISTRICT_NAMES.get(slug, slug))


def policy_titles(codes: list[str]) -> dict[str, str]:
    """The title each code's published version has (or its latest version's)."""
    titles: dict[str, str] = {}
    for policy in Policy.objects.filter(code__in=codes).order_by("code", "-version"):
        if policy.state == Policy.State.PUBLISHED or policy.code not in titles:
            titles[policy.code] = policy.title
    return titles


@dataclass(frozen=True)
class RunPage:
    policies: list[dict]
    districts: list[dict]
    totals: dict
    chart: Chart


def run_page(run: PopulationRun) -> RunPage | None:
    summary = run.summary
    if not summary:
        return None
    titles = policy_titles([row["code"] for row in summary["policies"]])
    policies = [
        {
            **row,
            "title": titles.get(row["code"], ""),
            "sum_min_text": money(row["sum_min"]),
            "sum_max_text": money(row["sum_max"]),
        }
        for row in summary["policies"]
    ]
    districts = [
        {
            **row,
            "name": district_name(row["district"]),
            "estimate_min_text": money(row["estimate_min"]),
            "estimate_max_text": money(row["estimate_max"]),
        }
        for row in summary["districts"]
    ]
    totals = {
        "enterprises": summary["enterprises"],
        "eligible_any": summary["eligible_any"],
        "estimate_min_text": money(summary["estimate_min"]),
        "estimate_max_text": money(summary["estimate_max"]),
    }
    return RunPage(policies, districts, totals, chart(policies, money))
