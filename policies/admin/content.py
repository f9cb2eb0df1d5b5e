"""Staff screens for the guide's content: regions with their goals, key projects and
key areas, source documents, agencies with their phone numbers, closing notes and
non-stacking groups. Text is edited in English and Chinese side by side; every
change is kept in the history and can be reverted."""

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from policies.models import (
    Agency,
    Contact,
    DevelopmentGoal,
    GuideNote,
    KeyArea,
    KeyProject,
    Region,
    SourceDocument,
    StackingGroup,
)


class DevelopmentGoalInline(TranslationStackedInline):
    model = DevelopmentGoal
    extra = 0


class KeyProjectInline(TranslationTabularInline):
    model = KeyProject
    extra = 0


class KeyAreaInline(TranslationTabularInline):
    model = KeyArea
    extra = 0


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("name", "slug", "level", "order", "has_guide_content")
    list_filter = ("level", "has_guide_content", "layout_key_district")
    search_fields = ("name", "slug", "positioning", "layout")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [DevelopmentGoalInline, KeyProjectInline, KeyAreaInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "level", "order")}),
        (
            _("Guide text"),
            {
                "fields": (
                    "positioning",
                    "layout",
                    "layout_key_district",
                    "has_guide_content",
                    "goals_source",
                )
            },
        ),
    )


@admin.register(SourceDocument)
class SourceDocumentAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("title", "issuing_body", "year", "year_basis")
    list_filter = ("year",)
    search_fields = ("title", "issuing_body", "note")


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("name", "phone_count")
    search_fields = ("name", "contacts__phone")
    inlines = [ContactInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        return super().get_queryset(request).annotate(phone_total=Count("contacts"))

    @admin.display(description=_("phone numbers"), ordering="phone_total")
    def phone_count(self, agency: Agency) -> int:
        return agency.phone_total


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    """Listed on their own so that a policy's contacts can be searched and picked."""

    list_display = ("agency", "phone")
    list_select_related = ("agency",)
    search_fields = ("agency__name", "phone")


@admin.register(GuideNote)
class GuideNoteAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("slug", "opening", "order")
    search_fields = ("slug", "text")

    @admin.display(description=_("text"))
    def opening(self, note: GuideNote) -> str:
        return Truncator(note.text).chars(90)


@admin.register(StackingGroup)
class StackingGroupAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("name", "policy_count")
    search_fields = ("name", "description")

    def get_queryset(self, request: HttpRequest) -> QuerySet[StackingGroup]:
        return super().get_queryset(request).annotate(policy_total=Count("policies"))

    @admin.display(description=_("policy versions"), ordering="policy_total")
    def policy_count(self, group: StackingGroup) -> int:
        return group.policy_total
