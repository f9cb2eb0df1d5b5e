"""Staff accounts and tools: roles, creating staff users, sign-in lockout, review
freshness, the rules preview, "try it" and the fact catalogue."""

import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from policies import services
from policies.models import Criterion, Policy, WorkedCase
from tests.admin_support import banded_draft, change_url
from tests.factories import PolicyFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def editor_client(client):
    client.force_login(StaffUserFactory(role="Editor"))
    return client


# Roles and accounts ----------------------------------------------------------


def test_only_publishers_may_publish():
    editor, publisher = (Group.objects.get(name=n) for n in ("Editor", "Publisher"))
    assert not editor.permissions.filter(codename="publish_policy").exists()
    assert publisher.permissions.filter(codename="publish_policy").exists()
    assert editor.permissions.filter(codename="change_criterion").exists()


@pytest.mark.parametrize(
    ("role", "group"), [("editor", "Editor"), ("publisher", "Publisher")]
)
def test_create_staff_user_gives_the_role(monkeypatch, role, group):
    monkeypatch.setenv("STAFF_PASSWORD", "a-long-staff-password")
    call_command(
        "create_staff_user",
        "--username=li",
        "--email=li@example.gov.cn",
        f"--role={role}",
        "--password-from-env=STAFF_PASSWORD",
    )
    user = User.objects.get(username="li")
    assert user.is_staff and not user.is_superuser
    assert user.check_password("a-long-staff-password")
    assert list(user.groups.values_list("name", flat=True)) == [group]


def test_create_staff_user_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("STAFF_PASSWORD", "123")
    with pytest.raises(CommandError, match="password was refused"):
        call_command(
            "create_staff_user",
            "--username=li",
            "--email=li@example.gov.cn",
            "--role=editor",
            "--password-from-env=STAFF_PASSWORD",
        )
    assert not User.objects.filter(username="li").exists()


@pytest.mark.parametrize(
    ("username", "email", "refusal"),
    [
        ("li wang", "li@example.gov.cn", "username: Enter a valid username."),
        ("li/wang", "li@example.gov.cn", "username: Enter a valid username."),
        ("x" * 151, "li@example.gov.cn", "username: Ensure this value has at most"),
        ("LI", "li2@example.gov.cn", "username: A user with that username already"),
        ("wang", "not-an-address", "email: Enter a valid email address."),
        ("wang", "", "email: This field is required."),
    ],
)
def test_create_staff_user_refuses_what_the_admin_refuses(
    monkeypatch, username, email, refusal
):
    StaffUserFactory(username="li")
    monkeypatch.setenv("STAFF_PASSWORD", "a-long-staff-password")
    with pytest.raises(CommandError, match=re.escape(refusal)):
        call_command(
            "create_staff_user",
            f"--username={username}",
            f"--email={email}",
            "--role=editor",
            "--password-from-env=STAFF_PASSWORD",
        )
    assert User.objects.count() == 1


@pytest.mark.parametrize(("role", "sees"), [("Publisher", True), ("Editor", False)])
def test_publishers_see_the_alert_subscription_counts(client, role, sees):
    client.force_login(StaffUserFactory(role=role))
    url = reverse("admin:policies_subscription_changelist")

    response = client.get(url)

    assert (url in client.get(reverse("admin:index")).content.decode()) is sees
    assert response.status_code == (200 if sees else 403)
    if sees:
        assert response.context["counts"]["total"] == 0


def test_five_failed_sign_ins_lock_the_account_out(client):
    StaffUserFactory(username="wang", password="the-right-password")
    login = reverse("admin:login")
    for _attempt in range(5):
        client.post(login, {"username": "wang", "password": "wrong"})

    locked = client.post(login, {"username": "wang", "password": "the-right-password"})

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_four_failed_sign_ins_do_not_lock_the_account_out(client):
    StaffUserFactory(username="wang", password="the-right-password")
    login = reverse("admin:login")
    for _attempt in range(4):
        client.post(login, {"username": "wang", "password": "wrong"})

    client.post(login, {"username": "wang", "password": "the-right-password"})

    assert "_auth_user_id" in client.session


PROXY = "10.0.0.2"  # the load balancer: behind it, every request comes from here


