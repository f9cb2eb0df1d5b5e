"""Writes for alerts: subscribe, confirm, delete, and the run that sends them.

A subscription is asked for with an email address and the check's answers, and
confirmed from a link in an email; nothing is sent to it before that. Confirming
records the result on today's rules as the baseline. Each run of ``send_alerts``
assesses every confirmed subscription against the rules published now and queues
one message to each whose result changed, storing the new result in the same
transaction, so a second run finds nothing new and no news is lost. The task
worker sends what is queued (``outbox``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.base_user import BaseUserManager
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from .. import selectors, sharing
from ..addresses import absolute_url
from ..comparison import district_label
from ..models import Policy
from ..models.alerts import CONFIRM_WITHIN, OutgoingEmail, Subscription
from ..rules.engine import assess
from ..rules.profile import ProfileError
from ..status import beijing_today
from . import mail as messages
from . import outbox, quota, tokens
from .results import Summary, Window, change, digest, summarize

logger = logging.getLogger(__name__)

PENDING_PER_DAY = quota.PER_DAY


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def windows() -> dict[str, Window]:
    """Each assessable policy's application dates, by code, in one query."""
    rows = Policy.objects.assessable(today=beijing_today()).values_list(
        "code",
        "application_opens",
        "application_closes",
        "application_rolling",
        "valid_until",
    )
    return {
        code: (_iso(opens), _iso(closes), rolling, _iso(until))
        for code, opens, closes, rolling, until in rows
    }


def current_result(
    profile: Mapping[str, object], known: Mapping[str, Window] | None = None
) -> tuple[Summary, str]:
    """The summary and digest of ``profile`` on the rules published now."""
    summary = summarize(
        assess(profile, selectors.rule_set()), windows() if known is None else known
    )
    return summary, digest(summary)


def subscription_create(
    *, email: str, profile: Mapping[str, object], language: str
) -> Subscription:
    """A pending subscription, nothing sent."""
    subscription = Subscription(
        email=BaseUserManager.normalize_email(email), language=language
    )
    subscription.store_profile(profile)
    subscription.save()
    return subscription


def subscription_request(
    *, email: str, profile: Mapping[str, object], language: str
) -> Subscription:
    """A pending subscription and its confirmation email, queued together.

    The same work whatever the address's state (new, pending, confirmed, or
    over its daily cap): nothing about the address is read here, so neither the
    answer nor its timing tells anything about it. The worker applies the cap
    (``quota``) when it takes the email, and drops a refused request.
    """
    with transaction.atomic():
        subscription = subscription_create(
            email=email, profile=profile, language=language
        )
        with translation.override(language):
            token = tokens.confirm_token(subscription)
            confirm = reverse("policies:alerts_confirm", kwargs={"token": token})
            message = messages.confirmation(
                subscription,
                confirm_url=absolute_url(confirm),
                about_url=absolute_url(reverse("policies:alerts")),
            )
        outbox.queue(subscription, message, quota_first=True)
    return subscription


def subscription_confirm(*, subscription: Subscription) -> Subscription:
    """Start the alerts, with today's result as the baseline; confirming twice
    changes nothing."""
    if subscription.confirmed:
        return subscription
    summary, fingerprint = current_result(subscription.answers())
    subscription.store_result(summary, fingerprint)
    subscription.confirmed_at = timezone.now()
    subscription.save(
        update_fields=["confirmed_at", "last_result", "last_result_digest"]
    )
    return subscription


def subscription_delete(*, subscription: Subscription) -> None:
    """Delete the address, the answers and the result: nothing of it remains."""
    subscription.delete()


@dataclass
class AlertRun:
    """What one run did, in counts only (never an address or a figure)."""

    checked: int = 0
    queued: int = 0
    baselines: int = 0
    unchanged: int = 0
    unreadable: int = 0
    purged: int = 0
    requeued: int = 0
    undeliverable: int = 0


def _claim(subscription: Subscription, summary: Summary, fingerprint: str) -> bool:
    """Store the new result unless another run already did (then leave it to that
    run): the update only applies while the digest is the one this run read."""
    old = subscription.last_result_digest
    subscription.store_result(summary, fingerprint)
    return bool(
        Subscription.objects.filter(pk=subscription.pk, last_result_digest=old).update(
            last_result=subscription.last_result, last_result_digest=fingerprint
        )
    )


def _links(profile: Mapping[str, object]) -> dict[str, str]:
    """Where to read the results and the comparison on these answers, afresh."""
    token = sharing.encode(profile)
    return {
        "results_url": absolute_url(
            reverse("policies:check_shared", kwargs={"token": token})
        ),
        "compare_url": absolute_url(
            reverse("policies:check_compare", kwargs={"token": token})
        ),
    }


def alerts_send(*, now: datetime | None = None) -> AlertRun:
    """Assess every confirmed subscription and queue one message per changed result.

    A subscription whose stored answers fail their signature, or no longer fit the
    fact catalogue, is skipped and counted. The run also tidies up: requests never
    confirmed within the week and the confirmation slots a day old go, emails
    whose worker died get a new task, and undeliverable ones are counted.
    """
    now = now or timezone.now()
    run = AlertRun()
    run.purged, _ = Subscription.objects.unconfirmed_too_long(now=now).delete()
    quota.forget_old_slots(now)
    OutgoingEmail.objects.undeliverable().filter(
        failed_at__lt=now - CONFIRM_WITHIN
    ).delete()
    run.undeliverable = OutgoingEmail.objects.undeliverable().count()
    run.requeued = outbox.requeue_lost(now)
    known = windows()
    today = beijing_today(now)
    subscriptions = Subscription.objects.confirmed().order_by("language", "pk")
    for subscription in subscriptions.iterator():
        run.checked += 1
        with translation.override(subscription.language):
            _one(subscription, run, known, today, now)
    return run


def _one(
    subscription: Subscription,
    run: AlertRun,
    known: Mapping[str, Window],
    today: date,
    now: datetime,
) -> None:
    """Assess one subscription and send its alert if its result changed."""
    try:
        profile = subscription.answers()
        before = subscription.previous_result()
    except (signing.BadSignature, ProfileError) as error:
        logger.warning("Alert subscription %s unreadable: %s", subscription.pk, error)
        run.unreadable += 1
        return
    summary, fingerprint = current_result(profile, known)
    if fingerprint == subscription.last_result_digest:
        run.unchanged += 1
        return
    if before is None:
        if _claim(subscription, summary, fingerprint):
            run.baselines += 1
        return
    what = change(before, summary, today=today)
    if not what.worth_telling:
        if _claim(subscription, summary, fingerprint):
            run.unchanged += 1
        return
    codes = {*what.gained, *what.lost, *what.new_windows}
    policies = {p.code: p for p in Policy.objects.published().filter(code__in=codes)}
    message = messages.alert(
        subscription,
        what,
        summary,
        policies,
        _links(profile),
        district=district_label(profile.get("district")),
    )
    with transaction.atomic():
        if not _claim(subscription, summary, fingerprint):
            return
        outbox.queue(subscription, message)
        Subscription.objects.filter(pk=subscription.pk).update(last_notified_at=now)
    run.queued += 1
