"""The guide's descriptive content: regions, their key projects and areas, goals,
source documents, agencies and their phone numbers, and the guide's closing notes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Region(models.Model):
    """The municipality or one of its districts, as the guide presents it."""

    class Level(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal")
        DISTRICT = "district", _("District")

    slug = models.SlugField(
        _("slug"), unique=True, help_text=_("Also the district value in a profile.")
    )
    name = models.CharField(_("name"), max_length=120)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    positioning = models.TextField(_("development positioning"), blank=True)
    layout = models.TextField(_("development layout"), blank=True)
    layout_key_district = models.BooleanField(
        _("key district in the municipal layout"),
        default=False,
        help_text=_(
            "Named by the guide's development layout as a key area of Beijing's AI industry."
        ),
    )
    has_guide_content = models.BooleanField(
        _("has its own section in the guide"), default=False
    )
    goals_source = models.ForeignKey(
        "SourceDocument",
        verbose_name=_("source of the positioning, layout and goals"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("policies:region", kwargs={"slug": self.slug})

    @property
    def is_municipal(self) -> bool:
        return self.level == self.Level.MUNICIPAL


class DevelopmentGoal(models.Model):
    """One numbered development goal of a region (the municipality has five)."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="goals", verbose_name=_("region")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "number"], name="unique_goal_number"
            )
        ]
        verbose_name = _("development goal")
        verbose_name_plural = _("development goals")

    def __str__(self) -> str:
        return f"{self.region} ({self.number})"


class KeyProject(models.Model):
    """A key project the guide names for a district."""

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="key_projects",
        verbose_name=_("region"),
    )
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "order", "name"]
        verbose_name = _("key project")
        verbose_name_plural = _("key projects")

    def __str__(self) -> str:
        return self.name


class KeyArea(models.Model):
    """A key technology area the guide names for a district."""

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="key_areas",
        verbose_name=_("region"),
    )
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "order", "name"]
        verbose_name = _("key area")
        verbose_name_plural = _("key areas")

    def __str__(self) -> str:
        return self.name


class SourceDocument(models.Model):
    """An official document the guide cites as the source of its content."""

    title = models.CharField(_("title"), max_length=300)
    issuing_body = models.CharField(_("issuing body"), max_length=200, blank=True)
    title_zh_is_translation = models.BooleanField(
        _("Chinese title is the portal's translation"),
        default=True,
        help_text=_("Untick once the Chinese title is the document's official one."),
    )

    class YearBasis(models.TextChoices):
        TITLE = "title", _("named in its title")
        GUIDE_NOTE = "guide_note", _("named in the guide’s note on it")

    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        help_text=_(
            "Only a year the guide states, with where it states it below; the guide "
            "gives no date of issue for any document."
        ),
    )
    year_basis = models.CharField(
        _("where the guide states the year"),
        max_length=12,
        choices=YearBasis.choices,
        blank=True,
    )
    url = models.URLField(_("link to the official text"), blank=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            'Such as "The 2022 policy is for reference only and subject to the latest notice".'
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """A year is shown with where the guide states it, so never one alone."""
        if (self.year is None) != (not self.year_basis):
            raise ValidationError(
                {
                    "year_basis": _(
                        "Give a year together with where the guide states it."
                    )
                }
            )


class Agency(models.Model):
    """A government body enterprises contact about a policy."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """An (agency, phone number) pair; an agency may have several numbers."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="contacts",
        verbose_name=_("agency"),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        help_text=_("International format, e.g. +86-10-55578513."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name", "phone"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "phone"], name="unique_agency_phone"
            )
        ]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.agency}: {self.phone}"

    @property
    def tel_href(self) -> str:
        """The phone number as a ``tel:`` link target (digits and a leading plus)."""
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class GuideNote(models.Model):
    """A note that closes the guide, such as the non-stacking rule."""

    slug = models.SlugField(_("slug"), unique=True)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name = _("guide note")
        verbose_name_plural = _("guide notes")

    def __str__(self) -> str:
        return self.text[:60]
