"""The alerts pages: the form and its errors, confirming, stopping and deleting from
signed links without a login, tampered links refused with a 400 page (never a 500),
and staff who see counts but never the answers."""

import re
import time
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from policies import sharing
from policies.alerts import tokens
from policies.models import Subscription
from tests.test_alerts import EMAIL, PROFILE, confirm_link, confirmed, subscribe
from tests.test_public_pages import outline
from tests.wizard_support import guide  # noqa: F401

pytestmark = pytest.mark.usefixtures("guide")


def manage_url(name: str, subscription: Subscription) -> str:
    token = tokens.manage_token(subscription)
    return reverse(f"policies:alerts_{name}", kwargs={"token": token})


def changed(token: str) -> str:
    """``token`` with one character of its signature changed."""
    return token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]


def test_the_results_page_offers_alerts_for_its_own_answers(client):
    token = sharing.encode(PROFILE)
    html = client.get(reverse("policies:check_shared", kwargs={"token": token}))
    link = re.search(r'href="([^"]+)" data-alerts-link', html.content.decode())

    form = client.get(link.group(1))

    assert form.status_code == 200
    assert "Get an email when a policy opens up for you" in form.content.decode()


def test_the_form_says_exactly_what_is_kept(client):
    url = reverse(
        "policies:alerts_subscribe", kwargs={"token": sharing.encode(PROFILE)}
    )
    html = client.get(url).content.decode()

    assert "Your email address" in html and "Your answers to the check" in html
    assert "a seal that shows if anyone alters them" in html
    assert "kept only for these alerts" in html


# Words of the programmer's trade that a finance manager should not have to decode.
JARGON = ("signing", "dumps", "Django", "tamper", "fingerprint", "hash", "签名")


@pytest.mark.parametrize(
    ("language", "plain_words"),
    [
        ("en", "The seal does not hide them, so do not take it for encryption."),
        ("zh-hans", "校验并不把内容隐藏起来，这不是加密。"),
    ],
)
def test_the_privacy_page_says_what_is_kept_in_plain_words(
    client, language, plain_words
):
    with translation.override(language):
        response = client.get(reverse("policies:alerts"))
    html = response.content.decode()
    kept = html[html.index('class="check-privacy alerts-kept"') :]

    assert response.status_code == 200
    assert plain_words in kept
    assert [word for word in JARGON if word.casefold() in kept.casefold()] == []
    assert outline(html).inline_styles == 0


@pytest.mark.parametrize(
    "email, message",
    [
        ("", "Enter your email address"),
        ("not-an-address", "Enter an email address in the correct format"),
    ],
)
def test_a_wrong_address_is_explained_in_an_error_summary(client, email, message):
    response = subscribe(client, email=email)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="check-error-summary"' in html
    assert f'<a href="#id_email">{message}' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert "<title>Error:" in html
    assert not Subscription.objects.exists() and mail.outbox == []


def test_the_confirmation_link_asks_before_it_confirms(client):
    subscribe(client)
    link = confirm_link(mail.outbox[0])

    page = client.get(link)

    assert page.status_code == 200
    assert "o***@example.com" in page.content.decode()
    assert Subscription.objects.get().confirmed_at is None

    done = client.post(link)

    assert done.status_code == 200
    assert "Your alerts are on" in done.content.decode()
    assert Subscription.objects.get().confirmed_at is not None


def test_a_tampered_confirmation_link_is_refused_with_a_400_page(client):
    subscribe(client)
    link = confirm_link(mail.outbox[0])
    bad = link.rstrip("/").rsplit("/", 1)
    bad = f"{bad[0]}/{changed(bad[1])}/"

    for method in (client.get, client.post):
        response = method(bad)
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_a_confirmation_link_older_than_a_week_has_expired(client):
    subscription = Subscription.objects.create(email=EMAIL, profile="x")
    with mock.patch("time.time", return_value=time.time() - 8 * 24 * 3600):
        token = tokens.confirm_token(subscription)

    response = client.get(reverse("policies:alerts_confirm", kwargs={"token": token}))

    assert response.status_code == 410
    assert "This confirmation link has expired" in response.content.decode()


