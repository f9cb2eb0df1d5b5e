"""The absolute address of a page of the portal, always on ``PORTAL_BASE_URL``.

Every address that leaves the page it is on (share and comparison links, alert
emails, feeds, the API's ``url`` fields, QR codes, canonical and printed links) is
built here, never from the request's ``Host`` header, which the client chooses:
a forged header must not put someone else's site into a link the portal sends.
"""

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` (from ``reverse()``, with any query string) on the portal's address."""
    return settings.PORTAL_BASE_URL.rstrip("/") + path
