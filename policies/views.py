"""The public pages: each view asks a selector for published content and renders it."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from . import selectors
from .caching import cache_public_page
from .filters import PolicyFilterForm
from .throttling import rate_limited


@cache_public_page
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


@cache_public_page
def region(request: HttpRequest, slug: str) -> HttpResponse:
    """One region: its positioning or key projects and areas, and its policies."""
    found = selectors.region_get(slug=slug)
    if found is None:
        raise Http404("No such region.")
    return render(request, "policies/region_detail.html", {"region": found})


@rate_limited("search", when=lambda request: bool(request.GET))
@cache_public_page(query=PolicyFilterForm)
def policy_list(request: HttpRequest) -> HttpResponse:
    """Every published policy grouped by region in the guide's order, or, once the
    visitor searches or filters, the policies that match."""
    form = PolicyFilterForm(
        request.GET or None, options=selectors.policy_filter_options()
    )
    arguments = form.search_arguments() if form.is_bound and form.is_valid() else None
    return render(
        request,
        "policies/policy_list.html",
        {
            "form": form,
            "results": selectors.policy_search(**arguments) if arguments else None,
            "index": None if arguments else selectors.policy_index(),
            "notes": selectors.guide_note_list(),
        },
    )


@cache_public_page
def policy(request: HttpRequest, code: str) -> HttpResponse:
    """The published version of one policy; a draft or an unknown code is a 404.
    A code typed in another case or punctuation (/policies/dc-5/) is sent on to the
    code as the guide prints it, once and for good."""
    found = selectors.policy_get(code=code)
    if found is None:
        typed = selectors.policy_code_like(typed=code)
        if typed is None:
            raise Http404("No published policy has this code.")
        return redirect("policies:policy", code=typed, permanent=True)
    return render(request, "policies/policy_detail.html", {"policy": found})
