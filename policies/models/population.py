"""Populations: registries of enterprises, their runs and the log of who used them.

A registry names real enterprises and their finances, so it is kept only as long
as ``POPULATION_RETENTION_DAYS`` (``manage.py purge_populations`` deletes it with
its runs), only staff holding ``run_population`` see it, and every upload, run
and export is logged in ``PopulationEvent``, which keeps no registry data.

Rows and results are stored in compressed chunks of a few thousand rows
(``policies.population.codec``), not a row per enterprise: a run reads and writes
a million enterprises in a few hundred queries, and a chunk is the unit of work a
worker process takes.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .policy import Policy


class PopulationQuerySet(models.QuerySet):
    def expired(self, *, now=None) -> "PopulationQuerySet":
        """Populations older than the retention period: to delete."""
        days = settings.POPULATION_RETENTION_DAYS
        return self.filter(
            created_at__lt=(now or timezone.now()) - timedelta(days=days)
        )


class Population(models.Model):
    """A table of enterprise profiles, uploaded or synthetic."""

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Uploaded file")
        SYNTHETIC = "synthetic", _("Synthetic")

    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    seed = models.IntegerField(_("seed"), null=True, blank=True)
    row_count = models.PositiveIntegerField(_("enterprises"))
    columns = models.JSONField(_("facts given"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = PopulationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("population")
        verbose_name_plural = _("populations")
        permissions = [
            (
                "run_population",
                _("Can upload, run and export populations of enterprises"),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def synthetic(self) -> bool:
        return self.source == self.Source.SYNTHETIC

    @property
    def expires_at(self):
        return self.created_at + timedelta(days=settings.POPULATION_RETENTION_DAYS)


class EncodedChunk(models.Model):
    """Consecutive rows, encoded by ``population.codec``; ``index`` orders them."""

    index = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.index)


class PopulationChunk(EncodedChunk):
    """Consecutive rows of a population."""

    population = models.ForeignKey(Population, models.CASCADE, related_name="chunks")

    class Meta:
        ordering = ["population", "index"]
        constraints = [
            models.UniqueConstraint(
                fields=["population", "index"], name="one_population_chunk_per_index"
            )
        ]


class PopulationRun(models.Model):
    """Every enterprise of a population assessed against the published rules, or
    against them with one draft in place of its code's published version."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    population = models.ForeignKey(Population, models.CASCADE, related_name="runs")
    draft = models.ForeignKey(
        Policy, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    draft_label = models.CharField(_("draft"), max_length=100, blank=True)
    baseline = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The run of the published rules a draft's run is compared with."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    summary = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("population run")
        verbose_name_plural = _("population runs")

    def __str__(self) -> str:
        return f"{self.population} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent_done(self) -> int:
        return 100 * self.rows_done // self.rows_total if self.rows_total else 0


class RunChunk(EncodedChunk):
    """The results of one population chunk's rows, in the same order."""

    run = models.ForeignKey(PopulationRun, models.CASCADE, related_name="chunks")

    class Meta:
        ordering = ["run", "index"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "index"], name="one_run_chunk_per_index"
            )
        ]


class PopulationEvent(models.Model):
    """Who uploaded, ran, exported or deleted a population, and when. Kept after
    the population is gone; holds its name and row count, never its rows."""

    class Action(models.TextChoices):
        UPLOAD = "upload", _("Uploaded")
        GENERATE = "generate", _("Generated")
        RUN = "run", _("Ran")
        EXPORT = "export", _("Exported")
        DELETE = "delete", _("Deleted")
        PURGE = "purge", _("Deleted after the retention period")

    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    population = models.ForeignKey(
        Population, models.SET_NULL, null=True, blank=True, related_name="events"
    )
    population_name = models.CharField(_("population"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(_("user"), max_length=150, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("population event")
        verbose_name_plural = _("population events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"
