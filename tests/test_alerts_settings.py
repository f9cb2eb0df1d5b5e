"""Where alert emails go is read from the environment: EMAIL_URL, or the EMAIL_HOST
family of variables, else the console (a developer's machine)."""

import subprocess
import sys

import pytest
from django.conf import settings

PRINT = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings'; "
    "django.setup(); from django.conf import settings as s; "
    "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, "
    "s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL)"
)
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def email_settings(**environment: str) -> list[str]:
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "true", **environment}
    done = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()


@pytest.mark.parametrize(
    "environment, expected",
    [
        (
            {"EMAIL_URL": "smtp+tls://alerts:s3cret@mail.example.gov.cn:587"},
            [SMTP, "mail.example.gov.cn", "587", "alerts", "s3cret", "True"],
        ),
        (
            {"EMAIL_HOST": "mail.example.gov.cn", "EMAIL_HOST_USER": "alerts"},
            [SMTP, "mail.example.gov.cn", "587", "alerts", "True"],
        ),
    ],
)
def test_smtp_comes_from_the_environment(environment, expected):
    found = email_settings(DEFAULT_FROM_EMAIL="alerts@example.gov.cn", **environment)
    assert found[: len(expected)] == expected  # an empty password prints nothing
    assert found[-1] == "alerts@example.gov.cn"


def test_without_a_mail_server_messages_go_to_the_console():
    found = email_settings()
    assert found[0] == "django.core.mail.backends.console.EmailBackend"
    assert found[-1] == "portal@example.gov.cn"
