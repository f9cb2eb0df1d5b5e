"""Worked cases: sample profiles with the outcome staff expect, kept as data so that a
changed rule that breaks a known answer is caught before the public sees it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies.rules.cases import check_expected


class WorkedCase(models.Model):
    """One profile and its expected outcome, run by the admin and ``check_cases``."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    profile = models.JSONField(
        _("profile"),
        default=dict,
        blank=True,
        help_text=_("Facts as the API takes them."),
    )
    expected = models.JSONField(
        _("expected outcome"),
        help_text=_(
            '{"eligible": {"DC-1": [500000, 500000], "BJ-3": null}, "needs_info": [...], '
            '"not_eligible": [...], "most_favorable": ["DC-1"]}. A null minimum accepts '
            "any minimum; null as the amount means a non-monetary benefit."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("worked case")
        verbose_name_plural = _("worked cases")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        problems = check_expected(self.expected)
        if problems:
            raise ValidationError({"expected": problems})
        if not isinstance(self.profile, dict):
            raise ValidationError({"profile": _("The profile must be a JSON object.")})
