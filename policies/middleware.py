"""Refuse a host the portal does not serve and what no database can store, and
answer 503 with a friendly page, never a traceback, when the database is down (409
when it is up but refused a write that clashed with another)."""

import logging
from collections.abc import Callable

from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, IntegrityError
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.log import log_response

from .errors import bad_host, bad_request, conflict, unavailable

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Turn a database outage into a 503 page that needs no database to render, and
    a write the database refused as clashing (two people saving at once) into a 409.

    The page is rendered without the request's context processors: those would read
    the session and the user, which live in the database that just failed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, IntegrityError):
            logger.warning("Write refused for %s: %s", request.path, exception)
            return conflict(request)
        if not isinstance(exception, DatabaseError):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        return unavailable(request)


class PrivateByDefaultMiddleware:
    """``Cache-Control: private, no-store`` on every answer that does not say how it
    may be cached.

    The public pages say so themselves (``caching.cache_public_page``), as do the
    QR codes; anything else (the check and its answers, alerts, the admin, errors,
    and redirects chosen by language or session) must never be kept by a CDN or a
    shared proxy and shown to someone else.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


class RefuseNullCharactersMiddleware:
    """Answer 400 to an address holding a NUL character.

    No real address has one, and PostgreSQL refuses it in any string, so a policy
    code or search term carrying it would otherwise fail in the database as a 500.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path_info or "%00" in query or "\x00" in query:
            return bad_request(request)
        return self.get_response(request)


MAX_LOGGED_HOST = 100


class RefuseDisallowedHostMiddleware:
    """A plain 400 page, with every security header and one log line, for a
    ``Host`` not in ``ALLOWED_HOSTS``.

    Django would raise ``DisallowedHost`` wherever the host is first read and log
    a traceback; its error page, rendered for that request, could fail the same way.
    This refuses the request before anything reads the host, inside the header
    middleware, and logs the refused host once, escaped onto one line. (Outside it,
    ``SecurityMiddleware`` sends plain HTTP to HTTPS on ``SECURE_SSL_HOST``, the
    portal's own host, without reading the request's.)
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            request.get_host()
        except DisallowedHost:
            response = bad_host(request)
            log_response(
                "Refused a request for %s: the host is not in ALLOWED_HOSTS",
                request.META.get("HTTP_HOST", "")[:MAX_LOGGED_HOST],
                response=response,
                request=request,
            )
            return response
        return self.get_response(request)
