"""Policy alerts: double opt-in before anything is sent, one message per changed
result, nothing new on a second run, and answers kept signed (tamper-evident)."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from policies import sharing
from policies.alerts import services
from policies.alerts.results import change, digest
from policies.models import OutgoingEmail, Policy, Region, StackingGroup, Subscription
from policies.rules.profile import parse
from tests.factories import CriterionFactory, PolicyFactory, RouteFactory
from tests.mail_queue import deliver_mail, retry_now
from tests.test_compare import DONGCHENG
from tests.wizard_support import guide  # noqa: F401

pytestmark = pytest.mark.usefixtures("guide")

PROFILE = parse(DONGCHENG)  # eligible for DC-1, DC-4, DC-5, DC-6; estimate 1.2M
EMAIL = "owner@example.com"


def subscribe(client, profile=PROFILE, email=EMAIL, language="en"):
    """Ask for alerts through the page in ``language``, as a visitor does; the
    worker then sends the confirmation."""
    with translation.override(language):
        url = reverse(
            "policies:alerts_subscribe", kwargs={"token": sharing.encode(profile)}
        )
    response = client.post(url, {"email": email})
    deliver_mail()
    return response


def confirm_link(message) -> str:
    return re.search(r"https?://\S+/alerts/confirm/\S+/", message.body).group(0)


def confirmed(profile=PROFILE, email=EMAIL) -> Subscription:
    subscription = services.subscription_create(
        email=email, profile=profile, language="en"
    )
    return services.subscription_confirm(subscription=subscription)


def publish_new_dongcheng_policy(amount=2_000_000, code="DC-7") -> Policy:
    """A new published Dongcheng policy every Dongcheng enterprise qualifies for."""
    policy = PolicyFactory(
        code=code,
        title="New settlement incentive",
        region=Region.objects.get(slug="dongcheng"),
        stacking_group=StackingGroup.objects.get(pk=1),
    )
    CriterionFactory(policy=policy, fact="district", operator="==", value="dongcheng")
    RouteFactory(policy=policy, amount=amount)
    policy.save()  # the stamp: every process assesses the new rules from now on
    return policy


def send_alerts() -> None:
    """The cron job, then the worker that sends what it queued."""
    call_command("send_alerts", verbosity=0)
    deliver_mail()


def test_subscribing_sends_only_a_confirmation_and_stores_the_answers_signed(client):
    response = subscribe(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("policies:alerts_sent")
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert "Confirm" in message.subject
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.answers() == PROFILE
    assert signing.loads(subscription.profile, salt="policies.alerts.profile")
    with pytest.raises(signing.BadSignature):
        signing.loads(subscription.profile)  # the salt is part of the signature


def test_a_changed_stored_answer_is_detected_and_never_assessed():
    subscription = confirmed()
    value, signature = subscription.profile.rsplit(":", 1)
    subscription.profile = value[:-2] + ("AA" if value[-2:] != "AA" else "BB")
    subscription.profile += ":" + signature
    subscription.save()
    publish_new_dongcheng_policy()

    with pytest.raises(signing.BadSignature):
        subscription.answers()
    run = services.alerts_send()

    assert run.unreadable == 1
    assert mail.outbox == []


def test_no_alert_is_sent_before_confirmation(client):
    subscribe(client)
    mail.outbox.clear()
    publish_new_dongcheng_policy()

    send_alerts()
    send_alerts()

    assert mail.outbox == []
    assert Subscription.objects.get().last_result_digest == ""


def test_confirming_records_todays_result_as_the_baseline(client):
    subscribe(client)
    link = confirm_link(mail.outbox[0])

    client.post(link)

    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None
    expected, fingerprint = services.current_result(PROFILE)
    assert subscription.last_result_digest == fingerprint
    assert subscription.previous_result() == expected
    assert sorted(expected["eligible"]) == ["DC-1", "DC-4", "DC-5", "DC-6"]


def test_a_run_with_no_published_change_sends_nothing():
    confirmed()
    send_alerts()
    assert mail.outbox == []


def test_a_change_that_makes_the_subscriber_eligible_sends_exactly_one_message():
    subscription = confirmed()
    publish_new_dongcheng_policy()

    send_alerts()

    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert message.subject.startswith("A policy has opened up for your enterprise")
    assert "DC-7 New settlement incentive: CNY 2,000,000" in message.body
    assert "Before: CNY 1,200,000. Now: CNY 2,000,000." in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "DC-7" in html
    subscription.refresh_from_db()
    assert subscription.last_notified_at is not None
    assert "DC-7" in subscription.previous_result()["eligible"]


def test_running_send_alerts_twice_sends_nothing_new():
    confirmed()
    publish_new_dongcheng_policy()

    send_alerts()
    send_alerts()

    assert len(mail.outbox) == 1


def test_each_changed_subscription_gets_one_message_and_the_others_none():
    confirmed(email="dongcheng@example.com")
    confirmed(parse({"district": "changping"}), email="changping@example.com")
    publish_new_dongcheng_policy()

    send_alerts()

    assert [m.to for m in mail.outbox] == [["dongcheng@example.com"]]


def test_an_estimate_that_falls_is_news_too():
    confirmed()
    Policy.objects.filter(code="DC-5").update(state=Policy.State.ARCHIVED)
    Policy.objects.get(code="DC-1").save()  # the stamp

    send_alerts()

    (message,) = mail.outbox
    assert "No longer eligible" in message.body and "DC-5" in message.body
    assert "Before: CNY 1,200,000. Now: CNY 500,000." in message.body


def test_a_new_application_window_for_an_eligible_policy_is_announced():
    confirmed()
    opens = timezone.localdate() + timedelta(days=10)
    policy = Policy.objects.get(code="DC-5", state=Policy.State.PUBLISHED)
    policy.application_opens, policy.application_closes = opens, opens + timedelta(30)
    policy.save()

    send_alerts()
    send_alerts()

    (message,) = mail.outbox
    assert "New application dates" in message.body
    assert "DC-5" in message.body and "Applications open on" in message.body


def test_a_window_that_has_already_closed_is_recorded_but_not_announced():
    subscription = confirmed()
    policy = Policy.objects.get(code="DC-5", state=Policy.State.PUBLISHED)
    policy.application_opens = date(2020, 1, 1)
    policy.application_closes = date(2020, 2, 1)
    policy.save()

    send_alerts()

    assert mail.outbox == []
    before = subscription.last_result_digest
    subscription.refresh_from_db()
    assert subscription.last_result_digest != before


def test_every_alert_carries_links_to_stop_and_to_see_or_delete_the_data(client):
    confirmed()
    publish_new_dongcheng_policy()
    send_alerts()
    (message,) = mail.outbox

    stop = re.search(r"https?://\S+/alerts/stop/\S+/", message.body).group(0)
    data = re.search(r"https?://\S+/alerts/data/\S+/", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{stop}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert stop in message.alternatives[0][0] and data in message.alternatives[0][0]
    results = re.search(r"https?://\S+/check/shared/\S+/", message.body).group(0)
    assert sharing.decode(results.split("/")[-2]) == PROFILE


def test_an_alert_the_mail_server_refuses_waits_in_the_outbox_and_is_sent_later(
    monkeypatch,
):
    confirmed()
    publish_new_dongcheng_policy()

    def refuse(self, *args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    run = services.alerts_send()
    deliver_mail()
    assert run.queued == 1 and mail.outbox == []
    assert OutgoingEmail.objects.get().attempts == 1
    assert services.alerts_send().queued == 0  # the news is kept, not found twice

    monkeypatch.undo()
    retry_now()
    assert len(mail.outbox) == 1
    assert not OutgoingEmail.objects.exists()


def test_requests_never_confirmed_within_a_week_are_deleted(client):
    subscribe(client)
    Subscription.objects.update(created_at=timezone.now() - timedelta(days=8))

    run = services.alerts_send()

    assert run.purged == 1
    assert not Subscription.objects.exists()


def test_repeated_requests_for_one_address_are_capped_without_saying_so(client):
    for _ in range(services.PENDING_PER_DAY + 2):
        response = subscribe(client)
        assert response["Location"] == reverse("policies:alerts_sent")

    assert Subscription.objects.count() == services.PENDING_PER_DAY
    assert len(mail.outbox) == services.PENDING_PER_DAY


def test_alerts_and_their_links_speak_the_subscribers_language(client):
    subscribe(client, language="zh-hans")
    assert Subscription.objects.get().language == "zh-hans"
    assert "/zh-hans/alerts/confirm/" in mail.outbox[0].body
    client.post(confirm_link(mail.outbox[0]))
    publish_new_dongcheng_policy()

    send_alerts()

    assert "/zh-hans/alerts/stop/" in mail.outbox[-1].body


def test_the_digest_covers_codes_estimate_and_windows_only():
    base = {"eligible": {"DC-1": [1, 1]}, "estimate": [1, 1], "windows": {}}
    same_codes = {**base, "eligible": {"DC-1": [1, 2]}}
    assert digest(base) == digest(same_codes)
    assert digest(base) != digest({**base, "estimate": [1, 2]})
    assert digest(base) != digest({**base, "eligible": {"DC-2": [1, 1]}})
    news = change(base, {**base, "eligible": {"DC-2": [1, 1]}}, today=date(2026, 6, 1))
    assert (news.gained, news.lost) == (["DC-2"], ["DC-1"])
