# The two commands a newcomer needs: `make run` and `make test`.
# `make setup` is the idempotent part both share.

VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
STAMP := $(VENV)/.requirements-installed


.PHONY: setup run test serve worker lint format messages

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP) .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_seed
	$(PY) manage.py compilemessages --ignore=.venv -v0

# A developer's machine runs with DEBUG on (and so without a SECRET_KEY) unless the
# environment says otherwise; production never has this file.
.env:
	printf 'DEBUG=true\n' > .env

run: setup
	$(PY) manage.py runserver 127.0.0.1:8000

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

# Refresh the Chinese catalogue from the code and templates (needs gettext); every new
# msgid then needs its translation, or tests/test_i18n.py fails. -k N_ picks up the
# engine's strings (policies/rules/text.py).
messages: $(STAMP)
	$(PY) manage.py makemessages -l zh_Hans -k N_ --ignore=.venv --ignore=staticfiles

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Production mode: DEBUG off, hashed and compressed static files served by whitenoise,
# gunicorn on 127.0.0.1:8000. SECRET_KEY and PORTAL_BASE_URL (the public https://
# address every link is built on) must be set in the environment: check --deploy
# refuses to start without them.
# Threaded workers (2 x 4 per two cores): a thread waiting on PostgreSQL (a session
# commit) leaves the core to another; loadtest/ measured 2-3x the wizard's
# throughput of 3 single-threaded workers.
serve: setup
	DEBUG=false $(PY) manage.py collectstatic --noinput --verbosity 0
	DEBUG=false $(PY) manage.py check --deploy --fail-level WARNING
	DEBUG=false $(VENV)/bin/gunicorn portal.wsgi --bind 127.0.0.1:8000 \
		--workers $${WEB_CONCURRENCY:-2} --threads $${GUNICORN_THREADS:-4} \
		--access-logfile - --forwarded-allow-ips "*"

# The task worker: sends alert email (and runs any other queued work) from the
# database queue. Production runs it beside the web servers, with their settings.
worker: setup
	$(PY) manage.py db_worker
