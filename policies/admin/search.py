"""Staff screen for the search's synonym table: the words visitors type and the
guide's words a search for them also finds. Each row shows the policies a search
for the word finds today, so staff see the effect of an entry as they save it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from policies import selectors
from policies.models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ("term", "also_finds", "policies_found")
    search_fields = ("term", "also_matches")

    @admin.display(description=_("also find"))
    def also_finds(self, entry: SearchSynonym) -> str:
        return " / ".join(entry.alternatives)

    @admin.display(description=_("published policies a search finds"))
    def policies_found(self, entry: SearchSynonym) -> str:
        found = selectors.policy_search(query=entry.term).policies
        return " ".join(policy.code for policy in found) or "—"
