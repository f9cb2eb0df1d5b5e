"""Share links: the answers travel encrypted and signed in the link, last 90 days,
and a changed or stale link gets a friendly page, never a server error."""

import base64
import time
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse

from policies import sharing
from tests.test_wizard_views import CHANGPING, DONGCHENG, policies_on
from tests.wizard_support import guide, walk  # noqa: F401

PROFILE = {
    "district": "dongcheng",
    "revenue_latest_year": Decimal(80_000_000),
    "years_in_business": Decimal("1.5"),
    "high_tech_enterprise": True,
    "tech_fields": frozenset({"artificial_intelligence", "5g"}),
    "industry_code": "65",
}


def shared_url(token: str) -> str:
    return reverse("policies:check_shared", kwargs={"token": token})


def test_a_token_carries_the_profile_back_typed():
    assert sharing.decode(sharing.encode(PROFILE)) == PROFILE


def test_a_token_does_not_show_the_answers():
    token = sharing.encode(PROFILE)
    readable = token + base64.urlsafe_b64decode(token).decode("latin-1")
    for secret in ("80000000", "dongcheng", "artificial_intelligence"):
        assert secret not in readable


def test_a_changed_token_is_invalid():
    token = sharing.encode(PROFILE)
    changed = token[:40] + ("A" if token[40] != "A" else "B") + token[41:]
    with pytest.raises(sharing.LinkInvalid):
        sharing.decode(changed)


@pytest.mark.parametrize("token", ["", "x", "gAAAAA", "%00", "é" * 10])
def test_garbage_is_invalid(token):
    with pytest.raises(sharing.LinkInvalid):
        sharing.decode(token)


def test_a_token_made_with_another_secret_is_invalid():
    with override_settings(SECRET_KEY="another-secret-key-entirely"):
        token = sharing.encode(PROFILE)
    with pytest.raises(sharing.LinkInvalid):
        sharing.decode(token)


def test_a_token_lasts_90_days_and_no_longer():
    token = sharing.encode(PROFILE)
    day = 24 * 60 * 60
    assert sharing.decode(token, now=time.time() + 89 * day) == PROFILE
    with pytest.raises(sharing.LinkExpired):
        sharing.decode(token, now=time.time() + 91 * day)


@pytest.mark.usefixtures("guide")
def test_a_shared_link_reproduces_the_results_in_a_fresh_client(client):
    walked = walk(client, CHANGPING["profile"])
    url = walked.results.context["share_url"]
    fresh = Client()
    response = fresh.get(url)
    assert response.status_code == 200
    assert policies_on(response.content.decode()) == policies_on(walked.html)
    assert "Opened from a shared link" in response.content.decode()


@pytest.mark.usefixtures("guide")
def test_opening_a_shared_link_stores_nothing():
    response = Client().get(shared_url(sharing.encode(DONGCHENG["profile"])))
    assert response.status_code == 200
    assert Session.objects.count() == 0


@pytest.mark.usefixtures("guide")
def test_a_tampered_link_gets_a_friendly_400(client):
    response = client.get(shared_url(sharing.encode(PROFILE)[:-5] + "AAAAA"))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


@pytest.mark.usefixtures("guide")
def test_an_expired_link_gets_a_friendly_410(client):
    token = sharing.encode(PROFILE, now=time.time() - 91 * 24 * 60 * 60)
    response = client.get(shared_url(token))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
