"""Policy codes are safe: one documented pattern, refused at the field otherwise and
by the database on any other path; a renamed draft keeps codes and versions apart;
and staff racing each other are told what happened, never shown an outage."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from policies import services
from policies.models import Policy
from policies.models.policy import POLICY_CODE_PATTERN
from tests.admin_support import (
    change_url,
    create_draft,
    form_errors,
    rendered_form,
    save,
)
from tests.factories import StaffUserFactory
from tests.seed import CONTENT_FIXTURE, SEED_CODES

pytestmark = pytest.mark.django_db
State = Policy.State


@pytest.fixture
def seed(db):
    call_command("loaddata", "content", "rules", verbosity=0)


def staff(client, role: str):
    client.force_login(StaffUserFactory(role=role))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def editor(seed, client):
    return staff(client, "Editor")


def rename(client, draft: Policy, code: str):
    data = rendered_form(client, draft)
    data["code"] = [code]
    return client.post(change_url(draft), {**data, "_continue": ["Save"]})


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def test_every_seed_code_matches_the_documented_pattern():
    rows = json.loads(CONTENT_FIXTURE.read_text())
    shipped = [r["fields"]["code"] for r in rows if r["model"] == "policies.policy"]
    assert sorted(shipped) == sorted(SEED_CODES)
    assert all(re.fullmatch(POLICY_CODE_PATTERN, code) for code in shipped)


@pytest.mark.parametrize(
    "code", ["DC/3", "DC 3", "dc-3", "DC-3/", "DC-03", "DC-3ab", "DCX-3", "DC-3A"]
)
def test_a_code_not_as_the_guide_prints_it_is_refused_at_the_field(editor, code):
    draft = create_draft(editor, "DC-1")

    response = rename(editor, draft, code)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "two capital letters, a dash, a number" in errors["code"][0]
    assert Policy.objects.get(pk=draft.pk).code == "DC-1"


@pytest.mark.parametrize("code", ["DC/3", "dc-3", "DC 3", ""])
def test_the_database_refuses_a_bad_code_whatever_the_path(seed, code):
    with pytest.raises(IntegrityError), transaction.atomic():
        Policy.objects.filter(code="DC-1").update(code=code)


def test_the_database_refuses_a_second_draft_of_a_code(seed):
    published = Policy.objects.published().get(code="DC-1")
    draft = services.policy_create_draft(policy=published, user=None)
    draft.pk, draft.version = None, draft.version + 1

    with pytest.raises(IntegrityError), transaction.atomic():
        draft.save()


def test_a_renamed_draft_may_not_take_another_policys_code(editor):
    draft = create_draft(editor, "DC-1")

    response = rename(editor, draft, "DC-2")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["code"] == [
        "DC-2 v1 (published) has this code: a draft may take only a code no other "
        "policy uses."
    ]


def test_a_renamed_draft_may_not_go_back_to_a_code_that_has_a_draft_again(editor):
    first = create_draft(editor, "DC-1")
    assert rename(editor, first, "DC-9").status_code == 302
    second = create_draft(editor, "DC-1")

    response = rename(editor, Policy.objects.get(pk=first.pk), "DC-1")

    assert "DC-1 v2 (draft) has this code" in form_errors(response)[0]["code"][0]
    assert Policy.objects.get(pk=second.pk).code == "DC-1"


def test_a_draft_may_take_a_free_code_and_go_back_to_its_own(editor):
    draft = create_draft(editor, "DC-1")

    assert rename(editor, draft, "DC-9a").status_code == 302
    assert Policy.objects.get(pk=draft.pk).code == "DC-9a"
    save(editor, draft, {**rendered_form(editor, draft), "code": ["DC-1"]})
    assert Policy.objects.get(pk=draft.pk).code == "DC-1"


def test_a_second_create_draft_is_told_about_the_first(seed, client):
    published = Policy.objects.published().get(code="DC-1")
    url = reverse("admin:policies_policy_version", args=[published.pk, "create-draft"])
    first, second = staff(client, "Editor"), staff(type(client)(), "Editor")
    first.post(url)

    response = second.post(url)

    draft = Policy.objects.get(code="DC-1", state=State.DRAFT)
    assert response.status_code == 302
    assert messages_of(response) == [
        f"DC-1 already has a draft (version {draft.version}): edit that one, or "
        "delete it first."
    ]


def test_a_publisher_on_a_stale_page_is_told_someone_published_it(seed, client):
    first, second = staff(client, "Publisher"), staff(type(client)(), "Publisher")
    draft = create_draft(first, "DC-1")
    url = reverse("admin:policies_policy_version", args=[draft.pk, "publish"])
    assert second.get(url).status_code == 200
    first.post(url)

    response = second.post(url)

    assert response.status_code == 302
    assert messages_of(response) == [
        f"Someone published DC-1 v{draft.version} a moment ago; reload the page."
    ]
    assert Policy.objects.get(pk=draft.pk).state == State.PUBLISHED


@pytest.mark.parametrize("gone", ["published", "deleted"])
def test_publishing_a_draft_someone_else_moved_meanwhile_says_so(seed, gone):
    stale = services.policy_create_draft(
        policy=Policy.objects.published().get(code="DC-1"), user=None
    )
    if gone == "published":
        services.policy_publish(draft=Policy.objects.get(pk=stale.pk), user=None)
    else:
        Policy.objects.filter(pk=stale.pk).delete()

    with pytest.raises(ValidationError) as refused:
        services.policy_publish_reviewed(draft=stale, user=None)

    assert refused.value.messages == [
        f"Someone {gone} DC-1 v{stale.version} a moment ago; reload the page."
    ]


def test_drafts_created_at_the_same_moment_get_a_message_not_a_503(
    seed, client, monkeypatch
):
    """The second draft lands between the first's check and its write: the
    database refuses the write, and the page says so."""
    published = Policy.objects.published().get(code="DC-1")
    rival, real_save = StaffUserFactory(role="Editor"), services._save

    def rival_first(instance, user):
        monkeypatch.setattr(services, "_save", real_save)
        services.policy_create_draft(policy=published, user=rival)
        real_save(instance, user)

    monkeypatch.setattr(services, "_save", rival_first)
    editor = staff(client, "Editor")
    url = reverse("admin:policies_policy_version", args=[published.pk, "create-draft"])

    response = editor.post(url)

    assert response.status_code == 302 and response.url == change_url(published)
    assert messages_of(response) == [
        "Someone else changed DC-1 at the same moment; reload the page to see it, "
        "then try again if it is still needed."
    ]
    assert editor.get(response.url).status_code == 200
