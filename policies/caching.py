"""Whole-page caching of the public pages, in the portal and in the HTTP caches in
front of it, keyed by the content version token.

Publishing anything rotates ``ContentVersion``'s token in the database, so every
process builds new keys from its next request on and the old pages simply age out:
nothing has to be purged, whichever server or cache (Redis or per-process memory)
holds them. A hit costs one indexed query, the token.

A page is keyed on what its content depends on, never on the raw address: the
token, the language, today's date in Beijing (printouts show it), the path and,
for a page that takes parameters, the values its form validated. Anything else in
the query string (``?r=<random>``, tracking tags) maps to the same copy, so it
cannot be used to skip the cache. The same key, hashed, is the page's ``ETag``:
a browser, CDN or reverse proxy revalidating it gets a 304 for the one query, and
the page is ``public`` for ``PUBLIC_PAGE_MAX_AGE`` seconds, so a policy
announcement's traffic lands on the edge.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control

from .models import ContentVersion
from .status import beijing_today

logger = logging.getLogger(__name__)

PAGE_TIMEOUT = 10 * 60

View = Callable[..., HttpResponse]


def form_query(form_class: type[forms.Form], request: HttpRequest) -> str | None:
    """The query string of the values ``form_class`` validates from ``request.GET``,
    in a fixed order, with empty ones left out; ``None`` when they do not validate.

    Generic over the form's fields: each cleaned value is written back as its
    field writes it into the page (a region as its slug), so two addresses that
    select the same thing share one copy whatever their order, spacing or noise.
    """
    form = form_class(request.GET)
    if not form.is_valid():
        return None
    pairs = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        values = value if isinstance(value, list | tuple | set) else [value]
        for one in values:
            prepared = field.prepare_value(one)
            if prepared not in (None, "", False):
                pairs.append((name, str(prepared)))
    return urlencode(sorted(pairs))


def page_key(request: HttpRequest, query: str = "") -> str:
    """The content token, the language, today's date in Beijing, the path and the
    validated ``query``."""
    address = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    return ":".join(
        (
            "page",
            ContentVersion.current(),
            translation.get_language() or "",
            beijing_today().isoformat(),
            address,
        )
    )


def _etag(key: str) -> str:
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


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


def _public(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
    return response


def cache_public_page(
    view: View | None = None, *, query: type[forms.Form] | None = None
) -> View | Callable[[View], View]:
    """Serve GET and HEAD from the cache; render and store on a miss.

    ``query`` is the form of the parameters the page takes; without it the query
    string is ignored. A request whose parameters do not validate is rendered
    afresh and stored nowhere (the search rate limit bounds how often).

    A cache that fails (Redis restarting) only costs the rendering: the page is
    served uncached and the failure logged, never shown.
    """
    if view is None:
        return lambda view: cache_public_page(view, query=query)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        parameters = form_query(query, request) if query else ""
        if parameters is None:
            return view(request, *args, **kwargs)
        request.page_query = parameters
        key = page_key(request, parameters)
        etag = _etag(key)
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return _public(not_modified, etag)
        try:
            hit = cache.get(key)
        except Exception as error:  # any backend error: the page can still render
            logger.warning("Page cache unavailable for reading: %s", error)
            hit = None
        if hit is not None:
            content, content_type = hit
            return _public(HttpResponse(content, content_type=content_type), etag)
        response = view(request, *args, **kwargs)
        if not _cacheable(request, response):
            return response
        try:
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
        except Exception as error:  # a cache failure must not fail the page
            logger.warning("Page cache unavailable for writing: %s", error)
        return _public(response, etag)

    return wrapper
