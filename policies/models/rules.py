"""Eligibility rules as data: criteria, routes with their amounts, and the stamp that
tells every process when the rules it compiled are out of date."""

import uuid

from django.db import connections, models, router
from django.utils.text import format_lazy
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies.rules.criteria import CriterionRule, check
from policies.rules.describe import describe_criterion
from policies.rules.errors import RuleError
from policies.rules.facts import CATALOGUE
from policies.rules.vocabulary import AMOUNT_KIND_LABELS, OPERATOR_LABELS, RouteRole

from .policy import Policy

FACT_CHOICES = [(name, name) for name in CATALOGUE]
# The labels are marked in the engine with ``N_``; translated here, lazily, so a
# select shows them in the staff member's language.
OPERATOR_CHOICES = [
    (op.value, format_lazy("{} ({})", op.value, _(label)))
    for op, label in OPERATOR_LABELS.items()
]
AMOUNT_KIND_CHOICES = [
    (kind.value, _(label)) for kind, label in AMOUNT_KIND_LABELS.items()
]
ROLE_CHOICES = [
    (RouteRole.ROUTE.value, _("Route")),
    (RouteRole.ADD_ON.value, _("Add-on")),
]


class Route(models.Model):
    """A way to qualify (a band, tier or branch) and the amount it gives.

    Which amount fields apply depends on ``kind``; ``amounts.py`` in the engine is
    the reference, and the admin form checks that the right ones are filled.
    """

    policy = models.ForeignKey(
        Policy,
        on_delete=models.CASCADE,
        related_name="routes",
        verbose_name=_("policy"),
    )
    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("Shown in results, e.g. “Revenue CNY 100 million to 1 billion”."),
    )
    role = models.CharField(
        _("role"), max_length=10, choices=ROLE_CHOICES, default=RouteRole.ROUTE.value
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(
        _("amount kind"), max_length=20, choices=AMOUNT_KIND_CHOICES
    )
    up_to = models.BooleanField(
        _("up to"),
        default=False,
        help_text=_("The computed amount is a ceiling; the agency decides within it."),
    )
    amount = models.DecimalField(
        _("amount (CNY)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Fixed amount, up-to amount, or amount per unit."),
    )
    amount_min = models.DecimalField(
        _("range from (CNY)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        _("range to (CNY)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    rate_pct = models.DecimalField(
        _("rate (%)"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    base_fact = models.CharField(
        _("of fact"),
        max_length=60,
        choices=FACT_CHOICES,
        blank=True,
        help_text=_("The fact a percentage or per-unit amount applies to."),
    )
    cap = models.DecimalField(
        _("cap (CNY)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    terms = models.JSONField(
        _("terms"),
        default=list,
        blank=True,
        help_text=_('For a sum: [{"fact": "...", "amount": 500000}, ...].'),
    )
    schedule_fact = models.CharField(
        _("rate by fact"), max_length=60, choices=FACT_CHOICES, blank=True
    )
    schedule = models.JSONField(
        _("rate schedule"),
        default=list,
        blank=True,
        help_text=_('For a rate schedule: [{"at": 0, "rate_pct": 30}, ...].'),
    )
    limit_fact = models.CharField(
        _("limited fact"),
        max_length=60,
        choices=FACT_CHOICES,
        blank=True,
        help_text=_(
            "For a rate schedule: the fact whose excess is not subsidised (area)."
        ),
    )
    limit = models.DecimalField(
        _("limit"), max_digits=16, decimal_places=2, null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["policy", "order", "id"]
        verbose_name = _("route")
        verbose_name_plural = _("routes")

    def __str__(self) -> str:
        return f"{self.policy.code}: {self.name}"


class Criterion(models.Model):
    """One ``fact operator value`` test, for the whole policy or for one route."""

    policy = models.ForeignKey(
        Policy,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("policy"),
    )
    route = models.ForeignKey(
        Route,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="criteria",
        verbose_name=_("route"),
        help_text=_("Blank: the criterion applies to the whole policy."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    fact = models.CharField(_("fact"), max_length=60, choices=FACT_CHOICES)
    operator = models.CharField(_("operator"), max_length=10, choices=OPERATOR_CHOICES)
    value = models.JSONField(
        _("value"),
        help_text=_("A number, true/false, a text, or a list for “is one of”."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["policy", "route_id", "order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        """The criterion as the rules preview reads it ("Revenue in the latest year:
        CNY 30,000,000 or more"); as stored where the engine would refuse it."""
        try:
            rule = check(CriterionRule(self.fact, self.operator, self.value))
        except RuleError:
            return f"{self.fact} {self.operator} {self.value}"
        return describe_criterion(rule)


class ContentVersion(models.Model):
    """A single row whose token changes on every content or rule change.

    Each process keeps its compiled rules and cached pages keyed by this token, so a
    change made through any server is seen by all of them on their next request. The
    token is random rather than a counter so that a rolled-back transaction can never
    bring back a number that once meant other content.
    """

    stamp = models.PositiveBigIntegerField(default=1)
    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content version")

    def __str__(self) -> str:
        return str(self.stamp)

    @classmethod
    def current(cls) -> str:
        """The token of the content now in the database (one indexed query).

        Every cached page and every check reads it, so it is plain SQL: the ORM
        would spend several times longer building the query than the database
        takes to answer it.
        """
        connection = connections[router.db_for_read(cls)]
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [1])
            row = cursor.fetchone()
        return str(uuid.UUID(str(row[0]))) if row and row[0] else "empty"

    @classmethod
    def bump(cls) -> None:
        changes = {
            "stamp": models.F("stamp") + 1,
            "token": uuid.uuid4(),
            "changed_at": now(),
        }
        if not cls.objects.filter(pk=1).update(**changes):
            cls.objects.get_or_create(pk=1)
