"""``manage.py purge_populations``: delete registries older than
``POPULATION_RETENTION_DAYS`` with their runs; run it daily (cron or a timer)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from policies.population.services import purge_expired


class Command(BaseCommand):
    help = "Delete populations past the retention period, with their runs."

    def handle(self, *args: object, **options: object) -> None:
        count = purge_expired()
        days = settings.POPULATION_RETENTION_DAYS
        self.stdout.write(f"Deleted {count} population(s) older than {days} days.")
