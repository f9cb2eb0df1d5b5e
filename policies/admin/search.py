"""Staff screen for the search's synonym table: the words visitors type and the
guide's words a search for them also finds."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from policies.models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ("term", "also_finds")
    search_fields = ("term", "also_matches")

    @admin.display(description=_("also find"))
    def also_finds(self, entry: SearchSynonym) -> str:
        return " / ".join(entry.alternatives)
