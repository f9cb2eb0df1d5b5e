"""Values every page template needs: the portal's identity and filing numbers, the
page's canonical address and its address in each language."""

import re

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url


def site(request: HttpRequest) -> dict:
    base = settings.PORTAL_BASE_URL.rstrip("/")
    return {
        "portal_name": settings.PORTAL_NAME,
        "portal_contact_email": settings.PORTAL_CONTACT_EMAIL,
        "canonical_url": base + request.path,
        "language_urls": [
            (code, base + translate_url(request.path, code))
            for code, _name in settings.LANGUAGES
        ],
        "icp_license": settings.ICP_LICENSE,
        "public_security_record": settings.PUBLIC_SECURITY_RECORD,
        # The record's search page takes the digits of the number alone.
        "public_security_record_code": re.sub(
            r"\D", "", settings.PUBLIC_SECURITY_RECORD
        ),
    }
