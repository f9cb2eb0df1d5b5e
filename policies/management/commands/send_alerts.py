"""``manage.py send_alerts``: the cron job behind policy alerts.

Assesses every confirmed subscription against the rules published now and queues
one email to each whose result changed (newly eligible policies, the estimate
before and after, new application dates), storing the new result with it, so
running it twice in a row queues nothing the second time. The task worker
(``manage.py db_worker``) sends the emails. It also deletes requests never
confirmed within a week and gives a new task to any email whose worker died. It
prints counts only, never an address or a figure.
"""

from django.core.management.base import BaseCommand

from policies.alerts.services import alerts_send


class Command(BaseCommand):
    help = (
        "Email each confirmed alert subscription whose eligibility or estimate "
        "changed under the published rules; run it from cron."
    )

    def handle(self, *args: object, **options: object) -> None:
        run = alerts_send()
        summary = (
            f"{run.checked} confirmed subscriptions checked: {run.queued} alerts "
            f"queued, {run.baselines} baselines recorded, {run.unchanged} unchanged, "
            f"{run.unreadable} unreadable; {run.purged} unconfirmed requests "
            f"deleted; {run.requeued} emails queued again; {run.undeliverable} "
            f"undeliverable in the last week."
        )
        self.stdout.write(self.style.SUCCESS(summary))
