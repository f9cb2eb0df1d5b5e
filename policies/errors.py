"""The 400, 403 (CSRF), 409, 429, 500 and 503 answers. They render with no request context
and no database, since they answer when something, often the database, has just
failed, and with nothing taken from the ``Host`` header, which may be the very
thing refused; the API gets them as JSON in its usual ``{"errors": ...}`` shape."""

import sys

from django.conf import settings
from django.db import DatabaseError, IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from .context_processors import site

RETRY_AFTER_SECONDS = 120
API_PREFIX = "/api/"


def _context(request: HttpRequest) -> dict[str, object]:
    """The page's identity from ``context_processors.site`` (settings and the
    address only) and the request itself, but none of the context processors that
    read the session or the user from the database."""
    return {**site(request), "request": request}


def _answer(
    request: HttpRequest,
    template: str,
    message: str,
    status: int,
    extra: dict[str, object] | None = None,
) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"errors": {"__all__": [message]}}, status=status)
    context = {**_context(request), **(extra or {})}
    return HttpResponse(render_to_string(template, context), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None):
    """400 for an address no page or policy can have; also ``handler400``."""
    message = gettext("The address holds a character that is not allowed.")
    return _answer(request, "400.html", message, 400)


def bad_host(request: HttpRequest) -> HttpResponse:
    """400 for a request naming a host the portal does not serve (not in
    ``ALLOWED_HOSTS``). It answers before the language is chosen from the
    visitor's settings, so it speaks the language of the address's prefix."""
    language = translation.get_language_from_path(request.path_info)
    with translation.override(language or settings.LANGUAGE_CODE):
        message = gettext("This site does not answer to that address.")
        return _answer(request, "400.html", message, 400, {"wrong_host": True})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a form sent with a missing or stale security token,
    most often because the page stayed open too long or cookies are blocked."""
    message = gettext(
        "The form could not be sent: the page was open too long or cookies are "
        "blocked. Go back, reload the page and try again."
    )
    return _answer(request, "403_csrf.html", message, 403)


def unavailable(request: HttpRequest) -> HttpResponse:
    """503 asking the visitor to come back shortly."""
    message = gettext("The service is unavailable; try again in a few minutes.")
    response = _answer(request, "503.html", message, 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def conflict(request: HttpRequest) -> HttpResponse:
    """409 for a write the database refused to keep its data consistent, most often
    because two people saved the same thing at once: the database is up, so this
    is no outage, and the person is told to reload rather than to wait."""
    message = gettext(
        "Someone else changed the same thing at the same moment, so your change was "
        "not saved. Go back, reload the page and try again."
    )
    return _answer(request, "409.html", message, 409)


def too_many_requests(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    """429 for a client over its rate limit (``throttling``), rendered without the
    database: refusing must cost next to nothing."""
    message = gettext(
        "Too many requests from your address: try again in %(seconds)s seconds."
    ) % {"seconds": retry_after}
    response = _answer(request, "429.html", message, 429, {"retry_after": retry_after})
    response["Retry-After"] = str(retry_after)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a database failure outside a view (saving the session, say)
    is still a 503, or a 409 when the database refused a write as inconsistent;
    anything else is the friendly 500, never a traceback."""
    error = sys.exc_info()[1]
    if isinstance(error, IntegrityError):
        return conflict(request)
    if isinstance(error, DatabaseError):
        return unavailable(request)
    message = gettext("Something went wrong on our side; try again later.")
    return _answer(request, "500.html", message, 500)
