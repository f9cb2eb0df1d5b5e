"""“What if we were in another district?”: the check's answers assessed as if the
enterprise moved to each district with policies, side by side.

Like a shared results page, the page holds no stored figures: its address carries
the answers in the same encrypted share token (``sharing``), so it can be printed,
bookmarked or sent on, and an altered or stale address gets a friendly page.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from . import selectors, sharing
from .addresses import absolute_url
from .comparison import district_views
from .rules.compare import compare
from .status import beijing_today

DAY = 24 * 60 * 60


def link_problem(request: HttpRequest, *, expired: bool) -> HttpResponse:
    """The check's page for a link that is stale (410) or does not work (400)."""
    context = {"expired": expired, "share_days": sharing.TTL_SECONDS // DAY}
    status = 410 if expired else 400
    return render(request, "check/link_problem.html", context, status=status)


@never_cache
def compare_districts(request: HttpRequest, token: str) -> HttpResponse:
    try:
        profile = sharing.decode(token)
    except sharing.LinkExpired:
        return link_problem(request, expired=True)
    except sharing.LinkInvalid:
        return link_problem(request, expired=False)
    comparison = compare(profile, selectors.rule_set())
    path = reverse("policies:check_compare", kwargs={"token": token})
    context = {
        "comparison": comparison,
        "districts": district_views(comparison),
        "checked_on": beijing_today(),
        "compare_url": absolute_url(path),
        "results_url": reverse("policies:check_shared", kwargs={"token": token}),
        "alerts_url": reverse("policies:alerts_subscribe", kwargs={"token": token}),
        "start_url": reverse("policies:check"),
        "share_days": sharing.TTL_SECONDS // DAY,
    }
    return render(request, "compare/compare.html", context)
