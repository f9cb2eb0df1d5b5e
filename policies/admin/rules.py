"""A policy's routes and criteria: edited inline on the policy page while it is a
draft, and listed on their own for search, history and revert."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from policies.models import Criterion, Policy, Route
from policies.rule_checks import band_report

from .forms import (
    CriterionForm,
    CriterionFormSet,
    RouteForm,
    RouteFormSet,
)
from .history import VersionedHistoryAdmin


def _draft(policy: Policy | None) -> bool:
    return policy is None or policy.state == Policy.State.DRAFT


class DraftOnlyInline:
    """The rows of a published or archived version are shown, never changed."""

    def has_add_permission(self, request: HttpRequest, obj: Policy | None) -> bool:
        return _draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return _draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return _draft(obj) and super().has_delete_permission(request, obj)

    def get_extra(self, request: HttpRequest, obj=None, **kwargs) -> int:
        return 1 if obj is None else 0


class RouteInline(DraftOnlyInline, TranslationStackedInline):
    """A route, its name in English and Chinese side by side."""

    model = Route
    form = RouteForm
    formset = RouteFormSet
    fieldsets = (
        (None, {"fields": ("name", ("role", "order"), ("kind", "up_to"))}),
        (
            _("Amount"),
            {
                "fields": (
                    ("amount", "amount_min", "amount_max"),
                    ("rate_pct", "base_fact", "cap"),
                    ("schedule_fact", "schedule"),
                    ("limit_fact", "limit"),
                    "terms",
                )
            },
        ),
    )


class CriterionInline(DraftOnlyInline, admin.TabularInline):
    model = Criterion
    form = CriterionForm
    formset = CriterionFormSet
    fields = ("route", "fact", "operator", "value", "order")

    def get_formset(self, request: HttpRequest, obj: Policy | None = None, **kwargs):
        """Offer only this policy's own routes."""
        formset = super().get_formset(request, obj, **kwargs)
        route = formset.form.base_fields.get("route")
        if route is not None:
            route.queryset = (
                Route.objects.filter(policy=obj) if obj else Route.objects.none()
            )
        return formset


class PolicyPartAdmin(VersionedHistoryAdmin):
    """A route or criterion on its own: added on its policy's page, changed (or
    reverted from its history) only while that policy is a draft."""

    list_select_related = ("policy",)
    readonly_fields = ("policy",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        policy = obj.policy if obj is not None else None
        return _draft(policy) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        policy = obj.policy if obj is not None else None
        return _draft(policy) and super().has_delete_permission(request, obj)


class StandaloneCriterionForm(CriterionForm):
    """A criterion changed alone still may not make its policy's bands overlap."""

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        policy = self.instance.policy
        candidate = Criterion(
            pk=self.instance.pk,
            policy=policy,
            route=data.get("route"),
            fact=data["fact"],
            operator=data["operator"],
            value=data["value"],
        )
        others = [c for c in policy.criteria.all() if c.pk != candidate.pk]
        report = band_report(policy, policy.routes.all(), [*others, candidate])
        for problem in report.errors:
            self.add_error("value", problem.message)
        return data


@admin.register(Criterion)
class CriterionAdmin(PolicyPartAdmin):
    form = StandaloneCriterionForm
    fields = ("policy", "route", "fact", "operator", "value", "order")
    list_display = ("__str__", "policy", "route", "order")
    list_filter = ("policy__state", "policy__region", "operator")
    search_fields = ("policy__code", "policy__title", "fact", "route__name")

    def get_form(self, request: HttpRequest, obj: Criterion | None = None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        route = form.base_fields.get("route")
        if route is not None and obj is not None:
            route.queryset = Route.objects.filter(policy=obj.policy)
        return form


@admin.register(Route)
class RouteAdmin(PolicyPartAdmin, TranslationAdmin):
    form = RouteForm
    fieldsets = ((None, {"fields": ("policy",)}), *RouteInline.fieldsets)
    list_display = ("name", "policy", "role", "kind")
    list_filter = ("policy__state", "policy__region", "role", "kind")
    search_fields = ("policy__code", "policy__title", "name")
