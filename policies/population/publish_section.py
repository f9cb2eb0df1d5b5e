"""The draft's impact on the publish confirmation, for staff who may run populations.

The publisher picks one of the small populations (at most
``POPULATION_INLINE_ROWS`` rows, so the runs finish inside the request) by a
link that reloads the page with ``?population=``. A run of this draft on that
population made since the rules last changed is reused; otherwise the draft and
the published rules are run now (and logged, as every run is).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from ..models import ContentVersion, Policy, Population, PopulationRun
from .impact import draft_impact
from .runs import run_start
from .views import PERMISSION

CHOICES = 10


def _fresh_run(draft: Policy, population: Population) -> PopulationRun | None:
    version = ContentVersion.current()
    runs = PopulationRun.objects.filter(
        draft=draft, population=population, state=PopulationRun.State.DONE
    ).select_related("baseline", "population", "draft")
    return next(
        (run for run in runs if run.summary.get("content_version") == version), None
    )


def impact_section(
    draft: Policy, current: Policy | None, request: HttpRequest | None
) -> dict | None:
    if request is None or not request.user.has_perm(PERMISSION):
        return None
    small = Population.objects.filter(row_count__lte=settings.POPULATION_INLINE_ROWS)
    choices = list(small[:CHOICES])
    chosen = next(
        (p for p in choices if str(p.pk) == request.GET.get("population")), None
    )
    context = {"choices": choices, "chosen": chosen, "impact": None, "run": None}
    if chosen is not None:
        run = _fresh_run(draft, chosen) or run_start(
            population=chosen, user=request.user, draft=draft
        )
        context["run"] = run
        if run.state == PopulationRun.State.DONE:
            context["impact"] = draft_impact(run)
    return context
