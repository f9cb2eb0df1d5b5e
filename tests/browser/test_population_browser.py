"""Issue 14 end to end in real Chromium: a publisher uploads a 500-row registry,
runs it and sees the counts that assessing each row gives, drafts DC-5 with a lower
cap, reads the draft's impact, and downloads the outreach list."""

import csv

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from policies import selectors
from policies.models import Policy
from policies.population.synthetic import synthetic_profiles
from policies.roles import PUBLISHER
from policies.rules.engine import assess
from policies.rules.facts import INPUT_FACTS
from policies.rules.profile import parse
from policies.rules.vocabulary import Status
from tests.browser.test_admin_new_cap_browser import (  # noqa: F401  (fixture)
    admin_server,
    sign_in,
)

pytestmark = pytest.mark.browser
COLUMNS = [fact.name for fact in INPUT_FACTS if fact.name != "tech_fields"]
MILLION = 1_000_000


def write_registry(path, size: int) -> list[dict]:
    """A CSV of synthetic enterprises, a third of them Dongcheng investors; their
    profiles as uploaded (a blank cell is "not known")."""
    raws = []
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["code", "企业名称", "技术领域", *COLUMNS])
        for n, (code, raw) in enumerate(synthetic_profiles(size, seed=14)):
            if n % 3 == 0:
                raw.update(
                    district="dongcheng",
                    high_tech_enterprise=True,
                    equity_investment_this_year=(n + 1) * 3 * MILLION,
                )
            if not raw["tech_fields"]:
                del raw["tech_fields"]
            raws.append(raw)
            cells = ["" if raw.get(k) is None else raw[k] for k in COLUMNS]
            fields = ";".join(raw.get("tech_fields", []))
            writer.writerow([code, f"测试企业{n}", fields, *cells])
    return raws


def per_policy_counts(page: Page) -> dict[str, tuple[int, int, int]]:
    table = page.locator("table", has=page.locator("caption", has_text="Per policy"))
    counts = {}
    for row in table.locator("tbody tr").all():
        code = row.locator("th").inner_text().split()[0]
        cells = [
            int(c.replace(",", "")) for c in row.locator("td").all_inner_texts()[:3]
        ]
        counts[code] = tuple(cells)
    return counts


def expected_counts(raws: list[dict]) -> dict[str, tuple[int, int, int]]:
    rules = selectors.rule_set()
    assessments = [assess(parse(raw), rules) for raw in raws]
    counts = {}
    for policy in rules.policies:
        statuses = [a.outcome(policy.code).status for a in assessments]
        counts[policy.code] = tuple(
            statuses.count(s)
            for s in (Status.ELIGIBLE, Status.NEEDS_INFO, Status.NOT_ELIGIBLE)
        )
    return counts


def test_a_publisher_runs_a_registry_and_reads_a_drafts_impact(
    page: Page,
    admin_server,  # noqa: F811
    tmp_path,
):
    registry = tmp_path / "registry.csv"
    raws = write_registry(registry, 500)
    sign_in(page, admin_server, PUBLISHER)

    page.goto(admin_server.url + reverse("admin:populations"))
    page.get_by_label("CSV or XLSX file").set_input_files(registry)
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator("h1")).to_have_text("registry.csv")
    expect(page.locator(".population-facts")).to_contain_text("500")
    population_url = page.url

    page.get_by_role("button", name="Run", exact=True).click()
    expect(page.locator(".population-facts")).to_contain_text("Done")
    assert per_policy_counts(page) == expected_counts(raws)
    expect(page.locator("svg[role=img]")).to_be_visible()

    published = Policy.objects.published().get(code="DC-5")
    page.goto(
        admin_server.url + reverse("admin:policies_policy_change", args=[published.pk])
    )
    page.get_by_role("link", name="Create draft").click()
    page.get_by_role("button", name="Create draft").click()
    page.locator("#id_routes-0-cap").fill("1000000")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".rules-preview")).to_contain_text("capped at CNY 1,000,000")

    page.goto(population_url)
    page.get_by_label("Rules").select_option(
        label="DC-5 v2: Equity financing incentive"
    )
    page.get_by_role("button", name="Run", exact=True).click()
    impact = page.locator(".draft-impact")
    expect(impact).to_contain_text("What the draft of DC-5 changes")
    expect(impact).to_contain_text("enterprises lose (0 no longer eligible,")
    lose = int(impact.locator(".impact-counts li").nth(1).inner_text().split()[0])
    assert lose > 0
    cost_row = impact.locator("tr", has_text="Sum of DC-5’s amounts")
    expect(cost_row.locator("td").nth(2)).to_contain_text("−CNY")
    expect(impact.locator("table").nth(1).locator("tbody tr")).to_have_count(
        min(10, lose)
    )

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the outreach list (XLSX)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    book = openpyxl.load_workbook(saved, read_only=True)
    enterprises = list(book["Enterprises"].iter_rows(values_only=True))
    assert len(enterprises) == 501
    assert enterprises[1][1] == "测试企业0"
