"""Publishing with eyes open: the confirmation shows the draft beside the published
version (content in both languages, rules in plain words with the changes marked)
and the worked cases whose outcome it changes; a draft that breaks a case is
published only once the publisher ticks that the change is intended, and the case
then expects the new outcome, in the same transaction."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from policies import services
from policies.case_changes import case_changes
from policies.models import Policy, Route, WorkedCase
from policies.rules.cases import compare_outcome, expected_after
from policies.text_checks import text_contradictions
from policies.version_diff import content_changes, rules_changes
from tests.admin_support import banded_draft, change_data, change_url
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db
SETTLED = "AI firm that settled in Dongcheng this year"


@pytest.fixture
def publisher(db):
    call_command("loaddata", "content", "rules", verbosity=0)
    return StaffUserFactory(role="Publisher")


def dc1_draft(publisher, low_band: int = 600_000) -> Policy:
    """A draft of DC-1 whose lowest band gives ``low_band`` instead of 500,000."""
    published = Policy.objects.get(code="DC-1", state=Policy.State.PUBLISHED)
    draft = services.policy_create_draft(policy=published, user=publisher)
    route = draft.routes.get(amount=500_000)
    route.amount = low_band
    route.save()
    return draft


def publish_url(draft: Policy) -> str:
    return reverse("admin:policies_policy_version", args=[draft.pk, "publish"])


def test_the_rules_diff_marks_the_changed_amount(publisher):
    draft = dc1_draft(publisher)
    current = Policy.objects.get(pk=draft.based_on_id)

    changed = [row for row in rules_changes(current, draft) if row.changed]

    assert len(changed) == 1
    (row,) = changed
    assert [s.text for s in row.before if s.changed] == ["500,000"]
    assert [s.text for s in row.after if s.changed] == ["600,000"]


def test_unchanged_rules_show_no_changed_line(publisher):
    published = Policy.objects.get(code="DC-1", state=Policy.State.PUBLISHED)
    draft = services.policy_create_draft(policy=published, user=publisher)

    rows = rules_changes(published, draft)

    assert rows and not any(row.changed for row in rows)


def test_content_changes_name_each_language_on_its_own(publisher):
    draft = dc1_draft(publisher)
    draft.headline_benefit_zh_hans = "按营业收入区间60万元至500万元"
    draft.save()

    changes = content_changes(Policy.objects.get(pk=draft.based_on_id), draft)

    (change,) = changes
    assert change.label == "Headline benefit (Simplified Chinese)"
    assert [s.text for s in change.before if s.changed] == ["50"]
    assert [s.text for s in change.after if s.changed] == ["60"]


def test_a_changed_amount_lists_the_worked_case_it_breaks(publisher):
    draft = dc1_draft(publisher)

    (change,) = case_changes(draft)

    assert change.case.name == SETTLED and change.breaks
    assert "DC-1: eligible, CNY 500,000 → eligible, CNY 600,000" in change.changes
    assert change.expected_after["eligible"]["DC-1"] == [600_000, 600_000]


def test_the_updated_expectation_holds_for_the_new_outcome():
    previous = {
        "eligible": {"A-1": [None, 100], "B-1": [5, 5]},
        "needs_info": ["C-1"],
        "most_favorable": ["A-1"],
    }
    outcome = {
        "results": [
            {"code": "A-1", "status": "eligible", "amount": {"min": 0, "max": 200}},
            {"code": "B-1", "status": "not_eligible", "amount": None},
            {"code": "C-1", "status": "eligible", "amount": None},
        ],
        "most_favorable": "A-1",
    }

    expected = expected_after(previous, outcome)

    assert expected == {
        "eligible": {"A-1": [None, 200], "C-1": None},
        "needs_info": [],
        "not_eligible": ["B-1"],
        "most_favorable": ["A-1"],
    }
    assert compare_outcome(expected, outcome) == []


def test_the_confirmation_shows_the_diff_and_the_changed_case(client, publisher):
    draft = dc1_draft(publisher)
    client.force_login(publisher)

    page = client.get(publish_url(draft)).content.decode()

    assert "<del>500,000</del>" in page and "<ins>600,000</ins>" in page
    assert SETTLED in page
    assert 'name="accept_case"' in page


def test_publishing_without_the_tick_is_refused(client, publisher):
    draft = dc1_draft(publisher)
    case = WorkedCase.objects.get(name=SETTLED)
    before = case.expected
    client.force_login(publisher)

    response = client.post(publish_url(draft), follow=True)

    draft.refresh_from_db()
    case.refresh_from_db()
    assert draft.state == Policy.State.DRAFT
    assert case.expected == before
    assert "nobody accepted" in response.content.decode()


def test_publishing_with_the_tick_updates_the_case_with_the_rules(client, publisher):
    draft = dc1_draft(publisher)
    case = WorkedCase.objects.get(name=SETTLED)
    client.force_login(publisher)

    client.post(publish_url(draft), {"accept_case": case.pk})

    draft.refresh_from_db()
    case.refresh_from_db()
    assert draft.state == Policy.State.PUBLISHED
    assert case.expected["eligible"]["DC-1"] == [600_000, 600_000]
    assert case.history.first().history_user == publisher
    call_command("check_cases", verbosity=0)  # every case holds again


def test_a_failed_case_update_leaves_the_draft_unpublished(publisher, monkeypatch):
    draft = dc1_draft(publisher)
    case = WorkedCase.objects.get(name=SETTLED)

    def refuse(*args, **kwargs):
        raise ValidationError("the case could not be saved")

    monkeypatch.setattr(WorkedCase, "save", refuse)
    with pytest.raises(ValidationError):
        services.policy_publish_reviewed(
            draft=draft, user=publisher, accepted={case.pk}
        )

    assert Policy.objects.get(pk=draft.pk).state == Policy.State.DRAFT


def test_a_draft_that_changes_no_case_publishes_without_a_tick(client, publisher):
    draft = dc1_draft(publisher, low_band=500_000)
    Route.objects.filter(policy=draft, amount=5_000_000).update(amount=5_500_000)
    client.force_login(publisher)

    page = client.get(publish_url(draft)).content.decode()
    client.post(publish_url(draft))

    assert 'name="accept_case"' not in page
    assert Policy.objects.get(pk=draft.pk).state == Policy.State.PUBLISHED


def test_a_headline_the_new_rule_contradicts_is_warned_at_its_field(client, publisher):
    draft = dc1_draft(publisher)
    client.force_login(publisher)

    page = client.get(publish_url(draft)).content.decode()

    assert "Text that contradicts the rules" in page
    assert "Headline benefit (English) states “500,000”" in page
    assert "Headline benefit (Simplified Chinese) states “50万”" in page


def test_a_headline_that_matches_the_rules_is_not_warned(client, publisher):
    published = Policy.objects.get(code="DC-1", state=Policy.State.PUBLISHED)
    draft = services.policy_create_draft(policy=published, user=publisher)
    client.force_login(publisher)

    page = client.get(publish_url(draft)).content.decode()

    assert "Text that contradicts the rules" not in page


def test_saving_a_headline_the_rules_do_not_give_warns_at_once(client, publisher):
    published = Policy.objects.get(code="DC-1", state=Policy.State.PUBLISHED)
    draft = services.policy_create_draft(policy=published, user=publisher)
    client.force_login(publisher)
    url = change_url(draft)
    data = {**change_data(client, url), "headline_benefit_en": "Up to CNY 7 million"}

    response = client.post(url, data, follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert any("Headline benefit (English) states “7 million”" in m for m in messages)


def test_no_seed_policy_states_an_amount_its_rules_do_not_give(publisher):
    contradicted = {
        policy.code: [found.message for found in text_contradictions(policy)]
        for policy in Policy.objects.published()
    }

    assert len(contradicted) == 21
    assert {code: found for code, found in contradicted.items() if found} == {}


def test_a_first_version_is_reviewed_against_nothing_published(client, publisher):
    draft = banded_draft(code="XX-1", title="A brand new policy")
    client.force_login(publisher)

    response = client.get(publish_url(draft))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Title (English)" in page
    assert "<ins>A brand new policy</ins>" in page
