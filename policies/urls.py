"""The public pages. Codes and slugs are those the guide and its printouts cite."""

from django.urls import path

from . import views

app_name = "policies"

urlpatterns = [
    path("", views.home, name="home"),
    path("regions/<slug:slug>/", views.region, name="region"),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/<str:code>/", views.policy, name="policy"),
]
