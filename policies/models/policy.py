"""Policies: their public text, legal status, dates and editorial versions."""

import datetime
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..rules.facts import TECH_FIELDS
from ..status import ApplicationStatus, application_status, beijing_today
from .content import Contact, Region, SourceDocument


def validate_tech_fields(value: object) -> None:
    """A list of technology field keys from the fact catalogue, each at most once."""
    known = {key for key, _label in TECH_FIELDS}
    if not isinstance(value, list) or len(set(value)) != len(value):
        raise ValidationError(_("Choose each technology field at most once."))
    unknown = [item for item in value if item not in known]
    if unknown:
        raise ValidationError(
            _("Unknown technology fields: %(fields)s."),
            params={"fields": ", ".join(map(str, unknown))},
        )


# A policy code as the guide prints it: two capital letters for the region, a dash,
# a number without leading zeros and at most one lowercase letter (DC-2, CP-3a). It
# is part of every public address, so nothing else (a slash, a space) may get in.
POLICY_CODE_PATTERN = r"^[A-Z]{2}-[1-9][0-9]{0,7}[a-z]?$"
validate_policy_code = RegexValidator(
    POLICY_CODE_PATTERN,
    _(
        "Write the code as the guide prints it: two capital letters, a dash, a "
        "number and at most one lowercase letter, such as DC-2 or CP-3a."
    ),
)


