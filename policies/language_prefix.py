"""Every public page lives under its language's prefix (``/zh-hans/…``, ``/en/…``);
an address without one is answered with a redirect to the visitor's language.

Django's ``LocaleMiddleware`` already redirects an unprefixed address that 404s,
but it falls back to ``LANGUAGE_CODE`` (English, the guide's language and the
admin's and API's default) and re-asks every method as a GET, so a form posted
to an address from before the prefixes would lose what was typed. This one:

- picks the language from the visitor's choice (the language cookie, else
  ``Accept-Language``) and falls back to ``VISITOR_DEFAULT_LANGUAGE`` (Chinese,
  the portal's main audience) when neither names a language the portal has;
- answers a POST (or any other method with a body) with ``307``, which browsers
  repeat with the same method and body, and a GET or HEAD with ``302``;
- never lets a shared cache keep the redirect (it depends on the cookie and the
  header), and says so with ``Vary: Accept-Language, Cookie`` for any that would;
- sends the feeds' old addresses, which always served English and are polled by
  readers that send no language at all, permanently to their English address.
"""

from __future__ import annotations

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.http.response import HttpResponseRedirectBase
from django.middleware.locale import LocaleMiddleware
from django.urls import get_script_prefix, is_valid_path
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import (
    get_language_from_path,
    get_supported_language_variant,
    override,
)
from django.utils.translation.trans_real import parse_accept_lang_header

# Unprefixed addresses that always meant one language, whoever asks for them.
FIXED_LANGUAGE_PATHS = {"/feeds/": "en"}


class HttpResponseTemporaryRedirect(HttpResponseRedirectBase):
    """307: the browser repeats the request at the new address, method and body
    included."""

    status_code = 307


def supported_language(code: str | None) -> str | None:
    """The portal's language for ``code`` (``zh-CN`` → ``zh-hans``), if it has one."""
    if not code:
        return None
    try:
        return get_supported_language_variant(code)
    except LookupError:
        return None


def chosen_language(request: HttpRequest, cookie: str, default: str) -> str:
    """The language kept in ``cookie``, else the first the browser's
    ``Accept-Language`` prefers that the portal speaks, else ``default``."""
    chosen = supported_language(request.COOKIES.get(cookie))
    if chosen:
        return chosen
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        accepted = supported_language(code) if code != "*" else None
        if accepted:
            return accepted
    return default


def visitor_language(request: HttpRequest) -> str:
    """The language the visitor chose with the switcher, else their browser's,
    else Chinese."""
    return chosen_language(
        request, settings.LANGUAGE_COOKIE_NAME, settings.VISITOR_DEFAULT_LANGUAGE
    )


def unprefixed_path(path: str) -> str:
    """``path`` without its language prefix: the address that sends each visitor to
    the page in their own language (``hreflang="x-default"``)."""
    language = get_language_from_path(path)
    return path.removeprefix(f"/{language}") if language else path


def _language_and_redirect_class(request: HttpRequest) -> tuple[str, type]:
    for prefix, language in FIXED_LANGUAGE_PATHS.items():
        if request.path_info.startswith(prefix):
            return language, HttpResponsePermanentRedirect
    if request.method in ("GET", "HEAD"):
        return visitor_language(request), HttpResponseRedirect
    return visitor_language(request), HttpResponseTemporaryRedirect


def redirect_to_language(request: HttpRequest) -> HttpResponse | None:
    """The redirect from an unprefixed address to the same page in the visitor's
    language, or ``None`` when no page has that address in any language."""
    language, redirect_class = _language_and_redirect_class(request)
    urlconf = getattr(request, "urlconf", None)
    language_path = f"/{language}{request.path_info}"
    # The prefix patterns match the active language's prefix only.
    with override(language):
        valid = is_valid_path(language_path, urlconf)
        needs_slash = (
            not valid
            and settings.APPEND_SLASH
            and not language_path.endswith("/")
            and is_valid_path(f"{language_path}/", urlconf)
        )
    if not (valid or needs_slash):
        return None
    script_prefix = get_script_prefix()
    location = request.get_full_path(force_append_slash=needs_slash).replace(
        script_prefix, f"{script_prefix}{language}/", 1
    )
    redirect = redirect_class(location)
    if redirect_class is not HttpResponsePermanentRedirect:
        patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
        add_never_cache_headers(redirect)
    return redirect


class LanguagePrefixMiddleware(LocaleMiddleware):
    """``LocaleMiddleware``, with the redirect of unprefixed addresses above."""

    def process_response(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        if response.status_code == 404 and not get_language_from_path(
            request.path_info
        ):
            redirect = redirect_to_language(request)
            if redirect is not None:
                return redirect
        return super().process_response(request, response)
