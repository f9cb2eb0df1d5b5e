"""Alert subscriptions for staff: how many, never whose answers.

The changelist is read-only, with each address masked and no answers or results in
any column; there is no add, change, history or delete page (which could show the
stored answers), so the data stays between the subscriber and the alert job. The
subscriber stops alerts or deletes the data from the links in every email.
"""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from policies.models import Subscription


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return (("yes", _("Confirmed")), ("no", _("Awaiting confirmation")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.confirmed()
        if self.value() == "no":
            return queryset.pending()
        return queryset


def subscription_counts(*, now=None) -> dict[str, int]:
    """Totals for the staff dashboard, in one query."""
    since = (now or timezone.now()) - timedelta(days=30)
    return Subscription.objects.aggregate(
        total=Count("pk"),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        pending=Count("pk", filter=Q(confirmed_at__isnull=True)),
        alerted_30_days=Count("pk", filter=Q(last_notified_at__gte=since)),
    )


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("masked_email", "is_confirmed", "created_day", "alerted_day")
    list_display_links = None
    list_filter = (ConfirmedFilter,)
    actions = None
    fields = ()
    change_list_template = "admin/policies/subscription/change_list.html"

    @admin.display(description=_("email address"))
    def masked_email(self, subscription: Subscription) -> str:
        return subscription.masked_email

    @admin.display(description=_("confirmed"), boolean=True)
    def is_confirmed(self, subscription: Subscription) -> bool:
        return subscription.confirmed

    @admin.display(description=_("asked on"), ordering="created_at")
    def created_day(self, subscription: Subscription):
        return timezone.localdate(subscription.created_at)

    @admin.display(description=_("last alerted on"), ordering="last_notified_at")
    def alerted_day(self, subscription: Subscription):
        if subscription.last_notified_at is None:
            return None
        return timezone.localdate(subscription.last_notified_at)

    def get_urls(self) -> list:
        """The changelist only: no page that could show one subscription's data."""
        view = self.admin_site.admin_view(self.changelist_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_changelist"
        return [path("", view, name=name)]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        extra = {"counts": subscription_counts(), **(extra_context or {})}
        return super().changelist_view(request, extra)
