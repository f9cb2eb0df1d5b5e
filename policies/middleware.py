"""Refuse what no database can store, and answer 503 with a friendly page, never a
traceback, when the database is down."""

import logging
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from .errors import bad_request, unavailable

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Turn a database outage into a 503 page that needs no database to render.

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
        if not isinstance(exception, DatabaseError):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        return unavailable(request)


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
