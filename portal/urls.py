"""Root URLs: the public site, the API, the admin and the health check."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from policies.views_health import healthz
from policies.views_i18n import switch_language
from policies.views_qr import qr_code

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("policies.api_urls")),
    path("qr.svg", qr_code, name="qr"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("i18n/setlang/", switch_language, name="set_language"),
]

# The pages, in Chinese under /zh-hans/ and in English under /en/: each page has a
# stable address in each language that printouts, QR codes, share links and feeds
# cite. An address without a prefix (the root, and the English addresses from
# before the prefixes, /policies/DC-2/) redirects to the visitor's language
# (policies/language_prefix.py).
urlpatterns += i18n_patterns(
    path("", include("policies.urls")),
    prefix_default_language=True,
)

# A friendly page, never a traceback; a database failure is answered as a 503.
handler400 = "policies.errors.bad_request"
handler500 = "policies.errors.server_error"
