"""The outreach list: a run's per-enterprise results as an XLSX workbook.

Three sheets: what the list is (population, synthetic or not, rules, who ran it
and when), one row per enterprise and policy that is eligible or needs
information (the outreach rows, with the facts still missing), and one row per
enterprise with its non-stacking estimate. Written in openpyxl's write-only mode,
which streams rows rather than holding the whole sheet.
"""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ..models import PopulationRun
from ..rules.describe import fact_label
from ..rules.facts import CATALOGUE
from .codec import decode_results
from .pages import district_name, policy_titles

BOLD = Font(bold=True)


def _header(sheet, labels: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for label in labels:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = BOLD
        cells.append(cell)
    return cells


def _text(sheet, value: str) -> WriteOnlyCell:
    """Text that stays text: a value starting with "=" is never a formula."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def status_labels() -> dict[str, str]:
    return {
        "eligible": _("Eligible"),
        "needs_info": _("Needs information"),
        "not_eligible": _("Not eligible"),
    }


def outreach_workbook(run: PopulationRun) -> bytes:
    book = Workbook(write_only=True)
    _about(book.create_sheet(_("About")), run)
    outreach = book.create_sheet(_("Outreach"))
    enterprises = book.create_sheet(_("Enterprises"))
    outreach.append(
        _header(
            outreach,
            [
                _("Enterprise code"),
                _("Enterprise name"),
                _("District"),
                _("Policy"),
                _("Policy title"),
                _("Status"),
                _("Amount from (CNY)"),
                _("Amount up to (CNY)"),
                _("Not counted in the estimate: more favorable"),
                _("Facts still needed"),
            ],
        )
    )
    enterprises.append(
        _header(
            enterprises,
            [
                _("Enterprise code"),
                _("Enterprise name"),
                _("District"),
                _("Policies eligible"),
                _("Policies needing information"),
                _("Estimate from (CNY)"),
                _("Estimate up to (CNY)"),
            ],
        )
    )
    titles = policy_titles([row["code"] for row in run.summary["policies"]])
    statuses = status_labels()
    for chunk in run.chunks.order_by("index").values_list("data", flat=True):
        for code, name, district, low, high, outcomes in decode_results(chunk):
            place = district_name(district)
            for policy, status, amount_min, amount_max, displaced, missing in outcomes:
                outreach.append(
                    [
                        _text(outreach, code),
                        _text(outreach, name),
                        place,
                        policy,
                        titles.get(policy, ""),
                        statuses[status],
                        amount_min,
                        amount_max,
                        displaced or "",
                        "; ".join(fact_label(CATALOGUE[f]) for f in missing),
                    ]
                )
            eligible = sum(1 for o in outcomes if o[1] == "eligible")
            enterprises.append(
                [
                    _text(enterprises, code),
                    _text(enterprises, name),
                    place,
                    eligible,
                    len(outcomes) - eligible,
                    low,
                    high,
                ]
            )
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _about(sheet, run: PopulationRun) -> None:
    population = run.population
    rules = (
        _("The published rules with the draft %(draft)s in place")
        % {"draft": run.draft_label}
        if run.draft_label
        else _("The published rules")
    )
    rows = [
        (_("Population"), population.name),
        (
            _("Source"),
            _("Synthetic: generated enterprises, not real ones")
            if population.synthetic
            else population.get_source_display(),
        ),
        (_("Enterprises"), population.row_count),
        (_("Rules"), rules),
        (_("Run by"), run.created_by.get_username() if run.created_by else ""),
        (_("Run at"), timezone.localtime(run.created_at).strftime("%Y-%m-%d %H:%M")),
        (
            _("Delete by"),
            timezone.localtime(population.expires_at).strftime("%Y-%m-%d"),
        ),
    ]
    for label, value in rows:
        sheet.append([_header(sheet, [label])[0], _text(sheet, str(value))])
