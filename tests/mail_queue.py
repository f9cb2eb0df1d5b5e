"""Running the queued work in a test, as ``manage.py db_worker`` does on a server."""

from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from policies.models import OutgoingEmail


def run_worker() -> None:
    """``manage.py db_worker --batch``: run every task that is due, then stop.

    In the test's own transaction: the worker's ``close_old_connections`` would
    close the connection the test's transaction lives on, so it is skipped here,
    as Django's test client skips it around each request.
    """
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections"
    ):
        call_command(
            "db_worker",
            batch=True,
            startup_delay=False,
            reload=False,
            interval=0,
            verbosity=0,
        )


def deliver_mail() -> None:
    """Send the email waiting in the outbox, as the worker would."""
    run_worker()


def retry_now() -> None:
    """Let the time before each email's next attempt pass, then run the worker."""
    past = timezone.now() - timedelta(seconds=1)
    OutgoingEmail.objects.update(next_attempt_at=past)
    DBTaskResult.objects.filter(status="READY").update(run_after=past)
    run_worker()
