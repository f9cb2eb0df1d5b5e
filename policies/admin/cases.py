"""Worked cases: staff keep sample profiles with their expected outcomes and run them,
selected ones by an action or all of them by a button, to see at once whether a rule
change broke a known answer."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from policies.models import WorkedCase
from policies.worked_cases import CaseRun, run_cases

from .forms import WorkedCaseForm


@admin.register(WorkedCase)
class WorkedCaseAdmin(SimpleHistoryAdmin):
    form = WorkedCaseForm
    list_display = ("name", "try_link")
    search_fields = ("name", "notes")
    actions = ("run_selected",)
    change_list_template = "admin/policies/workedcase/change_list.html"

    def get_urls(self) -> list:
        return [
            path(
                "run/",
                self.admin_site.admin_view(self.run_all_view),
                name="policies_workedcase_run",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("try it"))
    def try_link(self, case: WorkedCase) -> str:
        url = reverse("admin:try_it", current_app=self.admin_site.name)
        return format_html('<a href="{}?case={}">{}</a>', url, case.pk, _("Try it"))

    @admin.action(description=_("Run selected cases"), permissions=["view"])
    def run_selected(
        self, request: HttpRequest, queryset: QuerySet[WorkedCase]
    ) -> HttpResponse:
        return self._results(request, run_cases(queryset))

    def run_all_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self._results(request, run_cases(WorkedCase.objects.all()))

    def _results(self, request: HttpRequest, runs: list[CaseRun]) -> HttpResponse:
        failed = [run for run in runs if not run.holds]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Worked cases: %(held)s of %(total)s hold")
            % {"held": len(runs) - len(failed), "total": len(runs)},
            "runs": sorted(runs, key=lambda run: run.holds),
            "failed": failed,
        }
        return TemplateResponse(
            request, "admin/policies/workedcase/results.html", context
        )