class StackingGroup(models.Model):
    """Policies in one group do not stack: only the most favorable counts."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("non-stacking group")
        verbose_name_plural = _("non-stacking groups")

    def __str__(self) -> str:
        return self.name


class PolicyQuerySet(models.QuerySet):
    def published(self) -> "PolicyQuerySet":
        return self.filter(state=Policy.State.PUBLISHED)

    def assessable(self, *, today: datetime.date) -> "PolicyQuerySet":
        """Published policies the check assesses on ``today``: in force or for
        reference only, and not past their ``valid_until`` date."""
        return (
            self.published()
            .exclude(legal_status=Policy.LegalStatus.EXPIRED)
            .exclude(valid_until__lt=today)
        )

    def for_region(self, region: Region) -> "PolicyQuerySet":
        return self.filter(region=region)

    def with_public_relations(self) -> "PolicyQuerySet":
        return self.select_related("region", "source").prefetch_related(
            "contacts__agency"
        )


class Policy(models.Model):
    """One version of a support policy; the public sees the published version only."""

    class LegalStatus(models.TextChoices):
        NOT_STATED = "not_stated", _("Not stated in the guide")
        IN_FORCE = "in_force", _("In force")
        REFERENCE_ONLY = "reference_only", _("For reference only")
        EXPIRED = "expired", _("Expired")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class BenefitType(models.TextChoices):
        CASH_REWARD = "cash_reward", _("Cash reward")
        SUBSIDY = "subsidy", _("Subsidy")
        RD_FUNDING = "rd_funding", _("R&D funding")
        RENT = "rent", _("Rent subsidy")
        QUALIFICATION = "qualification", _("Qualification")
        PROCUREMENT = "procurement", _("Procurement")

    class RouteMode(models.TextChoices):
        BEST_OF = "best_of", _("Best of the routes that hold (routes may overlap)")
        BANDS = "bands", _("Bands over one fact (must not overlap)")

    code = models.CharField(
        _("code"),
        max_length=12,
        validators=[validate_policy_code],
        help_text=_(
            "As cited in print: two capital letters, a dash, a number and at most "
            "one lowercase letter, e.g. DC-2 or CP-3a."
        ),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    state = models.CharField(
        _("editorial state"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="policies",
        verbose_name=_("region"),
    )
    order = models.PositiveSmallIntegerField(_("order in the guide"), default=0)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("plain-language summary"))
    full_text = models.TextField(_("full text as the guide words it"))
    headline_benefit = models.CharField(
        _("headline benefit"),
        max_length=120,
        help_text=_('Such as "Up to CNY 500,000".'),
    )
    benefit_type = models.CharField(
        _("benefit type"), max_length=20, choices=BenefitType.choices
    )
    source = models.ForeignKey(
        SourceDocument,
        on_delete=models.PROTECT,
        related_name="policies",
        verbose_name=_("source"),
    )
    contacts = models.ManyToManyField(
        Contact, related_name="policies", verbose_name=_("contacts")
    )
    legal_status = models.CharField(
        _("legal status"),
        max_length=16,
        choices=LegalStatus.choices,
        default=LegalStatus.NOT_STATED,
        help_text=_(
            "The guide states no status for most policies: keep “Not stated in the "
            "guide” until the issuing agency confirms, then choose “In force”. The "
            "history records who changed it and when."
        ),
    )
    legal_status_note = models.TextField(
        _("about this status"),
        blank=True,
        help_text=_(
            "The portal’s own words under the status, such as why two policies from "
            "one document share it."
        ),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    application_opens = models.DateField(
        _("applications open"),
        null=True,
        blank=True,
        help_text=_(
            "The first day the agency accepts applications, as its notice says."
        ),
    )
    application_closes = models.DateField(
        _("applications close"),
        null=True,
        blank=True,
        help_text=_("The last day the agency accepts applications (the deadline)."),
    )
    application_rolling = models.BooleanField(
        _("applications accepted at any time"),
        default=False,
        help_text=_("The agency takes applications all year rather than in a window."),
    )
    tech_fields = models.JSONField(
        _("technology fields"),
        default=list,
        blank=True,
        validators=[validate_tech_fields],
        help_text=_(
            "The fields the policy names; empty when it is open to every field."
        ),
    )
    zh_is_translation = models.BooleanField(
        _("Chinese text is the portal's translation"),
        default=True,
        help_text=_(
            "Ticked while the Chinese title, summary and text are the portal's own "
            "translation of the English guide, not official wording; pages say so."
        ),
    )
    last_reviewed = models.DateField(_("last reviewed"))
    reading_note = models.TextField(
        _("how we read this"),
        blank=True,
        help_text=_("Where the guide is not explicit, the reading the rules follow."),
    )
    stacking_group = models.ForeignKey(
        StackingGroup,
        verbose_name=_("non-stacking group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="policies",
    )
    route_mode = models.CharField(
        _("routes are"),
        max_length=10,
        choices=RouteMode.choices,
        default=RouteMode.BEST_OF,
    )
    band_fact = models.CharField(
        _("bands over fact"),
        max_length=60,
        blank=True,
        help_text=_("For bands: the fact whose ranges must not overlap."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = PolicyQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[contacts])

    class Meta:
        ordering = ["order", "code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="unique_policy_version"
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(state="published"),
                name="one_published_version_per_code",
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(state="draft"),
                name="one_draft_per_code",
                violation_error_message=_(
                    "This code has a draft already: edit that one, or delete it first."
                ),
            ),
            models.CheckConstraint(
                condition=Q(code__regex=POLICY_CODE_PATTERN),
                name="policy_code_as_printed",
                violation_error_message=validate_policy_code.message,
            ),
            models.CheckConstraint(
                condition=Q(application_opens__isnull=True)
                | Q(application_closes__isnull=True)
                | Q(application_closes__gte=F("application_opens")),
                name="application_window_in_order",
                violation_error_message=_(
                    "Applications cannot close before they open."
                ),
            ),
        ]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        permissions = [("publish_policy", _("Can publish and archive policy versions"))]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("policies:policy", kwargs={"code": self.code})

    def clashing_version(self, code: str) -> "Policy | None":
        """The version that stops this draft from being renamed to ``code``.

        A draft may take a code no other version uses, or go back to the code of the
        version it was drafted from, as long as that code has no other draft and no
        version with this one's number. Anything else would make two policies share
        a page, or let publishing one archive the other.
        """
        others = Policy.objects.filter(code=code).exclude(pk=self.pk)
        if self.based_on is not None and self.based_on.code == code:
            others = others.filter(Q(version=self.version) | Q(state=self.State.DRAFT))
        return others.order_by("-version").first()

    @property
    def status_not_stated(self) -> bool:
        """The guide gives no status: the page asks the reader to confirm it."""
        return self.legal_status == self.LegalStatus.NOT_STATED

    @property
    def is_reference_only(self) -> bool:
        return self.legal_status == self.LegalStatus.REFERENCE_ONLY

    @property
    def is_expired(self) -> bool:
        return self.legal_status == self.LegalStatus.EXPIRED

    @property
    def has_lapsed(self) -> bool:
        """Its ``valid_until`` date has passed in Beijing, whatever its legal status."""
        return self.valid_until is not None and self.valid_until < beijing_today()

    @property
    def application_status(self) -> ApplicationStatus:
        """Open, upcoming, closed, rolling or unannounced, today in Beijing."""
        return self.application_status_on(beijing_today())

    def application_status_on(self, today: date) -> ApplicationStatus:
        """The application status on ``today``, from the policy's dates."""
        return application_status(
            today=today,
            opens=self.application_opens,
            closes=self.application_closes,
            rolling=self.application_rolling,
            valid_until=self.valid_until,
        )

    @property
    def phone_groups(self) -> list[tuple[str, list[Contact]]]:
        """Contacts grouped by phone number, so two agencies on one line print once."""
        groups: dict[str, list[Contact]] = {}
        for contact in self.contacts.all():
            groups.setdefault(contact.phone, []).append(contact)
        return list(groups.items())


@receiver(post_save, sender=Policy)
def _no_history_for_loaded_contacts(
    sender, instance: Policy, raw=False, **kwargs
) -> None:
    """A fixture load (a raw save) records no history; neither should the contacts it
    sets just after, or restoring a backup would add history rows that were not
    there."""
    if raw:
        instance.skip_history_when_saving = True
