"""The portal refuses to start without a secret in production, and reports its health."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def _run_check(**env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="portal.settings")
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = _run_check(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_starts_without_secret_key_in_debug_mode():
    assert _run_check(DEBUG="true").returncode == 0


def test_starts_with_secret_key_when_debug_is_off():
    assert _run_check(DEBUG="false", SECRET_KEY="x" * 60).returncode == 0


@pytest.mark.django_db
def test_healthz_is_200_when_the_database_answers_with_published_content(client):
    call_command("load_seed", verbosity=0)

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "content": "published"}


@pytest.mark.django_db
def test_healthz_is_503_when_no_content_is_published(client):
    """A database that answers but holds nothing to show (not seeded, or restored
    empty) serves no page worth sending visitors to."""
    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "up",
        "content": "missing",
    }
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_does_not_answer(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError
    ):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "down"
