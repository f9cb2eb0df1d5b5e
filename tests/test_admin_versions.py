"""Versions: a published policy is never edited in place; drafts are copies that
publishing swaps in, archived versions can be restored, and the public sees only
published versions. Every change is in the history, with who made it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from policies import selectors, services
from policies.models import Criterion, Policy
from tests.admin_support import MILLION, banded_draft, change_data, change_url
from tests.factories import (
    ContactFactory,
    CriterionFactory,
    PolicyFactory,
    RouteFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db
State = Policy.State


@pytest.fixture
def publisher():
    return StaffUserFactory(role="Publisher")


def published_with_rules() -> Policy:
    policy = banded_draft(code="DC-1")
    policy.state = State.PUBLISHED
    policy.save()
    return policy


def test_a_draft_copies_routes_criteria_and_contacts(publisher):
    published = published_with_rules()
    contacts = [ContactFactory(), ContactFactory()]
    published.contacts.set(contacts)

    draft = services.policy_create_draft(policy=published, user=publisher)

    assert (draft.code, draft.version, draft.state) == ("DC-1", 2, State.DRAFT)
    assert draft.based_on == published and draft.created_by == publisher
    assert set(draft.contacts.all()) == set(contacts)
    assert list(draft.routes.values_list("name", flat=True)) == [
        "Low band",
        "High band",
    ]
    copied = Criterion.objects.filter(policy=draft, route__isnull=False)
    assert copied.count() == 3
    assert all(c.route.policy_id == draft.pk for c in copied)
    assert Criterion.objects.filter(policy=published).count() == 4


def test_the_copy_leaves_the_published_version_untouched(publisher):
    published = published_with_rules()
    draft = services.policy_create_draft(policy=published, user=publisher)
    draft.routes.filter(name="Low band").update(amount=1)

    assert published.routes.get(name="Low band").amount == 500_000


def test_a_second_draft_of_the_same_code_is_refused(publisher):
    published = published_with_rules()
    services.policy_create_draft(policy=published, user=publisher)
    with pytest.raises(ValidationError, match="already has a draft"):
        services.policy_create_draft(policy=published, user=publisher)


def test_publishing_archives_the_published_version(publisher):
    published = published_with_rules()
    draft = services.policy_create_draft(policy=published, user=publisher)

    services.policy_publish(draft=draft, user=publisher)

    published.refresh_from_db()
    draft.refresh_from_db()
    assert published.state == State.ARCHIVED
    assert draft.state == State.PUBLISHED and draft.published_at is not None
    assert list(Policy.objects.published().filter(code="DC-1")) == [draft]


def test_publishing_refuses_a_draft_whose_bands_overlap(publisher):
    draft = banded_draft()
    Criterion.objects.filter(policy=draft, value=100 * MILLION, operator=">=").update(
        value=50 * MILLION
    )
    with pytest.raises(ValidationError, match="overlap"):
        services.policy_publish(draft=draft, user=publisher)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_restoring_an_archived_version_makes_a_new_draft(publisher):
    published = published_with_rules()
    draft = services.policy_create_draft(policy=published, user=publisher)
    services.policy_publish(draft=draft, user=publisher)
    published.refresh_from_db()

    restored = services.policy_restore(archived=published, user=publisher)

    assert (restored.state, restored.version, restored.based_on) == (
        State.DRAFT,
        3,
        published,
    )
    assert restored.routes.count() == 2


def test_only_an_archived_version_is_restored(publisher):
    with pytest.raises(ValidationError):
        services.policy_restore(archived=published_with_rules(), user=publisher)


def test_archiving_withdraws_the_policy_from_the_public(publisher, client):
    published = published_with_rules()
    services.policy_archive(policy=published, user=publisher)
    assert not Policy.objects.published().exists()
    assert client.get(published.get_absolute_url()).status_code == 404


def test_the_public_sees_published_versions_only(client):
    published = published_with_rules()
    RouteFactory(policy=PolicyFactory(code="NW-1", state=State.DRAFT))
    CriterionFactory(policy=published)

    assert [p.code for p in Policy.objects.published()] == ["DC-1"]
    assert [p.code for p in selectors.rule_set().policies] == ["DC-1"]
    assert client.get(reverse("policies:policy", args=["NW-1"])).status_code == 404
    assert client.get(reverse("policies:policy", args=["DC-1"])).status_code == 200


def test_a_published_version_is_read_only_in_the_admin(client, publisher):
    published = published_with_rules()
    client.force_login(publisher)
    url = change_url(published)

    page = client.get(url)
    refused = client.post(url, {"title_en": "Changed in place"})

    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert refused.status_code == 403
    published.refresh_from_db()
    assert published.title != "Changed in place"


def test_the_admin_buttons_create_a_draft_and_publish_it(client, publisher):
    published = published_with_rules()
    client.force_login(publisher)
    page = client.get(change_url(published))
    labels = [action["label"] for action in page.context["version_actions"]]
    assert labels == ["Create draft", "Archive", "Reviewed today"]

    create = reverse(
        "admin:policies_policy_version", args=[published.pk, "create-draft"]
    )
    response = client.post(create)
    draft = Policy.objects.get(code="DC-1", state=State.DRAFT)
    assert response.url == change_url(draft)

    publish = reverse("admin:policies_policy_version", args=[draft.pk, "publish"])
    assert "Publish" in client.get(publish).content.decode()
    client.post(publish)
    assert Policy.objects.published().get(code="DC-1") == draft


def test_an_edit_is_in_the_history_with_who_made_it(client):
    editor = StaffUserFactory(role="Editor")
    client.force_login(editor)
    draft = banded_draft()
    url = change_url(draft)

    client.post(url, {**change_data(client, url), "title_en": "Clearer title"})

    record = draft.history.latest()
    assert (record.title, record.history_user) == ("Clearer title", editor)
    assert (
        client.get(
            reverse("admin:policies_policy_history", args=[draft.pk])
        ).status_code
        == 200
    )


def test_services_name_the_user_in_the_history(publisher):
    draft = services.policy_create_draft(policy=published_with_rules(), user=publisher)
    assert draft.history.latest().history_user == publisher
    assert draft.routes.first().history.latest().history_user == publisher


def test_a_draft_can_be_reverted_to_an_earlier_record(client):
    client.force_login(StaffUserFactory(role="Editor"))
    draft = banded_draft(title="First title")
    draft.title = "Second title"
    draft.save()
    first = draft.history.earliest()
    url = reverse("admin:policies_policy_simple_history", args=[draft.pk, first.pk])

    response = client.post(url, change_data(client, url))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "First title"


def test_a_published_version_cannot_be_reverted_to_its_draft_record(client, publisher):
    """Its first history record is a draft; reverting to it would unpublish it."""
    policy = banded_draft(title="Draft title")
    policy.title = "Published title"
    policy.save()
    services.policy_publish(draft=policy, user=publisher)
    client.force_login(publisher)
    first = policy.history.earliest()
    url = reverse("admin:policies_policy_simple_history", args=[policy.pk, first.pk])

    page = client.get(url)
    refused = client.post(url, {"title_en": "Draft title"})

    assert page.context["revert_disabled"]
    assert refused.status_code == 403
    policy.refresh_from_db()
    assert (policy.state, policy.title) == (State.PUBLISHED, "Published title")


def test_a_published_versions_criterion_cannot_be_reverted(client, publisher):
    policy = published_with_rules()
    criterion = policy.criteria.get(operator="<")
    criterion.value = 90 * MILLION
    criterion.save()
    client.force_login(publisher)
    first = criterion.history.earliest()
    url = reverse(
        "admin:policies_criterion_simple_history", args=[criterion.pk, first.pk]
    )

    assert client.post(url, {"value": str(100 * MILLION)}).status_code == 403
    criterion.refresh_from_db()
    assert criterion.value == 90 * MILLION


def test_a_published_version_with_a_draft_links_to_that_draft(client, publisher):
    published = published_with_rules()
    draft = services.policy_create_draft(policy=published, user=publisher)
    client.force_login(publisher)

    actions = client.get(change_url(published)).context["version_actions"]

    assert actions[0] == {"label": "Open draft v2", "url": change_url(draft)}
