"""Settings for the test suite: the real settings, with a throwaway secret key and a
fast password hasher so tests need no environment of their own."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else")
# Tests see production settings whatever the developer's .env or shell says.
os.environ["DEBUG"] = "false"

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Links are built on the portal's public address, never on the test client's
# "testserver" host, so a link taken from the Host header shows in any test.
PORTAL_BASE_URL = "https://portal.example.test"
SECURE_SSL_HOST = "portal.example.test"

# The test client and the live server speak plain HTTP on localhost.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

# The suite's own traffic never meets a limit (tests/test_rate_limits.py lowers
# them and pins the limiter's clock).
RATE_LIMITS = dict.fromkeys(RATE_LIMITS, "1000000/s")  # noqa: F405

# Static files straight from the source folders, without a collectstatic manifest.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
