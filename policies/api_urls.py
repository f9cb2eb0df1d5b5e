"""The JSON API, mounted at ``/api/``."""

from django.urls import path

from . import api, openapi

app_name = "api"

urlpatterns = [
    path("assess", api.assess_profile, name="assess"),
    path("policies", api.policy_list, name="policy_list"),
    path("policies/<str:code>", api.policy_detail, name="policy_detail"),
    path("openapi.json", openapi.openapi_json, name="openapi"),
]
