"""Root URLs: the public site, the API, the admin and the health check."""

from django.contrib import admin
from django.urls import include, path

from policies.views_health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("policies.api_urls")),
    path("", include("policies.urls")),
]
