"""QR codes that lead a printout back to its page.

A printed policy or region page carries a QR code of its canonical address. The code
is an SVG image served by this view, not markup inlined in the page, so pages keep
their strict Content Security Policy (no inline styles) and the image is cached.
Only the paths of this portal's own pages are encoded, always on
``PORTAL_BASE_URL``: nobody can use the view to make a code that leads elsewhere.
"""

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import Resolver404, resolve
from django.utils.translation import get_language_from_path, override
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .addresses import absolute_url
from .qr import qr_svg

MAX_PATH = 200
PATH = re.compile(r"/[A-Za-z0-9\-._~/%]*")


def page_path(raw: str) -> str | None:
    """``raw`` when it is the path of a page of this portal, else ``None``.

    A path, not an address: no scheme, host, query or fragment, and it must resolve
    to one of the portal's views in the language its prefix names.
    """
    if len(raw) > MAX_PATH or not PATH.fullmatch(raw) or raw.startswith("//"):
        return None
    with override(get_language_from_path(raw) or settings.LANGUAGE_CODE):
        try:
            resolve(raw)
        except Resolver404:
            return None
    return raw


@require_safe
@cache_control(public=True, max_age=24 * 60 * 60)
def qr_code(request: HttpRequest) -> HttpResponse:
    """The QR code of ``?path=``'s canonical address, as ``image/svg+xml``."""
    path = page_path(request.GET.get("path", ""))
    if path is None:
        return HttpResponseBadRequest(
            "Not a page of this portal.", content_type="text/plain"
        )
    return HttpResponse(qr_svg(absolute_url(path)), content_type="image/svg+xml")
