"""``manage.py check_cases``: run every worked case against the published rules.

Lists each case whose outcome differs from the one expected, with the difference,
and exits with status 1 when any differs, so CI and staff catch a rule edit that
breaks a known answer.
"""

from django.core.management.base import BaseCommand, CommandError

from policies.models import WorkedCase
from policies.worked_cases import run_cases


class Command(BaseCommand):
    help = "Run every worked case; list those whose outcome differs, exit 1 if any."

    def handle(self, *args: object, **options: object) -> None:
        runs = run_cases(WorkedCase.objects.all())
        failed = [run for run in runs if not run.holds]
        for run in failed:
            self.stdout.write(self.style.ERROR(f"{run.case.name}:"))
            for difference in run.differences:
                self.stdout.write(f"  - {difference}")
        summary = f"{len(runs) - len(failed)}/{len(runs)} cases hold."
        if failed:
            raise CommandError(summary, returncode=1)
        self.stdout.write(self.style.SUCCESS(summary))
