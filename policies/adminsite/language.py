"""The admin's own language: the one a member of staff chose there, else their
browser's.

The public pages take their language from their address (/zh-hans/…, /en/…); the
admin stays at /admin/ and must not follow the language a visitor last read the
public site in, so it keeps its choice in a cookie of its own. The middleware sits
just after Django's ``LocaleMiddleware`` and, for admin addresses only, activates
that choice before the view runs.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..language_prefix import chosen_language, supported_language

COOKIE = "staff_language"
COOKIE_AGE = 365 * 24 * 60 * 60


def staff_language(request: HttpRequest) -> str:
    """The language chosen in the admin, else the first the browser accepts that
    the portal speaks, else the default."""
    return chosen_language(request, COOKIE, settings.LANGUAGE_CODE)


class StaffLanguageMiddleware:
    """Speak the staff member's language on every admin page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(reverse("admin:index")):
            language = staff_language(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


@require_POST
def choose_staff_language(request: HttpRequest) -> HttpResponse:
    """Keep the language picked in the admin's header and go back to the page."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("admin:index")
    response = HttpResponseRedirect(back)
    language = supported_language(request.POST.get("language", ""))
    if language:
        response.set_cookie(
            COOKIE,
            language,
            max_age=COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response
