"""A stuck query is a 503 in seconds, not a hung worker: on PostgreSQL the web
server's connections carry a ``lock_timeout`` and a ``statement_timeout``
(DATABASE_LOCK_TIMEOUT, DATABASE_STATEMENT_TIMEOUT); the worker, cron jobs and
migrations wait as long as they need.

PostgreSQL only: SQLite has neither setting.
"""

import json
import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
# The lock is let go after this long whatever happens, so a portal without the
# timeouts fails the test (a 200 once the lock is gone) instead of hanging it.
RELEASE_AFTER_SECONDS = 30

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="statement_timeout and lock_timeout are PostgreSQL settings",
)

SHOW = (
    "import json, sys; {setup}; from django.db import connection; "
    "cursor = connection.cursor(); "
    "values = {{name: (cursor.execute(f'SHOW {{name}}'), cursor.fetchone()[0])[1] "
    "for name in ('statement_timeout', 'lock_timeout')}}; print(json.dumps(values))"
)


def _database_url() -> str:
    db = connection.settings_dict
    port = db["PORT"] or 5432
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{port}/{db['NAME']}"


def _timeouts_seen_by(setup: str, **environment: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    result = subprocess.run(
        [sys.executable, "-c", SHOW.format(setup=setup)],
        cwd=ROOT,
        env={
            **keep,
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DATABASE_URL": _database_url(),
            "SECRET_KEY": "x" * 50,
            "DEBUG": "false",
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.django_db
def test_the_web_server_gives_up_on_a_stuck_query_and_commands_do_not():
    web = _timeouts_seen_by("import portal.wsgi")
    configured = _timeouts_seen_by(
        "import portal.wsgi",
        DATABASE_STATEMENT_TIMEOUT="7000",
        DATABASE_LOCK_TIMEOUT="1500",
    )
    command = _timeouts_seen_by("import django; django.setup()")

    assert web == {"statement_timeout": "5s", "lock_timeout": "2s"}
    assert configured == {"statement_timeout": "7s", "lock_timeout": "1500ms"}
    assert command == {"statement_timeout": "0", "lock_timeout": "0"}


@pytest.fixture
def web_connection(settings):
    """The test's connection opened again as the web server opens its own."""
    options = connection.settings_dict.setdefault("OPTIONS", {})
    before = options.get("options")
    connection.close()
    options["options"] = "-c statement_timeout=2000 -c lock_timeout=500"
    yield
    connection.close()
    if before is None:
        options.pop("options")
    else:
        options["options"] = before


@contextmanager
def locked_content():
    """The policies table locked by another connection, as a long migration or a
    stuck transaction would hold it."""
    holder = psycopg2.connect(
        dbname=connection.settings_dict["NAME"],
        user=connection.settings_dict["USER"],
        host=connection.settings_dict["HOST"] or "127.0.0.1",
        port=connection.settings_dict["PORT"] or 5432,
    )
    holder.cursor().execute(
        "LOCK TABLE policies_policy, policies_region IN ACCESS EXCLUSIVE MODE"
    )
    release = threading.Timer(RELEASE_AFTER_SECONDS, holder.rollback)
    release.start()
    try:
        yield
    finally:
        release.cancel()
        holder.rollback()
        holder.close()


@pytest.mark.django_db(transaction=True)
def test_a_locked_table_is_a_503_not_a_hung_request(client, web_connection):
    call_command("load_seed", verbosity=0)
    client.raise_request_exception = False
    region = reverse("policies:region", kwargs={"slug": "dongcheng"})

    with locked_content():
        health = client.get(reverse("healthz"))
        page = client.get(region)

    assert health.status_code == 503
    assert health.json()["database"] == "down"
    assert page.status_code == 503
    assert page["Retry-After"]
    assert client.get(region).status_code == 200
