"""Results as they are printed and reopened: the page names the date the rules it
applies took effect, the printout carries the share link as a QR code rather than
as an address nobody types, and a share link opened after the rules changed says
so - only then."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from policies import services, sharing
from policies.models import Policy
from policies.qr import qr_data_uri
from policies.rules_date import rules_took_effect
from policies.status import beijing_today
from tests.factories import PolicyFactory
from tests.test_wizard_views import DONGCHENG
from tests.wizard_support import guide  # noqa: F401

pytestmark = pytest.mark.django_db

DAY = 24 * 60 * 60


def shared_page(client, token: str, language: str = "en") -> str:
    with translation.override(language):
        url = reverse("policies:check_shared", kwargs={"token": token})
    return client.get(url).content.decode()


def published_days_ago(days: int) -> datetime.datetime:
    """The guide published a month ago and DC-2 again ``days`` ago: the rules the
    check applies change then."""
    moment = timezone.now() - datetime.timedelta(days=days)
    published = Policy.objects.published()
    published.update(published_at=moment - datetime.timedelta(days=30))
    published.filter(code="DC-2").update(published_at=moment)
    return moment


def day_of(moment: datetime.datetime, language: str = "en") -> str:
    with translation.override(language):
        return date_format(timezone.localtime(moment).date(), "DATE_FORMAT")


def test_the_rules_took_effect_when_the_last_version_was_published(db):
    first = PolicyFactory(published_at=timezone.now() - datetime.timedelta(days=9))
    latest = PolicyFactory(published_at=timezone.now() - datetime.timedelta(days=2))
    PolicyFactory(state=Policy.State.DRAFT, published_at=None)

    assert rules_took_effect() == latest.published_at
    assert first.published_at < rules_took_effect()


def test_withdrawing_a_policy_changes_the_rules(db):
    policy = PolicyFactory(published_at=timezone.now() - datetime.timedelta(days=9))

    services.policy_archive(policy=policy, user=None)

    policy.refresh_from_db()
    assert rules_took_effect() == policy.updated_at


def test_a_policy_leaving_the_check_at_its_end_date_changes_the_rules(db):
    PolicyFactory(published_at=timezone.now() - datetime.timedelta(days=30))
    expired_on = beijing_today() - datetime.timedelta(days=3)
    PolicyFactory(
        published_at=timezone.now() - datetime.timedelta(days=20),
        valid_until=expired_on,
    )

    took_effect = rules_took_effect()

    assert timezone.localtime(took_effect).date() == expired_on + datetime.timedelta(
        days=1
    )


def test_nothing_published_has_no_rules_date(db):
    assert rules_took_effect() is None


@pytest.mark.usefixtures("guide")
def test_results_name_the_day_the_rules_took_effect(client):
    published = published_days_ago(4)

    html = shared_page(client, sharing.encode(DONGCHENG["profile"]))
    chinese = shared_page(client, sharing.encode(DONGCHENG["profile"]), "zh-hans")

    assert f"Assessed with the rules in force since {day_of(published)}." in html
    assert f"按{day_of(published, 'zh-hans')}起适用的规则评估。" in chinese


@pytest.mark.usefixtures("guide")
def test_a_link_made_before_the_rules_changed_says_they_did(client):
    token = sharing.encode(DONGCHENG["profile"], now=time.time() - 10 * DAY)
    changed = published_days_ago(3)

    html = shared_page(client, token)
    chinese = shared_page(client, token, "zh-hans")

    assert (
        f"The rules changed on {day_of(changed)}, after this link was made: these "
        "results use today’s rules."
    ) in html
    assert f"规则已于{day_of(changed, 'zh-hans')}更改" in chinese


@pytest.mark.usefixtures("guide")
def test_a_link_made_after_the_rules_changed_says_nothing_of_it(client):
    published_days_ago(3)
    token = sharing.encode(DONGCHENG["profile"], now=time.time() - 1 * DAY)

    html = shared_page(client, token)

    assert "data-rules-changed" not in html
    assert "The rules changed on" not in html


@pytest.mark.usefixtures("guide")
def test_the_printout_carries_the_share_link_as_a_qr_code(client):
    response = client.get(
        reverse(
            "policies:check_shared",
            kwargs={"token": sharing.encode(DONGCHENG["profile"])},
        )
    )
    html = response.content.decode()
    share_url = response.context["share_url"]

    assert f'<img class="print-qr__code" src="{qr_data_uri(share_url)}"' in html
    assert "check-share__printed" not in html
    assert "Printed from" not in html  # the QR code, not an address, leads back
    until = beijing_today() + datetime.timedelta(days=90)
    assert (
        "Scan with a phone to open these results again, until "
        f"{date_format(until, 'DATE_FORMAT')}."
    ) in html
