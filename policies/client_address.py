"""The address of the client behind the portal's own proxies.

Behind a load balancer every request comes from the balancer's address, so sign-in
lockouts and rate limits keyed on ``REMOTE_ADDR`` would treat all visitors as one.
Each trusted proxy appends the address it received the request from to
``X-Forwarded-For``; with ``TRUSTED_PROXY_COUNT`` proxies in front, the client is
the entry that many places from the right. Entries further left were written by
the client and are never trusted.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address as the outermost trusted proxy saw it."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        hop.strip()
        for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if hop.strip()
    ]
    if len(forwarded) < count:
        # Fewer hops than proxies: the request did not come through all of them.
        return remote
    return forwarded[-count]