def test_a_link_of_a_deleted_request_says_so(client):
    subscription = Subscription.objects.create(email=EMAIL, profile="x")
    token = tokens.confirm_token(subscription)
    subscription.delete()

    response = client.get(reverse("policies:alerts_confirm", kwargs={"token": token}))

    assert response.status_code == 404
    assert "This request no longer exists" in response.content.decode()


@pytest.mark.parametrize("name", ["unsubscribe", "data"])
def test_a_tampered_manage_link_is_refused_with_a_400_page(client, name):
    subscription = confirmed()
    url = manage_url(name, subscription)
    bad = url.rstrip("/").rsplit("/", 1)
    bad = f"{bad[0]}/{changed(bad[1])}/"

    for method in (client.get, client.post):
        assert method(bad).status_code == 400
    nonsense = reverse("policies:alerts_unsubscribe", kwargs={"token": "nonsense"})
    assert method(nonsense).status_code == 400
    assert Subscription.objects.count() == 1


def test_a_confirmation_link_cannot_be_used_to_stop_alerts(client):
    subscription = confirmed()
    token = tokens.confirm_token(subscription)
    url = reverse("policies:alerts_unsubscribe", kwargs={"token": token})

    assert client.post(url).status_code == 400
    assert Subscription.objects.count() == 1


def test_stopping_alerts_asks_first_then_deletes_everything_without_a_login(client):
    subscription = confirmed()
    url = manage_url("unsubscribe", subscription)

    assert client.get(url).status_code == 200
    assert Subscription.objects.count() == 1

    response = client.post(url)

    assert response.status_code == 200
    assert "Alerts stopped and data deleted" in response.content.decode()
    assert not Subscription.objects.exists()
    again = client.get(url)
    assert "Nothing is kept for this link" in again.content.decode()


def test_one_click_unsubscribe_works_without_a_csrf_token():
    subscription = confirmed()
    mail_program = Client(enforce_csrf_checks=True)

    response = mail_program.post(
        manage_url("unsubscribe", subscription),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_the_data_page_shows_what_is_kept_and_deletes_it_on_request(client):
    subscription = confirmed()
    url = manage_url("data", subscription)

    html = client.get(url).content.decode()

    assert EMAIL in html
    assert "DC-1, DC-4, DC-5, DC-6" in html and "CNY 1,200,000" in html
    assert "CNY 80,000,000" in html  # the answers, as stored
    client.post(url)
    assert not Subscription.objects.exists()


def test_alert_pages_have_no_inline_styles_or_scripts(client):
    subscription = confirmed()
    for url in (
        reverse("policies:alerts"),
        reverse("policies:alerts_sent"),
        manage_url("unsubscribe", subscription),
        manage_url("data", subscription),
    ):
        html = client.get(url).content.decode()
        page = outline(html)
        assert page.inline_styles == 0 and "<style" not in html, url
        assert page.headings[0] == 1 and page.headings.count(1) == 1, url


@pytest.fixture
def superuser_client(client, db):
    user = get_user_model().objects.create_superuser(
        "root", "root@example.gov.cn", "pw"
    )
    client.force_login(user)
    return client


def test_staff_see_counts_and_masked_addresses_never_the_answers(superuser_client):
    confirmed()
    subscribe(superuser_client, email="pending@example.com")

    response = superuser_client.get(reverse("admin:policies_subscription_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "o***@example.com" in html and "p***@example.com" in html
    assert EMAIL not in html and "pending@example.com" not in html
    assert "80000000" not in html and "80,000,000" not in html
    assert Subscription.objects.get(email=EMAIL).profile not in html
    counts = re.search(r"data-subscription-counts>(.*?)</table>", html, re.S).group(1)
    assert " ".join(re.sub(r"<[^>]+>", " ", counts).split()) == (
        "Policy alerts in numbers Subscriptions 2 Confirmed 1 "
        "Awaiting confirmation 1 Alerted in the last 30 days 0"
    )


def test_no_admin_page_shows_one_subscription(superuser_client):
    subscription = confirmed()
    base = reverse("admin:policies_subscription_changelist")

    for suffix in (f"{subscription.pk}/change/", "add/", f"{subscription.pk}/delete/"):
        response = superuser_client.get(base + suffix)
        assert response.status_code in (302, 404), suffix
        assert b"80000000" not in response.content
