"""Whole-page caching for the public pages, keyed by the content version token.

Publishing anything rotates ``ContentVersion``'s token in the database, so every
process builds new keys from its next request on and the old pages simply age out:
nothing has to be purged, whichever server or cache (Redis or per-process memory)
holds them. A hit costs one indexed query, the token.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from .models import ContentVersion

logger = logging.getLogger(__name__)

PAGE_TIMEOUT = 10 * 60

View = Callable[..., HttpResponse]


def page_key(request: HttpRequest) -> str:
    """The content token, the language, today's date (printouts show it) and the
    full address (printouts show it too, and the query string selects a search)."""
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return ":".join(
        (
            "page",
            ContentVersion.current(),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
            address,
        )
    )


def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    """Only a page that is the same for every visitor: no cookie set, no CSRF token
    or session read while rendering it (those would leak into other visitors')."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.accessed)
    )


def cache_public_page(view: View) -> View:
    """Serve GET and HEAD from the cache; render and store on a miss.

    A cache that fails (Redis restarting) only costs the rendering: the page is
    served uncached and the failure logged, never shown.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = page_key(request)
        try:
            hit = cache.get(key)
        except Exception as error:  # any backend error: the page can still render
            logger.warning("Page cache unavailable for reading: %s", error)
            hit = None
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if _cacheable(request, response):
            try:
                cache.set(
                    key, (response.content, response["Content-Type"]), PAGE_TIMEOUT
                )
            except Exception as error:  # a cache failure must not fail the page
                logger.warning("Page cache unavailable for writing: %s", error)
        return response

    return wrapper
