"""Who may do what in the admin: anonymous visitors nothing, editors everything but
publishing, publishers and superusers everything."""

import pytest
from django.urls import reverse

from policies.models import Policy, WorkedCase
from tests.admin_support import banded_draft, change_data, change_url
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "Editor", "Publisher", "superuser")
ALLOWED = {
    "anonymous": set(),
    "Editor": {"list", "change", "history", "revert"},
    "Publisher": {"list", "change", "publish", "history", "revert"},
    "superuser": {"list", "change", "publish", "history", "revert"},
}


@pytest.fixture
def draft() -> Policy:
    policy = banded_draft(title="First title")
    policy.title = "Second title"
    policy.save()
    return policy


def login(client, role: str) -> None:
    if role == "superuser":
        client.force_login(StaffUserFactory(is_superuser=True))
    elif role != "anonymous":
        client.force_login(StaffUserFactory(role=role))


def data_for(admin_client, url: str) -> dict:
    """The unchanged form, read by a superuser so that anonymous posts it too."""
    return change_data(admin_client, url)


def do_list(client, admin_client, draft):
    response = client.get(reverse("admin:policies_policy_changelist"))
    return response, response.status_code == 200


def do_change(client, admin_client, draft):
    url = change_url(draft)
    response = client.post(url, {**data_for(admin_client, url), "title_en": "Edited"})
    draft.refresh_from_db()
    return response, draft.title == "Edited"


def do_publish(client, admin_client, draft):
    url = reverse("admin:policies_policy_version", args=[draft.pk, "publish"])
    # The new policy changes the shipped worked cases; the publisher accepts that.
    accepted = list(WorkedCase.objects.values_list("pk", flat=True))
    response = client.post(url, {"accept_case": accepted})
    draft.refresh_from_db()
    return response, draft.state == Policy.State.PUBLISHED


def do_history(client, admin_client, draft):
    response = client.get(reverse("admin:policies_policy_history", args=[draft.pk]))
    return response, response.status_code == 200 and b"Second title" in response.content


def do_revert(client, admin_client, draft):
    first = draft.history.earliest()
    url = reverse("admin:policies_policy_simple_history", args=[draft.pk, first.pk])
    response = client.post(url, data_for(admin_client, url))
    draft.refresh_from_db()
    return response, draft.title == "First title"


ACTIONS = {
    "list": do_list,
    "change": do_change,
    "publish": do_publish,
    "history": do_history,
    "revert": do_revert,
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, draft, role, action):
    admin_client = client.__class__()
    admin_client.force_login(StaffUserFactory(is_superuser=True, username="reader"))
    login(client, role)

    response, done = ACTIONS[action](client, admin_client, draft)

    allowed = action in ALLOWED[role]
    assert done is allowed
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    elif not allowed:
        assert response.status_code == 403


def test_an_editor_is_offered_a_draft_but_not_publishing(client):
    policy = banded_draft()
    policy.state = Policy.State.PUBLISHED
    policy.save()
    client.force_login(StaffUserFactory(role="Editor"))

    labels = [
        a["label"] for a in client.get(change_url(policy)).context["version_actions"]
    ]

    assert labels == ["Create draft", "Reviewed today"]


def test_sign_in_lockouts_are_for_superusers_only(client):
    url = reverse("admin:axes_accessattempt_changelist")
    client.force_login(StaffUserFactory(role="Publisher"))
    assert client.get(url).status_code == 403
    client.force_login(StaffUserFactory(is_superuser=True))
    assert client.get(url).status_code == 200
