"""System checks of the portal's own settings, run by ``manage.py check --deploy``
(``make serve`` runs it before starting)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

BASE_URL_HINT = (
    "Set PORTAL_BASE_URL to the portal's public address, e.g. "
    "https://ai-policy.example.gov.cn: share links, alert emails, feeds, the API's "
    "url fields and QR codes are built on it, never on the request's Host header."
)


@checks.register(checks.Tags.security, deploy=True)
def check_portal_base_url(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A deployment gives out links on its public HTTPS address, and on nothing
    else."""
    url = settings.PORTAL_BASE_URL
    if not url:
        return [
            checks.Error(
                "PORTAL_BASE_URL is not set.", BASE_URL_HINT, id="policies.E001"
            )
        ]
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        message = f"PORTAL_BASE_URL must be an https:// address; it is {url!r}."
        return [checks.Error(message, BASE_URL_HINT, id="policies.E002")]
    if parts.path.strip("/") or parts.query or parts.fragment:
        message = (
            f"PORTAL_BASE_URL must be the site's address with no path, query or "
            f"fragment (the portal is served from the root); it is {url!r}."
        )
        return [checks.Error(message, BASE_URL_HINT, id="policies.E003")]
    return []
