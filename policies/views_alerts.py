"""Policy alerts: what is kept, subscribing from a results page, and the pages the
links in alert emails open (confirm, stop, see or delete what is kept).

Every link is signed; an altered one gets a friendly 400 page, never a server error.
Pages for a link act only on a POST, so a mail scanner that follows links cannot
confirm or delete anything; the unsubscribe address also takes the one-click POST of
RFC 8058 that mail programs send without a CSRF token (the signed link is the
proof).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import sharing
from .alerts import services, tokens
from .alerts.forms import SubscribeForm
from .check_answers import profile_sections
from .models.alerts import CONFIRM_WITHIN, Subscription
from .rules.amounts import Amount
from .rules.profile import ProfileError
from .templatetags.check_format import amount_text
from .throttling import rate_limited
from .views_compare import link_problem

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def _kept() -> dict[str, int]:
    return {"confirm_days": CONFIRM_WITHIN.days}


def _problem(request: HttpRequest, kind: str, status: int) -> HttpResponse:
    """ "invalid" (400), "expired" (410) or "gone" (404)."""
    context = {"kind": kind, **_kept()}
    return render(request, "alerts/link_problem.html", context, status=status)


def about(request: HttpRequest) -> HttpResponse:
    """What alerts do and exactly what they keep."""
    return render(request, "alerts/about.html", _kept())


@never_cache
@GET_POST
@rate_limited("subscribe", methods=("POST",))
def subscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The email form beside a results page; the answers come from its share link."""
    try:
        profile = sharing.decode(token)
    except sharing.LinkExpired:
        return link_problem(request, expired=True)
    except sharing.LinkInvalid:
        return link_problem(request, expired=False)
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        # The same answer, in the same time, whatever the address's state: the
        # confirmation is queued, and the worker applies the daily cap.
        services.subscription_request(
            email=form.cleaned_data["email"],
            profile=profile,
            language=translation.get_language() or "en",
        )
        return redirect("policies:alerts_sent")
    context = {
        "form": form,
        "results_url": reverse("policies:check_shared", kwargs={"token": token}),
        **_kept(),
    }
    return render(request, "alerts/subscribe.html", context)


def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/sent.html", _kept())


@never_cache
@GET_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        key = tokens.read_confirm_token(token)
    except tokens.LinkExpired:
        return _problem(request, "expired", 410)
    except tokens.LinkInvalid:
        return _problem(request, "invalid", 400)
    subscription = Subscription.objects.filter(token=key).first()
    if subscription is None:
        return _problem(request, "gone", 404)
    if request.method == "POST" or subscription.confirmed:
        services.subscription_confirm(subscription=subscription)
        context = {
            "subscription": subscription,
            "data_url": reverse(
                "policies:alerts_data",
                kwargs={"token": tokens.manage_token(subscription)},
            ),
        }
        return render(request, "alerts/confirmed.html", context)
    return render(request, "alerts/confirm.html", {"subscription": subscription})


def _managed(token: str) -> Subscription | None:
    """The subscription a manage link names (``None`` once deleted); raises
    ``tokens.LinkInvalid`` for an altered link."""
    return Subscription.objects.filter(token=tokens.read_manage_token(token)).first()


def _manage_page(
    request: HttpRequest,
    token: str,
    show: Callable[[Subscription], HttpResponse],
) -> HttpResponse:
    """What every manage link does first: refuse an altered link, say so when the
    data is already gone, delete on POST; otherwise ``show`` the link's own page."""
    try:
        subscription = _managed(token)
    except tokens.LinkInvalid:
        return _problem(request, "invalid", 400)
    if subscription is None:
        return render(request, "alerts/deleted.html", {"already": True})
    if request.method == "POST":
        services.subscription_delete(subscription=subscription)
        return render(request, "alerts/deleted.html", {"already": False})
    return show(subscription)


@csrf_exempt
@never_cache
@GET_POST
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop alerts, which deletes everything kept; asks first on a GET."""
    return _manage_page(
        request,
        token,
        lambda subscription: render(
            request, "alerts/unsubscribe.html", {"subscription": subscription}
        ),
    )


@never_cache
@GET_POST
def data(request: HttpRequest, token: str) -> HttpResponse:
    """Exactly what is kept for this subscription, and a button to delete it."""
    return _manage_page(
        request,
        token,
        lambda subscription: render(
            request,
            "alerts/data.html",
            {"subscription": subscription, **_kept(), **_stored(subscription)},
        ),
    )


def _stored(subscription: Subscription) -> dict[str, object]:
    """The answers and last result as kept, read back for their owner."""
    try:
        answers = profile_sections(subscription.answers())
        result = subscription.previous_result()
    except (signing.BadSignature, ProfileError):
        return {"unreadable": True}
    if result is None:
        return {"answers": answers}
    estimate = result["estimate"]
    return {
        "answers": answers,
        "result_codes": list(result["eligible"]),
        "result_estimate": amount_text(Amount(*estimate)) if estimate else "",
    }
