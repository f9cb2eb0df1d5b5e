"""Values every page template needs: the portal's identity and filing numbers, the
page's canonical address, its address in each language and the one that chooses
the visitor's, and the address printed on it, all on ``PORTAL_BASE_URL`` (never
the request's ``Host``)."""

import re

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from .addresses import absolute_url
from .language_prefix import unprefixed_path


def site(request: HttpRequest) -> dict:
    # The query string a cached page is keyed on (``caching``), so a printout shows
    # a search's words but never a parameter the page ignores.
    query = getattr(request, "page_query", "")
    return {
        "portal_name": settings.PORTAL_NAME,
        "portal_contact_email": settings.PORTAL_CONTACT_EMAIL,
        "portal_url": absolute_url("/"),
        "canonical_url": absolute_url(request.path),
        "page_url": absolute_url(request.path + (f"?{query}" if query else "")),
        "language_urls": [
            (code, absolute_url(translate_url(request.path, code)))
            for code, _name in settings.LANGUAGES
        ],
        "negotiated_url": absolute_url(unprefixed_path(request.path)),
        "icp_license": settings.ICP_LICENSE,
        "public_security_record": settings.PUBLIC_SECURITY_RECORD,
        # The record's search page takes the digits of the number alone.
        "public_security_record_code": re.sub(
            r"\D", "", settings.PUBLIC_SECURITY_RECORD
        ),
    }
