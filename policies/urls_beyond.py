"""Beyond the check's results: comparing districts, and policy alerts by email.

Included into ``policies.urls``, so the names live in the ``policies`` namespace and
the pages get the language prefix like every other page.
"""

from django.urls import path

from . import views_alerts, views_compare

urlpatterns = [
    path(
        "check/compare/<str:token>/",
        views_compare.compare_districts,
        name="check_compare",
    ),
    path("alerts/", views_alerts.about, name="alerts"),
    path(
        "alerts/subscribe/<str:token>/",
        views_alerts.subscribe,
        name="alerts_subscribe",
    ),
    path("alerts/sent/", views_alerts.sent, name="alerts_sent"),
    path("alerts/confirm/<str:token>/", views_alerts.confirm, name="alerts_confirm"),
    path(
        "alerts/stop/<str:token>/",
        views_alerts.unsubscribe,
        name="alerts_unsubscribe",
    ),
    path("alerts/data/<str:token>/", views_alerts.data, name="alerts_data"),
]
