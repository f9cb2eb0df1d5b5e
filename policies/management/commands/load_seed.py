"""Load the guide's content and rules into an empty database, and only then."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from policies.models import Policy, Region

SEED_FIXTURES = ("content", "rules")


class Command(BaseCommand):
    help = (
        "Load the seed fixtures (the guide's content and rules) into an empty "
        "database. Does nothing when content exists, so staff edits are never "
        "overwritten and running it twice changes nothing."
    )

    def handle(self, *args, **options) -> None:
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
