"""Writes for alerts: subscribe, confirm, delete, and the run that sends them.

A subscription is asked for with an email address and the check's answers, and
confirmed from a link in an email; nothing is sent to it before that. Confirming
records the result on today's rules as the baseline. Each run of ``send_alerts``
assesses every confirmed subscription against the rules published now and sends one
message to each whose result changed, storing the new result first, so a second run
finds nothing new.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.base_user import BaseUserManager
from django.core import mail, signing
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone, translation

from .. import selectors, sharing
from ..addresses import absolute_url
from ..comparison import district_label
from ..models import Policy
from ..models.alerts import Subscription
from ..rules.engine import assess
from ..rules.profile import ProfileError
from ..status import beijing_today
from . import mail as messages
from .results import Summary, Window, change, digest, summarize

logger = logging.getLogger(__name__)

PENDING_PER_DAY = 3


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
) -> Subscription | None:
    """A pending subscription, or ``None`` when this address already has several
    unconfirmed requests from the last day (a guard against mail bombing: the
    visitor sees the same page either way, so it tells nothing about the address)."""
    email = BaseUserManager.normalize_email(email)
    since = timezone.now() - timedelta(days=1)
    recent = Subscription.objects.pending().filter(
        email__iexact=email, created_at__gte=since
    )
    if recent.count() >= PENDING_PER_DAY:
        return None
    subscription = Subscription(email=email, language=language)
    subscription.store_profile(profile)
    subscription.save()
    return subscription


def confirmation_send(
    *, subscription: Subscription, confirm_url: str, about_url: str
) -> None:
    with translation.override(subscription.language):
        messages.confirmation(
            subscription, confirm_url=confirm_url, about_url=about_url
        ).send()


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
    sent: int = 0
    baselines: int = 0
    unchanged: int = 0
    unreadable: int = 0
    failed: int = 0
    purged: int = 0


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
    """Assess every confirmed subscription and send one message per changed result.

    A subscription whose stored answers fail their signature, or no longer fit the
    fact catalogue, is skipped and counted; a message that cannot be sent puts the
    old result back, so the next run tries again.
    """
    now = now or timezone.now()
    run = AlertRun()
    run.purged, _ = Subscription.objects.unconfirmed_too_long(now=now).delete()
    known = windows()
    today = beijing_today(now)
    connection = mail.get_connection()
    subscriptions = Subscription.objects.confirmed().order_by("language", "pk")
    for subscription in subscriptions.iterator():
        run.checked += 1
        with translation.override(subscription.language):
            _one(subscription, run, known, today, connection, now)
    return run


def _one(
    subscription: Subscription,
    run: AlertRun,
    known: Mapping[str, Window],
    today: date,
    connection: BaseEmailBackend,
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
    old_result, old_digest = subscription.last_result, subscription.last_result_digest
    if not _claim(subscription, summary, fingerprint):
        return
    if before is None:
        run.baselines += 1
        return
    what = change(before, summary, today=today)
    if not what.worth_telling:
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
    message.connection = connection
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Alert to subscription %s not sent: %s", subscription.pk, error)
        Subscription.objects.filter(
            pk=subscription.pk, last_result_digest=fingerprint
        ).update(last_result=old_result, last_result_digest=old_digest)
        run.failed += 1
        return
    Subscription.objects.filter(pk=subscription.pk).update(last_notified_at=now)
    run.sent += 1
