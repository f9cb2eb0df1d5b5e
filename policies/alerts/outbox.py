"""Alert email leaves the request: queued in the database, sent by the task
worker (``manage.py db_worker``), retried with backoff, sent once.

Why an outbox table and not the message in the task itself: the task queue keeps
its tasks' arguments long after they ran, so a task carries only an
``OutgoingEmail`` id; the message, and through its subscription the address,
live in a row deleted once sent or with the subscription. The row is also
what makes delivery exact:

- **No lost mail.** The row and its task are written in the transaction that
  decides to send (the subscription, or the alert run's new result), so both
  exist or neither does. A failed attempt schedules the next one
  (``MAIL_RETRY_*``); ``requeue_lost`` gives a new task to a row whose worker
  died mid-attempt.
- **No duplicate mail.** A worker claims a row by moving its next attempt into
  the future, under a row lock, before it talks to the mail server; any other
  task for the row (a retry, a requeue) then finds nothing due, and the row is
  deleted once the server took the message. Only a worker that dies between the
  server's "250 OK" and that delete can cause a second copy.

The SMTP conversation holds no transaction and no lock, so a mail server that
never answers (``EMAIL_TIMEOUT``) ties up one worker, never a web request or
the database.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from ..models.alerts import OutgoingEmail, Subscription
from . import quota

logger = logging.getLogger(__name__)

# Mail goes ahead of long jobs (population runs) on the shared queue.
MAIL_PRIORITY = 50
# A row whose attempt is this overdue lost its worker (or its task).
LOST_AFTER = timedelta(hours=1)


def queue(
    subscription: Subscription, message: EmailMultiAlternatives, *, quota_first=False
) -> OutgoingEmail:
    """Keep ``message`` for ``subscription``'s address and queue its sending, in
    the caller's transaction. ``quota_first``: a confirmation, counted against the
    address's daily cap when the worker takes it (a refused one is dropped with
    its subscription, so the request never depends on the address's past)."""
    html = next(
        (content for content, kind in message.alternatives if kind == "text/html"), ""
    )
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            subscription=subscription,
            subject=message.subject,
            body=message.body,
            html=html,
            headers=dict(message.extra_headers),
            needs_quota=quota_first,
        )
        deliver_email.enqueue(email.pk)
    return email


def backoff(attempts: int) -> timedelta:
    """The wait after ``attempts`` attempts: doubling from the base, capped."""
    seconds = settings.MAIL_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
    return timedelta(seconds=min(seconds, settings.MAIL_RETRY_MAX_SECONDS))


@task(priority=MAIL_PRIORITY)
def deliver_email(email_id: int) -> str:
    """The worker's side: send one outgoing email if it is due."""
    return deliver(email_id)


def deliver(email_id: int, *, now: datetime | None = None) -> str:
    """Claim the row, send, then delete it; on failure schedule the next attempt.
    Returns what happened, for the task's result."""
    now = now or timezone.now()
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .select_related("subscription")
            .due(now=now)
            .filter(pk=email_id)
            .first()
        )
        if email is None:
            return "nothing due"
        if email.needs_quota:
            if not quota.take_slot(quota.address_key(email.subscription.email), now):
                email.subscription.delete()
                logger.info(
                    "Confirmation %s dropped: its address's daily cap", email_id
                )
                return "over the address's daily cap"
            email.needs_quota = False
        email.attempts += 1
        email.next_attempt_at = now + backoff(email.attempts)
        email.save(update_fields=["needs_quota", "attempts", "next_attempt_at"])
    try:
        _message(email).send()
    except (smtplib.SMTPException, OSError) as error:
        return _failed(email, error, now)
    OutgoingEmail.objects.filter(pk=email.pk).delete()
    return "sent"


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.subscription.email],
        headers=email.headers,
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    return message


def _permanent(error: Exception) -> bool:
    """The server refused the message for good (5xx): trying again cannot help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return True
    code = getattr(error, "smtp_code", 0)
    return isinstance(code, int) and 500 <= code < 600


def _failed(email: OutgoingEmail, error: Exception, now: datetime) -> str:
    """Record the failure (its kind and code only: an SMTP error may quote the
    address) and schedule the next attempt, or give up."""
    reason = f"{type(error).__name__} {getattr(error, 'smtp_code', '')}".strip()
    if _permanent(error) or email.attempts >= settings.MAIL_MAX_ATTEMPTS:
        OutgoingEmail.objects.filter(pk=email.pk).update(
            failed_at=now, last_error=reason
        )
        logger.error(
            "Email %s undeliverable after %s attempts: %s",
            email.pk,
            email.attempts,
            reason,
        )
        return "undeliverable"
    with transaction.atomic():
        if OutgoingEmail.objects.filter(pk=email.pk).update(last_error=reason):
            deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
    logger.warning(
        "Email %s not sent (attempt %s, next at %s): %s",
        email.pk,
        email.attempts,
        email.next_attempt_at.isoformat(timespec="seconds"),
        reason,
    )
    return "will retry"


def requeue_lost(now: datetime | None = None) -> int:
    """Give a new task to each row whose attempt is long overdue: its worker died
    mid-attempt or its task was lost. Safe to repeat: a row is sent once."""
    overdue = OutgoingEmail.objects.due(now=(now or timezone.now()) - LOST_AFTER)
    ids = list(overdue.values_list("pk", flat=True))
    for email_id in ids:
        deliver_email.enqueue(email_id)
    return len(ids)
