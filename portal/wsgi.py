"""WSGI entry point used by gunicorn and `runserver`.

Gunicorn imports this module before the settings, so it holds what applies to
the web server alone (``runserver`` has read the settings by then): a query stuck behind a lock (lock_timeout, 2 s) or running away
(statement_timeout, 5 s) fails and the visitor gets the 503 page, instead of the
worker hanging and the load balancer's health checks with it. The environment
variables DATABASE_LOCK_TIMEOUT and DATABASE_STATEMENT_TIMEOUT (milliseconds)
override them; PostgreSQL only.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "5000")
os.environ.setdefault("DATABASE_LOCK_TIMEOUT", "2000")

application = get_wsgi_application()
