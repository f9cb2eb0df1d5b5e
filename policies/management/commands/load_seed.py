"""Load the guide's content and rules into an empty database, and only then; and
the search's starting synonym table into an empty table, and only then."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from policies.models import Policy, Region, SearchSynonym

SEED_FIXTURES = ("content", "rules")
SYNONYM_FIXTURE = "synonyms"


class Command(BaseCommand):
    help = (
        "Load the seed fixtures (the guide's content and rules) into an empty "
        "database, and the starting search synonyms into an empty synonym table. "
        "Does nothing where data exists, so staff edits are never overwritten and "
        "running it twice changes nothing."
    )

    def handle(self, *args, **options) -> None:
        self._load_content()
        self._load_synonyms()

    def _load_content(self) -> None:
        if Region.objects.exists() or Policy.objects.exists():
            self.stdout.write(
                "The database already has content; the seed was not loaded."
            )
            return
        with transaction.atomic():
            call_command("loaddata", *SEED_FIXTURES, verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the seed: {Region.objects.count()} regions, "
                f"{Policy.objects.count()} policies."
            )
        )

    def _load_synonyms(self) -> None:
        """Separate from the content, so a database seeded before the table existed
        gets it on the next run; staff's own list is never replaced."""
        if SearchSynonym.objects.exists():
            return
        call_command("loaddata", SYNONYM_FIXTURE, verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {SearchSynonym.objects.count()} search synonyms."
            )
        )
