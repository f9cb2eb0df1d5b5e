"""Settings for the portal, read from the environment (twelve-factor style).

Only four variables matter to run it: ``DATABASE_URL`` (unset: a SQLite file beside
``manage.py``), ``SECRET_KEY`` (required once ``DEBUG`` is off), ``DEBUG`` and
``ALLOWED_HOSTS``. Everything else has a safe default.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A developer's machine keeps its settings in .env (``make setup`` writes DEBUG=true
# there); real environment variables always win, and production has no .env.
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        sys.exit(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long "
            "random string, or set DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-debug-is-on"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    # Before the admin, so its forms know the translated fields (_en, _zh_hans).
    "modeltranslation",
    "policies.adminsite.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "formtools",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "policies",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the session and the views, so even an error page they fail with
    # carries the CSP and X-Frame-Options headers.
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Static files keep whitenoise's far-future caching; any other answer that
    # does not say it is public is private (redirects by language included).
    "policies.middleware.PrivateByDefaultMiddleware",
    "policies.middleware.RefuseDisallowedHostMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, redirecting an unprefixed address to the
    # visitor's language without losing a posted form (policies/language_prefix.py).
    "policies.language_prefix.LanguagePrefixMiddleware",
    "policies.adminsite.language.StaffLanguageMiddleware",
    "policies.middleware.RefuseNullCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "policies.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "policies.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# How long a query may run and wait for a lock, in milliseconds (0: no limit), on
# PostgreSQL. The web server (portal/wsgi.py) sets 5000 and 2000 unless these are
# set, so a locked table or a runaway query is a 503 in seconds, not a hung
# worker; the task worker, cron jobs and migrations wait as long as they need.
DATABASE_STATEMENT_TIMEOUT = env.int("DATABASE_STATEMENT_TIMEOUT", default=0)
DATABASE_LOCK_TIMEOUT = env.int("DATABASE_LOCK_TIMEOUT", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT} "
        f"-c lock_timeout={DATABASE_LOCK_TIMEOUT}"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the guide's language: the admin's, the API's and the content's default.
LANGUAGE_CODE = "en"
# The language of a public page for a visitor whose cookie and Accept-Language name
# none of LANGUAGES: the portal's main audience reads Chinese.
VISITOR_DEFAULT_LANGUAGE = "zh-hans"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
# English dates in GOV.UK style (26 November 2026); Chinese keeps Django's own.
FORMAT_MODULE_PATH = ["portal.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Content fields carry an English and a Chinese column (policies/translation.py).
# English is the guide's language and always filled in; a Chinese page shows the
# English, marked as such, where no Chinese has been entered yet.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Work that must not hold up a request (sending mail, assessing a whole registry)
# is queued in the database and run by `manage.py db_worker` (django-tasks): no
# broker to run, and a queued job survives a restart with the rest of the data.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Staff sign-in: five failures lock that username from that address out for an hour
# (the pair, so one mistyping colleague does not lock out a whole shared office).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# How many proxies of ours stand in front of gunicorn (load balancer, nginx): the
# client's address is read from X-Forwarded-For that many hops from the right
# (policies/client_address.py). 0 (the default) trusts no header and uses the
# connection's address. Sign-in lockouts and rate limits both key on it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "policies.client_address.client_address"
# Requests each client address may make ("count/period", period s, m, h or d), in
# the shared cache (policies/throttling.py); over it, 429 with Retry-After. The
# search counts policy-list requests that carry a query string; subscribing counts
# posted sign-ups (with the per-address cap of policies/alerts/quota.py). Without
# REDIS_URL each server process counts alone.
RATE_LIMITS = {
    "api": env.str("RATE_LIMIT_API", default="120/m"),
    "search": env.str("RATE_LIMIT_SEARCH", default="60/m"),
    "subscribe": env.str("RATE_LIMIT_SUBSCRIBE", default="10/h"),
}

# Populations (registries of enterprises, issue 14): deleted with their runs this
# many days after upload by `manage.py purge_populations` (run it daily); files
# larger or longer than the limits are refused; a run of at most
# POPULATION_INLINE_ROWS rows finishes inside the request, a larger one is queued
# for the task worker, which spreads it over POPULATION_PROCESSES processes.
POPULATION_RETENTION_DAYS = env.int("POPULATION_RETENTION_DAYS", default=30)
POPULATION_MAX_UPLOAD_MB = env.int("POPULATION_MAX_UPLOAD_MB", default=50)
POPULATION_MAX_ROWS = env.int("POPULATION_MAX_ROWS", default=200_000)
POPULATION_INLINE_ROWS = env.int("POPULATION_INLINE_ROWS", default=5_000)
POPULATION_PROCESSES = env.int("POPULATION_PROCESSES", default=os.cpu_count() or 1)

# The check's results list a policy missed on one figure as a near miss when the
# figure comes within this percentage of the policy's threshold (or a count is one
# short of it); a policy missed by more is listed with the others, with why.
NEAR_MISS_MARGIN_PERCENT = env.int("NEAR_MISS_MARGIN_PERCENT", default=20)
if not 0 <= NEAR_MISS_MARGIN_PERCENT < 100:
    sys.exit("NEAR_MISS_MARGIN_PERCENT must be a whole number from 0 to 99.")

# A policy whose last review is older than this is flagged to staff.
POLICY_REVIEW_MAX_AGE_DAYS = env.int("POLICY_REVIEW_MAX_AGE_DAYS", default=365)

# The portal's public identity, shown in the footer and printouts.
# Unset, the name is translated with the page (北京人工智能产业政策门户 in Chinese).
DEFAULT_PORTAL_NAME = _("Beijing AI Industry Policy Portal")
PORTAL_NAME = env.str("PORTAL_NAME", default="") or DEFAULT_PORTAL_NAME
PORTAL_CONTACT_EMAIL = env.str("PORTAL_CONTACT_EMAIL", default="portal@example.gov.cn")
# The portal's public address (https://… in production, checked by `check --deploy`):
# every link it gives out is built on it, never on the request's Host header.
PORTAL_BASE_URL = env.str(
    "PORTAL_BASE_URL", default="http://127.0.0.1:8000" if DEBUG else ""
)

# Email (policy alerts): EMAIL_URL such as smtp+tls://user:password@host:587, or the
# EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and EMAIL_USE_TLS
# variables. With neither, messages are written to the console: fine on a
# developer's machine, but production must set one of them, or alerts go nowhere.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
elif env.str("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.str("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=PORTAL_CONTACT_EMAIL)
# Alert emails are sent by the task worker (policies/alerts/outbox.py): a failed
# attempt is tried again after MAIL_RETRY_BASE_SECONDS, doubling each time up to
# MAIL_RETRY_MAX_SECONDS, MAIL_MAX_ATTEMPTS times in all (over some six hours with
# these values) before the email is logged as undeliverable.
MAIL_RETRY_BASE_SECONDS = env.int("MAIL_RETRY_BASE_SECONDS", default=60)
MAIL_RETRY_MAX_SECONDS = env.int("MAIL_RETRY_MAX_SECONDS", default=3600)
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=12)

# A site served in mainland China shows its MIIT ICP filing number and its public
# security record number in the footer; each shows only once it is set.
ICP_LICENSE = env.str("ICP_LICENSE", default="")
PUBLIC_SECURITY_RECORD = env.str("PUBLIC_SECURITY_RECORD", default="")

# How long browsers, a CDN or a reverse proxy may keep a public page (seconds)
# before asking again; the ETag makes asking cost one query. Publishing shows
# everywhere within this time.
PUBLIC_PAGE_MAX_AGE = env.int("PUBLIC_PAGE_MAX_AGE", default=60)

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
        }
        if env.str("REDIS_URL", default="")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Production hardening. TLS ends at the proxy in front, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# ... to the portal's own host, so the redirect never reads the request's Host.
SECURE_SSL_HOST = urlsplit(PORTAL_BASE_URL).netloc or None
# Load balancers and crawlers may ask these over plain HTTP; neither says anything
# private.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^robots\.txt$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
# A friendly page, in the site's look and the visitor's language, for a stale form.
CSRF_FAILURE_VIEW = "policies.errors.csrf_failure"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# No inline scripts or styles anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
