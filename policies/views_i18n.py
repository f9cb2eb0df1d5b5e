"""The language switcher's endpoint: Django's ``set_language``, made to find the
page it was posted from in either language.

``/i18n/setlang/`` has no prefix, so it runs in the language the visitor's cookie or
browser names, and Django resolves the ``next`` page in that active language: a
page under the other language's prefix would not resolve and the visitor would
stay where they were. Resolving ``next`` in the language its own prefix names
sends them to the same page in the other language.

The switcher on every page posts here without a CSRF token: all a forged post can
change is the language cookie, and a token would make every public page differ per
visitor, so no page could be cached (``policies/caching.py``).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_path, override
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language


@csrf_exempt
def switch_language(request: HttpRequest) -> HttpResponse:
    """Set the language cookie and redirect to the ``next`` page in that language."""
    next_page = request.POST.get("next") or request.GET.get("next") or ""
    shown_in = get_language_from_path(urlsplit(next_page).path)
    with override(shown_in or settings.LANGUAGE_CODE):
        return set_language(request)
