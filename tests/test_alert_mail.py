"""Alert email leaves the request: the sign-up answers at once and alike whatever
the address, the worker sends with retries and backoff, exactly once, and no
address receives more than three confirmations a day however it is spelt or
however many requests race for it."""

import re
import socket
import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from policies import sharing
from policies.alerts import outbox, quota, services
from policies.models import ConfirmationSlot, OutgoingEmail, Subscription
from tests.mail_queue import retry_now, run_worker
from tests.test_alerts import EMAIL, PROFILE, confirmed, publish_new_dongcheng_policy
from tests.wizard_support import guide  # noqa: F401 (a fixture)

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def _post(client, email: str = EMAIL):
    url = reverse(
        "policies:alerts_subscribe", kwargs={"token": sharing.encode(PROFILE)}
    )
    return client.post(url, {"email": email})


class SilentMailServer:
    """A real socket that takes connections and never says a word: the kernel
    completes each handshake, and no SMTP greeting ever comes."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        self.held: list[socket.socket] = []

    def connections(self) -> int:
        """How many clients have connected so far."""
        self.socket.setblocking(False)
        try:
            while True:
                self.held.append(self.socket.accept()[0])
        except BlockingIOError:
            pass
        return len(self.held)

    def close(self) -> None:
        for held in self.held:
            held.close()
        self.socket.close()


@pytest.fixture
def silent_smtp(settings) -> Iterator[SilentMailServer]:
    server = SilentMailServer()
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    yield server
    server.close()


@pytest.mark.usefixtures("guide")
def test_subscribing_answers_without_waiting_for_a_mail_server_that_never_answers(
    client, silent_smtp
):
    response = _post(client)

    assert response.status_code == 302
    assert silent_smtp.connections() == 0  # the request never reached for the mail
    email = OutgoingEmail.objects.get()
    assert email.subscription.email == EMAIL and email.attempts == 0

    started = timezone.now()
    run_worker()

    assert silent_smtp.connections() == 1
    email.refresh_from_db()
    assert email.attempts == 1 and email.failed_at is None
    assert email.last_error == "SMTPServerDisconnected"  # timed out waiting
    assert email.next_attempt_at >= started + outbox.backoff(1)
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after == email.next_attempt_at
    assert retry.args_kwargs == {"args": [email.pk], "kwargs": {}}


@pytest.mark.usefixtures("guide")
def test_each_failed_attempt_waits_longer_until_the_email_is_given_up(
    client, settings, monkeypatch
):
    settings.MAIL_MAX_ATTEMPTS = 4

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    _post(client)
    run_worker()
    waits = []
    for _ in range(3):
        email = OutgoingEmail.objects.get()
        waits.append(email.next_attempt_at)
        retry_now()

    email = OutgoingEmail.objects.get()
    assert email.attempts == 4 and email.failed_at is not None
    assert [outbox.backoff(n) for n in (1, 2, 3)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
    ]
    assert outbox.backoff(30) == timedelta(seconds=settings.MAIL_RETRY_MAX_SECONDS)
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert mail.outbox == []


@pytest.mark.usefixtures("guide")
def test_a_refusal_for_good_is_not_tried_again(client, monkeypatch):
    import smtplib

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({EMAIL: (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    _post(client)
    run_worker()

    email = OutgoingEmail.objects.get()
    assert email.failed_at is not None and email.attempts == 1
    assert EMAIL not in email.last_error


@pytest.mark.usefixtures("guide")
def test_an_email_is_sent_once_however_many_tasks_name_it(client):
    _post(client)
    email = OutgoingEmail.objects.get()
    for _ in range(3):
        outbox.deliver_email.enqueue(email.pk)

    run_worker()
    assert outbox.requeue_lost() == 0
    run_worker()

    assert len(mail.outbox) == 1
    assert not OutgoingEmail.objects.exists()


@pytest.mark.usefixtures("guide")
def test_an_email_whose_worker_died_is_queued_again_by_the_cron_run(client):
    _post(client)
    email = OutgoingEmail.objects.get()
    DBTaskResult.objects.all().delete()  # as if the worker died holding the task
    OutgoingEmail.objects.update(
        next_attempt_at=timezone.now() - outbox.LOST_AFTER - timedelta(minutes=1)
    )

    run = services.alerts_send()
    run_worker()

    assert run.requeued == 1
    assert [m.to for m in mail.outbox] == [[email.subscription.email]]


@pytest.mark.usefixtures("guide")
def test_the_queue_keeps_no_address_after_a_subscription_is_deleted(client):
    _post(client)
    subscription = Subscription.objects.get()

    services.subscription_delete(subscription=subscription)
    run_worker()

    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []
    stored = "".join(str(row.args_kwargs) for row in DBTaskResult.objects.all())
    assert EMAIL not in stored and "example.com" not in stored


@pytest.mark.usefixtures("guide")
def test_send_alerts_queues_the_alert_for_the_worker(client):
    confirmed()
    publish_new_dongcheng_policy()

    call_command("send_alerts", verbosity=0)

    assert mail.outbox == []
    assert OutgoingEmail.objects.get().needs_quota is False
    run_worker()
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )


@pytest.mark.parametrize(
    "spelling",
    [
        "victim@example.com",
        "VICTIM@Example.COM",
        "victim+1@example.com",
        "victim+alerts+2@example.com",
        "v.ictim@example.com",
        "v.i.c.t.i.m@example.com",
        '"victim"@example.com',
        '"v.ictim+x"@example.com',
        "victim@EXAMPLE.com.",
    ],
)
def test_every_spelling_of_one_mailbox_has_one_key(spelling, settings):
    assert quota.normalised(spelling) == "victim@example.com"
    assert quota.address_key(spelling) == quota.address_key("victim@example.com")


def test_an_internationalised_domain_is_one_mailbox_in_either_form():
    assert quota.normalised("li@例子.中国") == quota.normalised(
        "li@xn--fsqu00a.xn--fiqs8s"
    )


def test_the_key_is_not_the_address():
    key = quota.address_key("victim@example.com")
    assert "victim" not in key and len(key) == 64


@pytest.mark.usefixtures("guide")
def test_spellings_of_one_mailbox_share_three_confirmations_a_day(client):
    spellings = [
        "victim@example.com",
        "victim+1@example.com",
        "v.ictim@example.com",
        '"victim"@example.com',
        "VICTIM@example.com",
    ]
    answers = [_post(client, spelling) for spelling in spellings]
    other = _post(client, "someone.else@example.com")
    run_worker()

    assert {a.status_code for a in answers} == {302}
    assert {a["Location"] for a in answers} == {other["Location"]}
    victims = [m for m in mail.outbox if m.to != ["someone.else@example.com"]]
    assert len(victims) == quota.PER_DAY
    assert len(mail.outbox) == quota.PER_DAY + 1
    assert Subscription.objects.count() == quota.PER_DAY + 1  # the rest dropped


@pytest.mark.usefixtures("guide")
def test_a_slot_is_free_again_a_day_after_its_last_use(client):
    now = timezone.now()
    key = quota.address_key(EMAIL)
    taken = [quota.take_slot(key, now) for _ in range(quota.PER_DAY + 1)]

    assert taken == [True] * quota.PER_DAY + [False]
    assert not quota.take_slot(key, now + timedelta(hours=23))
    assert quota.take_slot(key, now + timedelta(days=1))
    assert ConfirmationSlot.objects.filter(address_key=key).count() == quota.PER_DAY
    assert quota.forget_old_slots(now + timedelta(days=2)) == quota.PER_DAY


RACERS = 15


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one writer at a time, so it cannot race; the cap's "
    "atomicity is proved on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_and_workers_send_three_confirmations_at_most():
    call_command("loaddata", "content", "rules", verbosity=0)
    spellings = [
        "victim@example.com",
        "victim+%d@example.com",
        "v.ictim+%d@example.com",
    ]
    start = threading.Barrier(RACERS)
    answers: list[int] = []

    def sign_up(n: int) -> None:
        email = spellings[n % 3].replace("%d", str(n))
        start.wait()
        try:
            answers.append(_post(Client(), email).status_code)
        finally:
            connection.close()

    _race(sign_up)
    assert answers == [302] * RACERS
    assert OutgoingEmail.objects.count() == RACERS

    def work(n: int) -> None:
        worker = Worker(  # db_worker's loop, without its signal handlers
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=f"racer-{n}",
            excluded_queue_names=[],
        )
        start.wait()
        try:
            worker.run()
        finally:
            connection.close()

    _race(work)

    assert len(mail.outbox) == quota.PER_DAY
    assert not OutgoingEmail.objects.exists()
    assert Subscription.objects.count() == quota.PER_DAY


def _race(job) -> None:
    threads = [threading.Thread(target=job, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)


@pytest.mark.usefixtures("guide")
def test_the_sign_up_does_the_same_work_whatever_the_address_has_done(client):
    """No address state is read in the request, so nothing in the answer or its
    timing can tell a new address from a known or capped one."""
    for _ in range(quota.PER_DAY + 2):
        _post(client, "capped@example.com")
    run_worker()
    _post(client, "pending@example.com")
    confirmed(email="known@example.com")

    def work(email: str) -> tuple:
        with CaptureQueriesContext(connection) as queries:
            response = _post(client, email)
        shapes = [re.sub(r"'[^']*'|\d+", "?", q["sql"]) for q in queries]
        return response.status_code, response["Location"], shapes

    new = work("new@example.com")
    assert work("capped@example.com") == new
    assert work("pending@example.com") == new
    assert work("known@example.com") == new