def sign_in_through_the_proxy(client, forwarded_for: str, password: str):
    """A sign-in as the load balancer passes it on: from its own address, with the
    address it received the request from appended to X-Forwarded-For."""
    return client.post(
        reverse("admin:login"),
        {"username": "wang", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_the_proxy_an_attacker_does_not_lock_the_user_out_elsewhere(
    client, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    StaffUserFactory(username="wang", password="the-right-password")
    attacker = type(client)()
    for _attempt in range(5):
        sign_in_through_the_proxy(attacker, "203.0.113.66", "wrong")

    locked = sign_in_through_the_proxy(attacker, "203.0.113.66", "the-right-password")
    sign_in_through_the_proxy(client, "198.51.100.7", "the-right-password")

    assert locked.status_code == 429
    assert "_auth_user_id" in client.session


def test_behind_the_proxy_a_forged_forwarded_address_does_not_escape_a_lockout(
    client, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    StaffUserFactory(username="wang", password="the-right-password")
    for attempt in range(5):
        sign_in_through_the_proxy(client, f"192.0.2.{attempt}, 203.0.113.66", "wrong")

    locked = sign_in_through_the_proxy(
        client, "192.0.2.99, 203.0.113.66", "the-right-password"
    )

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


# Freshness -------------------------------------------------------------------


def test_the_policy_list_flags_an_overdue_review(editor_client, settings):
    settings.POLICY_REVIEW_MAX_AGE_DAYS = 365
    old = timezone.localdate() - datetime.timedelta(days=400)
    PolicyFactory(code="OL-1", last_reviewed=old)
    PolicyFactory(code="NW-1", last_reviewed=timezone.localdate())

    overdue = editor_client.get(
        reverse("admin:policies_policy_changelist") + "?review=overdue"
    )

    assert [p.code for p in overdue.context["cl"].result_list] == ["OL-1"]
    assert "Review overdue" in overdue.content.decode()


def test_a_policy_reviewed_exactly_at_the_limit_is_current(editor_client, settings):
    settings.POLICY_REVIEW_MAX_AGE_DAYS = 30
    PolicyFactory(last_reviewed=timezone.localdate() - datetime.timedelta(days=30))
    response = editor_client.get(reverse("admin:index"))
    assert response.context["review_overdue_count"] == 0


def test_the_admin_index_counts_overdue_published_policies(editor_client, settings):
    settings.POLICY_REVIEW_MAX_AGE_DAYS = 30
    old = timezone.localdate() - datetime.timedelta(days=31)
    PolicyFactory(last_reviewed=old)
    PolicyFactory(last_reviewed=old, state=Policy.State.ARCHIVED)

    response = editor_client.get(reverse("admin:index"))

    assert response.context["review_overdue_count"] == 1
    assert "1 published policy was last reviewed more than 30 days ago" in (
        response.content.decode()
    )


def test_reviewed_today_updates_a_published_version(editor_client):
    policy = PolicyFactory(last_reviewed=datetime.date(2020, 1, 1))
    editor_client.post(
        reverse("admin:policies_policy_version", args=[policy.pk, "record-review"])
    )
    policy.refresh_from_db()
    assert policy.last_reviewed == timezone.localdate()


# Preview, try it, catalogue ---------------------------------------------------


def test_the_change_page_reads_the_rules_back_in_plain_words(editor_client):
    page = editor_client.get(change_url(banded_draft())).content.decode()
    assert "Revenue in the latest year: CNY 30,000,000 or more" in page
    assert "The routes are bands of Revenue in the latest year" in page
    assert "High band</strong>" in page


def test_try_it_shows_the_full_explanation(editor_client):
    call_command("loaddata", "content", "rules", verbosity=0)
    case = WorkedCase.objects.get(name__startswith="AI firm")

    response = editor_client.post(
        reverse("admin:try_it"), {"profile": json.dumps(case.profile), "policy": ""}
    )

    assert response.context["outcome"]["most_favorable"] == "DC-5"
    assert len(response.context["results"]) == 21
    page = response.content.decode()
    assert "Equity investment received this year: CNY 120,000,000" in page
    assert "CNY 1,200,000" in page


def test_try_it_runs_a_draft_in_place_of_the_published_version(editor_client):
    call_command("loaddata", "content", "rules", verbosity=0)
    draft = services.policy_create_draft(
        policy=Policy.objects.get(code="DC-5"), user=None
    )
    draft.routes.update(rate_pct=2)
    case = WorkedCase.objects.get(name__startswith="AI firm")

    response = editor_client.post(
        reverse("admin:try_it"),
        {"profile": json.dumps(case.profile), "policy": str(draft.pk)},
    )

    (result,) = response.context["results"]
    assert result["amount"] == {"min": 2_400_000, "max": 2_400_000}


def test_try_it_refuses_a_profile_at_the_field(editor_client):
    response = editor_client.post(
        reverse("admin:try_it"), {"profile": '{"revenue_latest_year": "a lot"}'}
    )
    assert (
        "revenue_latest_year: Enter a number."
        in response.context["form"].errors["profile"]
    )


def test_try_it_starts_from_a_worked_case(editor_client):
    case = WorkedCase.objects.get(name__startswith="changping")
    response = editor_client.get(reverse("admin:try_it") + f"?case={case.pk}")
    answers = response.context["enterprise"].initial
    assert answers["district"] == "changping"
    assert answers["high_tech_enterprise"] == "yes"
    assert answers["tech_fields"] == ["artificial_intelligence"]
    assert answers["special_funds_received"] == "5000000元"


def test_the_fact_catalogue_lists_every_fact(editor_client):
    page = editor_client.get(reverse("admin:fact_catalogue")).content.decode()
    assert "Revenue in the latest year, CNY" in page
    assert "<code>revenue_latest_year</code>" in page
    assert "rd_intensity_pct" in page


def test_staff_without_policy_access_cannot_try_rules(client):
    client.force_login(StaffUserFactory())
    assert client.get(reverse("admin:try_it")).status_code == 403


def test_the_admin_follows_the_browser_language_by_default(editor_client):
    page = editor_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="zh-CN,zh")

    assert page["Content-Language"] == "zh-hans"
    assert "内容、政策和规则" in page.content.decode()


def test_the_admin_language_choice_outlasts_the_browser_and_the_public_site(
    editor_client,
):
    back = reverse("admin:fact_catalogue")
    chosen = editor_client.post(
        reverse("admin:language"), {"language": "zh-hans", "next": back}
    )
    editor_client.cookies["django_language"] = (
        "en"  # last read the public site in English
    )

    page = editor_client.get(back, HTTP_ACCEPT_LANGUAGE="en")

    assert chosen.status_code == 302 and chosen["Location"] == back
    assert "最近一年营业收入, 元" in page.content.decode()


def test_the_language_choice_does_not_redirect_off_the_site(editor_client):
    response = editor_client.post(
        reverse("admin:language"),
        {"language": "zh-hans", "next": "https://elsewhere.example/"},
    )

    assert response["Location"] == reverse("admin:index")


def test_criteria_name_their_fact_by_label(seed_policies):
    criterion = Criterion.objects.filter(fact="revenue_latest_year").first()

    with translation.override("zh-hans"):
        assert str(criterion).startswith("最近一年营业收入: ")
