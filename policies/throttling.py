"""Rate limits per client: the API, the search and the alert sign-up each allow a
client address so many requests in a window (``RATE_LIMITS``), then answer 429
with ``Retry-After``.

The client is ``client_address`` (the address the outermost trusted proxy saw;
an IPv6 client is its /64, which one household or office usually holds), and the
counts live in the shared cache through django-ratelimit, so every server counts
together when ``REDIS_URL`` is set (without it each process counts alone). If the
cache fails, requests are let through and the failure logged: a limit must not
take the site down with Redis.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from .client_address import client_address
from .errors import too_many_requests

logger = logging.getLogger(__name__)

View = Callable[..., HttpResponse]


def client_key(group: str, request: HttpRequest) -> str:
    """The client's address; an IPv6 address as its /64 network."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def _usage(request: HttpRequest, group: str, rate: str) -> dict | None:
    try:
        return get_usage(
            request, group=group, key=client_key, rate=rate, method=ALL, increment=True
        )
    except Exception as error:  # the shared cache is down: serve rather than refuse
        logger.warning("Rate limit store unavailable for %s: %s", group, error)
        return None


def rate_limited(
    group: str,
    *,
    methods: tuple[str, ...] | None = None,
    when: Callable[[HttpRequest], bool] | None = None,
) -> Callable[[View], View]:
    """Count the view's requests in ``group`` (a key of ``RATE_LIMITS``) per
    client, only those with one of ``methods`` and for which ``when`` holds, and
    refuse those over the limit. A group with no limit set counts nothing."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object):
            rate = settings.RATE_LIMITS.get(group)
            applies = (methods is None or request.method in methods) and (
                when is None or when(request)
            )
            usage = _usage(request, group, rate) if rate and applies else None
            if usage and usage["should_limit"]:
                return too_many_requests(
                    request, retry_after=max(usage["time_left"], 1)
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
