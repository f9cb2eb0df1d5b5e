"""Policy alerts: an email address and the check's answers, kept only to say when a
published change makes the enterprise eligible for a policy or changes its estimate.

The answers and the last result are stored signed with ``django.core.signing``
(``signing.dumps``), so they are tamper-evident: a changed value fails to load and
is never assessed. Signing does not hide them, so no staff screen shows them, and
no history of this model is kept: deleting a subscription deletes the data.
"""

import uuid
from collections.abc import Mapping
from datetime import timedelta

from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..rules.profile import parse
from ..rules.serialize import json_value

PROFILE_SALT = "policies.alerts.profile"
RESULT_SALT = "policies.alerts.result"
CONFIRM_WITHIN = timedelta(days=7)


def mask_email(email: str) -> str:
    """ "a***@example.com": enough for staff to tell addresses apart, not to read one."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self) -> "SubscriptionQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def pending(self) -> "SubscriptionQuerySet":
        return self.filter(confirmed_at__isnull=True)

    def unconfirmed_too_long(self, *, now=None) -> "SubscriptionQuerySet":
        """Requests never confirmed within the week the link works: to delete."""
        return self.pending().filter(
            created_at__lt=(now or timezone.now()) - CONFIRM_WITHIN
        )


class Subscription(models.Model):
    """One enterprise's answers, watched for changes on behalf of one email address."""

    token = models.UUIDField(
        _("token"), default=uuid.uuid4, unique=True, editable=False
    )
    email = models.EmailField(_("email address"))
    profile = models.TextField(
        _("answers (signed)"),
        editable=False,
        help_text=_("The check's answers, signed with django.core.signing."),
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_result = models.TextField(
        _("last result (signed)"),
        blank=True,
        editable=False,
        help_text=_("Eligible policies and estimate at the last run, signed."),
    )
    last_result_digest = models.CharField(
        _("last result digest"), max_length=64, blank=True, editable=False
    )
    last_notified_at = models.DateTimeField(_("last alerted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["email"], name="subscription_email")]
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")

    def __str__(self) -> str:
        return self.masked_email

    @property
    def masked_email(self) -> str:
        return mask_email(self.email)

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    def store_profile(self, profile: Mapping[str, object]) -> None:
        """Keep ``profile`` (typed facts) signed."""
        data = {name: json_value(value) for name, value in profile.items()}
        self.profile = signing.dumps(data, salt=PROFILE_SALT, compress=True)

    def answers(self) -> dict[str, object]:
        """The stored profile, typed again; ``signing.BadSignature`` if it was
        altered, ``ProfileError`` if the fact catalogue no longer accepts it."""
        return parse(signing.loads(self.profile, salt=PROFILE_SALT))

    def store_result(self, summary: Mapping[str, object], digest: str) -> None:
        self.last_result = signing.dumps(dict(summary), salt=RESULT_SALT, compress=True)
        self.last_result_digest = digest

    def previous_result(self) -> dict[str, object] | None:
        """The summary stored at the last run, or ``None`` before the first."""
        if not self.last_result:
            return None
        return signing.loads(self.last_result, salt=RESULT_SALT)


class OutgoingEmailQuerySet(models.QuerySet):
    def due(self, *, now=None) -> "OutgoingEmailQuerySet":
        return self.filter(
            failed_at__isnull=True, next_attempt_at__lte=now or timezone.now()
        )

    def undeliverable(self) -> "OutgoingEmailQuerySet":
        return self.filter(failed_at__isnull=False)


class OutgoingEmail(models.Model):
    """An email to a subscriber, waiting to be sent by the task worker.

    Rendered when it is decided (a confirmation when asked for, an alert when a
    run finds news) and deleted once sent, or with its subscription: the task
    queue carries only this row's id, so no address or answer outlives a
    deletion in the queue's own records. The recipient is the subscription's
    address, read when sending.
    """

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="outgoing_emails"
    )
    subject = models.TextField()
    body = models.TextField()
    html = models.TextField()
    headers = models.JSONField(default=dict, blank=True)
    needs_quota = models.BooleanField(
        default=False,
        help_text="A confirmation not yet counted against its address's daily cap.",
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")

    def __str__(self) -> str:
        return f"{self.subscription.masked_email}: {self.subject}"


class ConfirmationSlot(models.Model):
    """One of the few confirmation emails an address may receive in a day.

    An address has at most ``PER_DAY`` slots (the unique constraint), and a slot
    is taken again only a day after its last use, so no 24 hours ever hold more
    than that many confirmations for one address, however many requests, workers
    or servers race for them. The address is kept only as a keyed hash of its
    normalised form (``alerts.quota``).
    """

    address_key = models.CharField(max_length=64)
    slot = models.PositiveSmallIntegerField()
    used_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["address_key", "slot"], name="one_use_per_confirmation_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.address_key[:8]}… #{self.slot}"
