"""The population pages of the staff admin, open only to ``run_population``:
the list with upload, a population with its runs, a run's results, its export
and a draft's impact."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ..models import Population, PopulationEvent, PopulationRun
from . import services
from .export import outreach_workbook
from .forms import RunForm, SyntheticForm, UploadForm
from .impact import draft_impact
from .pages import run_page
from .runs import run_start

PERMISSION = "policies.run_population"
RECENT_EVENTS = 20


def _allowed(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _render(request, site: AdminSite, template: str, title: str, **context):
    return TemplateResponse(
        request,
        f"admin/population/{template}",
        {**site.each_context(request), "title": title, **context},
    )


def population_list(request: HttpRequest, site: AdminSite) -> HttpResponse:
    _allowed(request)
    upload = UploadForm(prefix="upload")
    synthetic = SyntheticForm(prefix="synthetic")
    if request.method == "POST" and "upload-file" in request.FILES:
        upload = UploadForm(request.POST, request.FILES, prefix="upload")
        if upload.is_valid():
            file = upload.cleaned_data["file"]
            population = services.population_create(
                name=upload.cleaned_data["name"] or file.name,
                source=Population.Source.UPLOAD,
                rows=upload.rows,
                columns=upload.cleaned_data["columns"],
                user=request.user,
                file_name=file.name,
            )
            return redirect("admin:population", pk=population.pk)
    elif request.method == "POST":
        synthetic = SyntheticForm(request.POST, prefix="synthetic")
        if synthetic.is_valid():
            population = services.synthetic_population_create(
                **synthetic.cleaned_data, user=request.user
            )
            return redirect("admin:population", pk=population.pk)
    return _render(
        request,
        site,
        "list.html",
        _("Populations of enterprises"),
        populations=Population.objects.select_related("created_by"),
        events=PopulationEvent.objects.all()[:RECENT_EVENTS],
        upload=upload,
        synthetic=synthetic,
        retention_days=settings.POPULATION_RETENTION_DAYS,
    )


def population_detail(request: HttpRequest, site: AdminSite, pk: int) -> HttpResponse:
    _allowed(request)
    population = get_object_or_404(Population, pk=pk)
    form = RunForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and "delete" in request.POST:
        if not request.POST.get("confirm"):
            messages.error(request, _("Tick the box to confirm the deletion."))
            return redirect("admin:population", pk=population.pk)
        services.population_delete(population=population, user=request.user)
        messages.success(request, _("The population and its runs are deleted."))
        return redirect("admin:populations")
    if request.method == "POST" and form.is_valid():
        run = run_start(
            population=population, user=request.user, draft=form.cleaned_data["draft"]
        )
        return redirect("admin:population_run", pk=run.pk)
    runs = population.runs.select_related("created_by").exclude(
        pk__in=population.runs.filter(baseline__isnull=False).values("baseline")
    )
    return _render(
        request,
        site,
        "detail.html",
        population.name,
        population=population,
        runs=runs,
        form=form,
    )


def _run(pk: int) -> PopulationRun:
    return get_object_or_404(
        PopulationRun.objects.select_related("population", "created_by", "baseline"),
        pk=pk,
    )


def run_detail(request: HttpRequest, site: AdminSite, pk: int) -> HttpResponse:
    _allowed(request)
    run = _run(pk)
    impact = draft_impact(run) if run.state == PopulationRun.State.DONE else None
    return _render(
        request,
        site,
        "run.html",
        _("Run of %(population)s") % {"population": run.population.name},
        run=run,
        population=run.population,
        page=run_page(run),
        impact=impact,
    )


def run_export(request: HttpRequest, site: AdminSite, pk: int) -> HttpResponse:
    _allowed(request)
    run = _run(pk)
    if run.state != PopulationRun.State.DONE:
        raise PermissionDenied
    data = outreach_workbook(run)
    services.record(
        PopulationEvent.Action.EXPORT,
        run.population,
        request.user,
        f"run {run.pk}: outreach list",
    )
    response = HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"outreach-run-{run.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
