"""The public pages. Codes and slugs are those the guide and its printouts cite."""

from django.urls import include, path

from . import feeds, views, wizard
from .caching import cache_public_page

app_name = "policies"

urlpatterns = [
    path("", views.home, name="home"),
    path("regions/<slug:slug>/", views.region, name="region"),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/<str:code>/", views.policy, name="policy"),
    path("feeds/policies.atom", cache_public_page(feeds.PolicyFeed()), name="feed"),
    path(
        "feeds/regions/<slug:slug>.atom",
        cache_public_page(feeds.RegionPolicyFeed()),
        name="region_feed",
    ),
    path(
        "feeds/windows.ics",
        cache_public_page(feeds.windows_calendar),
        name="windows_calendar",
    ),
    path("", include("policies.urls_beyond")),
    path("check/", wizard.start, name="check"),
    path("check/shared/<str:token>/", wizard.shared_results, name="check_shared"),
    path("check/<slug:step>/", wizard.check_wizard, name="check_step"),
]
