"""The addresses of the population pages, under the admin site's sign-in."""

from django.contrib.admin import AdminSite
from django.urls import path

from policies.population import views


def population_urls(site: AdminSite) -> list:
    def page(view):
        return site.admin_view(lambda request, **kwargs: view(request, site, **kwargs))

    return [
        path("populations/", page(views.population_list), name="populations"),
        path("populations/<int:pk>/", page(views.population_detail), name="population"),
        path(
            "populations/runs/<int:pk>/",
            page(views.run_detail),
            name="population_run",
        ),
        path(
            "populations/runs/<int:pk>/outreach.xlsx",
            page(views.run_export),
            name="population_run_export",
        ),
    ]
