"""The population pages as a publisher uses them: upload, run, read the counts,
try a draft, export; and closed to staff without ``run_population``."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from policies import selectors, services
from policies.models import Population, PopulationEvent, PopulationRun
from policies.population.synthetic import synthetic_profiles
from policies.rules.engine import assess
from policies.rules.facts import INPUT_FACTS
from policies.rules.profile import parse
from policies.rules.vocabulary import Status
from tests.factories import StaffUserFactory
from tests.mail_queue import run_worker
from tests.population.files import csv_upload

pytestmark = pytest.mark.django_db

COLUMNS = [fact.name for fact in INPUT_FACTS if fact.name != "tech_fields"]
MILLION = 1_000_000


def registry_rows(size: int) -> tuple[list[list[object]], list[dict]]:
    """A CSV table of synthetic enterprises, half of them in Dongcheng with equity
    investment, and their raw profiles."""
    table = [["code", "technology fields", *COLUMNS]]
    raws = []
    for n, (code, raw) in enumerate(synthetic_profiles(size, seed=21)):
        if n % 2:
            raw.update(
                district="dongcheng", equity_investment_this_year=n * 2 * MILLION
            )
        if not raw["tech_fields"]:
            del raw["tech_fields"]  # a blank cell is "not known", not "none"
        raws.append(raw)
        cells = ["" if raw.get(k) is None else raw[k] for k in COLUMNS]
        table.append([code, ";".join(raw.get("tech_fields", [])), *cells])
    return table, raws


@pytest.fixture
def publisher(client, seed_policies):
    user = StaffUserFactory(role="Publisher")
    client.force_login(user)
    return user


def upload(client, table) -> Population:
    response = client.post(
        reverse("admin:populations"),
        {"upload-name": "Test registry", "upload-file": csv_upload(table)},
    )
    assert response.status_code == 302, response.context["upload"].errors
    return Population.objects.get()


def test_staff_without_the_permission_cannot_see_populations(client, seed_policies):
    client.force_login(StaffUserFactory(role="Editor"))
    assert client.get(reverse("admin:populations")).status_code == 403


def test_a_run_counts_what_assessing_each_row_gives(client, publisher):
    table, raws = registry_rows(300)
    population = upload(client, table)
    response = client.post(reverse("admin:population", args=[population.pk]), {})
    run = PopulationRun.objects.get()
    assert response.url == reverse("admin:population_run", args=[run.pk])
    assert run.state == "done" and run.rows_done == 300
    page = client.get(response.url)
    rules = selectors.rule_set()
    for row in page.context["page"].policies:
        outcomes = [assess(parse(raw), rules).outcome(row["code"]) for raw in raws]
        assert row["eligible"] == sum(o.status is Status.ELIGIBLE for o in outcomes)
        assert row["needs_info"] == sum(o.status is Status.NEEDS_INFO for o in outcomes)
    assert b"<svg" in page.content
    actions = list(PopulationEvent.objects.values_list("action", "username"))
    assert actions == [("run", publisher.username), ("upload", publisher.username)]


def test_a_bad_file_stores_nothing_and_names_the_rows(client, publisher):
    response = client.post(
        reverse("admin:populations"),
        {"upload-file": csv_upload([["code", "revenue_latest_year"], ["A", "lots"]])},
    )
    assert response.status_code == 200
    assert "row 2, revenue_latest_year: not a number." in response.content.decode()
    assert not Population.objects.exists() and not PopulationEvent.objects.exists()


def test_a_draft_with_a_lower_cap_shows_who_loses_and_what_it_saves(client, publisher):
    table, _raws = registry_rows(400)
    population = upload(client, table)
    published = services.Policy.objects.get(code="DC-5", state="published")
    draft = services.policy_create_draft(policy=published, user=publisher)
    draft.routes.update(cap=1_000_000)
    client.post(reverse("admin:population", args=[population.pk]), {"draft": draft.pk})
    run = PopulationRun.objects.get(draft=draft)
    page = client.get(reverse("admin:population_run", args=[run.pk]))
    impact = page.context["impact"]
    assert impact.policy == "DC-5" and impact.gain == impact.no_longer_eligible == 0
    assert impact.lose == impact.less > 0
    assert impact.cost_change[1] < 0
    assert len(impact.largest) == min(10, impact.lose)
    assert "With the draft: eligible" in impact.largest[0].reasons[1]


def test_the_outreach_list_lists_the_eligible_and_is_logged(client, publisher):
    table, _raws = registry_rows(50)
    population = upload(client, table)
    client.post(reverse("admin:population", args=[population.pk]), {})
    run = PopulationRun.objects.get()
    response = client.get(reverse("admin:population_run_export", args=[run.pk]))
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["About", "Outreach", "Enterprises"]
    enterprises = list(book["Enterprises"].iter_rows(values_only=True))
    assert len(enterprises) == 51
    assert PopulationEvent.objects.filter(action="export").exists()


def test_a_large_population_runs_in_the_background_with_progress(
    client, publisher, settings
):
    settings.POPULATION_INLINE_ROWS = 10
    settings.POPULATION_PROCESSES = 2
    table, raws = registry_rows(30)
    population = upload(client, table)
    response = client.post(reverse("admin:population", args=[population.pk]), {})
    run = PopulationRun.objects.get()
    assert (run.state, run.rows_done, run.rows_total) == ("queued", 0, 30)
    page = client.get(response.url).content.decode()
    assert "0 of 30 enterprises assessed" in page
    assert '<meta http-equiv="refresh"' in page

    run_worker()

    run.refresh_from_db()
    assert (run.state, run.rows_done) == ("done", 30)
    assert run.summary["enterprises"] == 30
    assert '<meta http-equiv="refresh"' not in client.get(response.url).content.decode()


def dc5_draft(publisher, cap: int = 1_000_000):
    """A draft of DC-5 with a lower cap than the published 5,000,000."""
    published = services.Policy.objects.get(code="DC-5", state="published")
    draft = services.policy_create_draft(policy=published, user=publisher)
    draft.routes.update(cap=cap)
    return draft


def test_the_publish_confirmation_shows_the_drafts_impact_on_a_chosen_population(
    client, publisher
):
    table, _raws = registry_rows(200)
    population = upload(client, table)
    draft = dc5_draft(publisher)
    url = reverse("admin:policies_policy_version", args=[draft.pk, "publish"])

    offered = client.get(url).content.decode()
    assert f"?population={population.pk}#review-impact" in offered
    assert not PopulationRun.objects.exists()

    chosen = client.get(url, {"population": population.pk}).content.decode()
    assert "What the draft of DC-5 changes" in chosen
    assert "enterprises lose (0 no longer eligible," in chosen
    client.get(url, {"population": population.pk})
    assert PopulationRun.objects.filter(draft=draft).count() == 1  # reused


def test_the_publish_confirmation_leaves_populations_out_without_the_permission(
    client, publisher
):
    table, _raws = registry_rows(20)
    population = upload(client, table)
    draft = dc5_draft(publisher)
    other = StaffUserFactory()
    other.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_policy", "change_policy", "publish_policy"]
        )
    )
    client.force_login(other)
    url = reverse("admin:policies_policy_version", args=[draft.pk, "publish"])
    page = client.get(url, {"population": population.pk})
    assert page.status_code == 200
    assert "review-impact" not in page.content.decode()
    assert not PopulationRun.objects.exists()


def test_deleting_a_population_needs_the_box_ticked_and_is_logged(client, publisher):
    table, _raws = registry_rows(5)
    population = upload(client, table)
    url = reverse("admin:population", args=[population.pk])
    client.post(url, {"delete": "1"})
    assert Population.objects.filter(pk=population.pk).exists()
    client.post(url, {"delete": "1", "confirm": "on"})
    assert not Population.objects.exists()
    assert PopulationEvent.objects.filter(action="delete").get().population is None


def test_a_queued_run_of_a_population_deleted_meanwhile_is_dropped(
    client, publisher, settings
):
    settings.POPULATION_INLINE_ROWS = 1
    table, _raws = registry_rows(3)
    population = upload(client, table)
    client.post(reverse("admin:population", args=[population.pk]), {})
    client.post(
        reverse("admin:population", args=[population.pk]),
        {"delete": "1", "confirm": "on"},
    )

    run_worker()

    assert not PopulationRun.objects.exists()
    task = DBTaskResult.objects.get(task_path__endswith="execute_run_task")
    assert (task.status, task.return_value) == ("SUCCESSFUL", "deleted")
