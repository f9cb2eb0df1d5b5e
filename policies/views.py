"""The public pages: each view asks a selector for published content and renders it."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors


def home(request: HttpRequest) -> HttpResponse:
    """The municipal positioning, goals and policies, and what each district offers."""
    return render(
        request,
        "policies/home.html",
        {
            "overview": selectors.region_overview(),
            "notes": selectors.guide_note_list(),
        },
    )


def region(request: HttpRequest, slug: str) -> HttpResponse:
    """One region: its positioning or key projects and areas, and its policies."""
    found = selectors.region_get(slug=slug)
    if found is None:
        raise Http404("No such region.")
    return render(request, "policies/region_detail.html", {"region": found})


def policy_list(request: HttpRequest) -> HttpResponse:
    """Every published policy, grouped by region in the guide's order."""
    return render(
        request,
        "policies/policy_list.html",
        {"index": selectors.policy_index(), "notes": selectors.guide_note_list()},
    )


def policy(request: HttpRequest, code: str) -> HttpResponse:
    """The published version of one policy; a draft or an unknown code is a 404."""
    found = selectors.policy_get(code=code)
    if found is None:
        raise Http404("No published policy has this code.")
    return render(request, "policies/policy_detail.html", {"policy": found})
