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

# The pages, in English at the addresses the guide's printouts already cite
# (/policies/DC-2/) and in Chinese under /zh-hans/. English stays unprefixed
# (prefix_default_language=False) so those addresses, shared result links and
# forms posting to them keep working without a redirect; the Chinese pages each
# have an address of their own that can be shared, printed as a QR code,
# subscribed to and indexed.
urlpatterns += i18n_patterns(
    path("", include("policies.urls")),
    prefix_default_language=False,
)

# A friendly page, never a traceback; a database failure is answered as a 503.
handler400 = "policies.errors.bad_request"
handler500 = "policies.errors.server_error"
