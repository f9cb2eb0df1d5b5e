"""Answer 503 with a friendly page, never a traceback, when the database is down."""

import logging
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from .errors import unavailable

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
