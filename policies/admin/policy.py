"""The policy screens: versions listed with their editorial and legal status and
review date, a draft edited with its routes and criteria inline, its rules read back
in plain words, and published or archived versions shown read-only."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from policies.models import Policy
from policies.rule_checks import policy_rule_check
from policies.rules.describe import describe_policy
from policies.rules.errors import RuleError
from policies.selectors import policy_rule, review_cutoff
from policies.text_checks import text_contradictions

from .fact_fields import AMOUNT_FIELDS_HELP
from .forms import PolicyForm
from .history import VersionedHistoryAdmin
from .rules import CriterionInline, RouteInline
from .versions import PolicyVersionActions


class ReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("overdue", _("Overdue")), ("current", _("Current"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        cutoff = review_cutoff()
        if self.value() == "overdue":
            return queryset.exclude(state=Policy.State.ARCHIVED).filter(
                last_reviewed__lt=cutoff
            )
        if self.value() == "current":
            return queryset.filter(last_reviewed__gte=cutoff)
        return queryset


@admin.register(Policy)
class PolicyAdmin(PolicyVersionActions, VersionedHistoryAdmin, TranslationAdmin):
    form = PolicyForm
    inlines = (RouteInline, CriterionInline)
    list_display = (
        "code",
        "version",
        "title",
        "region",
        "state",
        "legal_status",
        "review",
    )
    list_display_links = ("code", "title")
    list_filter = ("state", "region", "legal_status", "benefit_type", ReviewFilter)
    list_select_related = ("region",)
    search_fields = ("code", "title", "summary", "full_text", "headline_benefit")
    filter_horizontal = ("contacts",)
    readonly_fields = (
        "version",
        "state",
        "based_on",
        "created_by",
        "updated_at",
        "published_at",
        "rules_in_plain_words",
    )
    fieldsets = (
        (None, {"fields": (("code", "version", "state"), "region", "order", "title")}),
        (
            _("What the public reads"),
            {
                "fields": (
                    "summary",
                    "full_text",
                    ("headline_benefit", "benefit_type"),
                    "tech_fields",
                    "reading_note",
                    "zh_is_translation",
                    "source",
                    "contacts",
                )
            },
        ),
        (
            _("Legal status and dates"),
            {
                "fields": (
                    "legal_status",
                    "legal_status_note",
                    ("valid_from", "valid_until"),
                    ("application_opens", "application_closes"),
                    "application_rolling",
                    "last_reviewed",
                )
            },
        ),
        (
            _("Rules"),
            {
                "fields": (
                    "stacking_group",
                    ("route_mode", "band_fact"),
                    "rules_in_plain_words",
                ),
                "description": AMOUNT_FIELDS_HELP,
            },
        ),
        (
            _("Record"),
            {
                "fields": (("based_on", "created_by"), ("updated_at", "published_at")),
                "classes": ("collapse",),
            },
        ),
    )
    change_form_template = "admin/policies/policy/change_form.html"

    class Media:
        css = {"all": ("css/staff-admin.css",)}

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        """A published or archived version is never edited in place."""
        editable = obj is None or obj.state == Policy.State.DRAFT
        return editable and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        editable = obj is None or obj.state == Policy.State.DRAFT
        return editable and super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        policy = self.get_object(request, object_id)
        extra = {"version_actions": [], **(extra_context or {})}
        if policy is not None:
            extra["version_actions"] = self.version_actions(request, policy)
        return super().change_view(request, object_id, form_url, extra)

    def save_model(self, request: HttpRequest, obj: Policy, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        """After saving, say what would still stop the draft from being published."""
        super().save_related(request, form, formsets, change)
        check = policy_rule_check(form.instance)
        for warning in check.warnings:
            messages.warning(request, warning)
        for error in check.errors:
            messages.warning(request, _("Before publishing: %s") % error)
        for found in text_contradictions(form.instance):
            messages.warning(request, found.message)

    @admin.display(description=_("last reviewed"), ordering="last_reviewed")
    def review(self, policy: Policy) -> str:
        overdue = (
            policy.state != Policy.State.ARCHIVED
            and policy.last_reviewed < review_cutoff()
        )
        if not overdue:
            return policy.last_reviewed
        return format_html(
            '<span class="review-overdue"><img src="{}" alt="{}"> {}</span>',
            static("admin/img/icon-alert.svg"),
            _("Review overdue:"),
            policy.last_reviewed,
        )

    @admin.display(description=_("rules in plain words"))
    def rules_in_plain_words(self, policy: Policy) -> SafeString | str:
        if policy.pk is None:
            return _("Save the policy to read its rules back here.")
        try:
            text = describe_policy(policy_rule(policy=policy))
        except RuleError:
            text = None  # the check below names the problem
        return render_to_string(
            "admin/policies/policy/rules_preview.html",
            {"text": text, "check": policy_rule_check(policy)},
        )
