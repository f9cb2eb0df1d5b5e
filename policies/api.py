"""The public JSON API: assess a profile, and read the published rules as open data.

The API takes no cookies and keeps no session, so it is exempt from CSRF. Every
answer is JSON, refusals included: ``{"errors": {FIELD: [message]}}`` with 400 for
a bad profile or body, 404 for an unknown code, 405 for a wrong method.
"""

import json
from collections.abc import Callable
from functools import wraps

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from . import selectors
from .addresses import absolute_url
from .rules import serialize
from .rules.engine import assess
from .rules.profile import NON_FIELD, ProfileError, parse
from .throttling import rate_limited

View = Callable[..., JsonResponse]


def _refuse(status: int, message: str) -> JsonResponse:
    return JsonResponse({"errors": {NON_FIELD: [message]}}, status=status)


def _allow(*methods: str) -> Callable[[View], View]:
    """Answer other methods with a JSON 405 that names the allowed ones, and exempt
    the view from CSRF: no API request carries the cookie a forgery would ride on."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object):
            if request.method not in methods:
                response = _refuse(
                    405,
                    _("Method %(method)s is not allowed; use %(allowed)s.")
                    % {"method": request.method, "allowed": ", ".join(methods)},
                )
                response["Allow"] = ", ".join(methods)
                return response
            return view(request, *args, **kwargs)

        return csrf_exempt(wrapper)

    return decorator


@_allow("POST")
@rate_limited("api")
def assess_profile(request: HttpRequest) -> JsonResponse:
    """Assess the profile in the JSON body against every assessable policy."""
    try:
        raw = json.loads(request.body)
    except RequestDataTooBig:
        return _refuse(400, _("The request body is too large."))
    except (ValueError, RecursionError):
        return _refuse(400, _("The request body is not valid JSON."))
    try:
        profile = parse(raw)
    except ProfileError as error:
        return JsonResponse({"errors": error.errors}, status=400)
    return JsonResponse(serialize.assessment(assess(profile, selectors.rule_set())))


@_allow("GET", "HEAD")
@rate_limited("api")
def policy_list(request: HttpRequest) -> JsonResponse:
    """Every published policy with its rules, in the guide's order."""
    items = selectors.published_rules()
    return JsonResponse({"policies": [_open_data(item) for item in items]})


@_allow("GET", "HEAD")
@rate_limited("api")
def policy_detail(request: HttpRequest, code: str) -> JsonResponse:
    """One published policy with its rules; 404 for a code nothing is published as."""
    items = selectors.published_rules(code=code)
    if not items:
        return _refuse(
            404, _("No published policy has the code %(code)s.") % {"code": code}
        )
    return JsonResponse(_open_data(items[0]))


def _open_data(item: selectors.PublishedRules) -> dict:
    page = reverse("policies:policy", kwargs={"code": item.rule.code})
    return {
        **serialize.policy_rule(item.rule),
        "legal_status": item.legal_status,
        "valid_from": item.valid_from,
        "valid_until": item.valid_until,
        "headline_benefit": item.headline_benefit,
        "url": absolute_url(page),
    }
