"""``manage.py send_alerts``: the cron job behind policy alerts.

Assesses every confirmed subscription against the rules published now and sends one
email to each whose result changed (newly eligible policies, the estimate before and
after, new application dates), storing the new result, so running it twice in a
row sends nothing the second time. It also deletes requests never confirmed within
a week. It prints counts only, never an address or a figure; it exits with status 1
when a message could not be sent (the next run tries it again).
"""

from django.core.management.base import BaseCommand, CommandError

from policies.alerts.services import alerts_send


class Command(BaseCommand):
    help = (
        "Email each confirmed alert subscription whose eligibility or estimate "
        "changed under the published rules; run it from cron."
    )

    def handle(self, *args: object, **options: object) -> None:
        run = alerts_send()
        summary = (
            f"{run.checked} confirmed subscriptions checked: {run.sent} alerts sent, "
            f"{run.baselines} baselines recorded, {run.unchanged} unchanged, "
            f"{run.unreadable} unreadable, {run.failed} failed to send; "
            f"{run.purged} unconfirmed requests deleted."
        )
        if run.failed:
            raise CommandError(summary, returncode=1)
        self.stdout.write(self.style.SUCCESS(summary))
