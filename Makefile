# The two commands: `make run` (the demo) and `make test` (every check). `make help` lists the rest.
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal
TEST_ENV := DATABASE_URL=$(TEST_DATABASE_URL) DJANGO_ALLOW_ASYNC_UNSAFE=true
PYTEST := $(TEST_ENV) .venv/bin/pytest -n 2 -p no:cacheprovider
# The slow tiers, each in processes of its own: Chromium, schemathesis, a real Celery worker and beat with Redis.
SLOW_TIERS := browser or fuzz or realstack
# A throw-away production configuration, only for `check --deploy`.
DEPLOY_ENV := PRODUCTION=true DEBUG=false SECRET_KEY=deploy-check-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=') \
	ALLOWED_HOSTS=portal.example DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=redis://127.0.0.1:6379/0

.PHONY: help run test test-fast full services lint messages compilemessages migrate demo clean bench bench-alerts bench-markdown bench-search

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

.venv/.runtime: requirements.txt
	@test -x $(PY) || python3 -m venv .venv
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

.venv/.dev: requirements.txt requirements-dev.txt .venv/.runtime
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# Test-only JavaScript (axe-core for the accessibility gate), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	@bash scripts/ensure-system.sh node
	npm ci --no-audit --no-fund --silent
	@touch $@

compilemessages: .venv/.runtime ## Compile the interface translations (locale/)
	@bash scripts/ensure-system.sh gettext
	$(PY) manage.py compilemessages --ignore=.venv -v0

messages: .venv/.runtime ## Extract new interface strings into locale/*/LC_MESSAGES/django.po
	$(PY) manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=var --ignore=tests --add-location=file
	@# English is the source language: its catalogue repeats every msgid, rebuilt from scratch each time.
	msgfilter --keep-header -i locale/en/LC_MESSAGES/django.po -o locale/en/LC_MESSAGES/django.po sed -e d
	msgattrib --clear-fuzzy --clear-previous locale/en/LC_MESSAGES/django.po -o locale/en/LC_MESSAGES/django.po
	msgen locale/en/LC_MESSAGES/django.po -o locale/en/LC_MESSAGES/django.po

run: .venv/.runtime compilemessages ## Set up and serve the demo at http://127.0.0.1:8000 (SQLite, mails on the console)
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo
	$(PY) manage.py send_alerts
	$(PY) manage.py runserver 127.0.0.1:8000

services: ## Install (apt-get) and start PostgreSQL, Redis, gettext and Chromium when missing or stopped
	@bash scripts/ensure-system.sh postgresql redis gettext chromium

lint: .venv/.dev ## ruff
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

test: .venv/.dev node_modules/.installed services lint compilemessages ## Every check: ruff, migrations, deploy check, translations, pytest on PostgreSQL (all tiers, then the clock tests at 22:30 and 02:30 UTC)
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run -v1
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	bash scripts/check-translations.sh
	$(PYTEST) --durations=15 --cov --cov-report=term:skip-covered --cov-fail-under=90
	@# Right at any hour: the tests whose answer depends on the date, again with the clock moved (tests/clock.py).
	$(PYTEST) -q -m clock --clock=22:30 --clock=02:30

test-fast: .venv/.dev compilemessages ## The development loop: pytest without the slow tiers (browser, fuzz, realstack), under 3 minutes
	@bash scripts/ensure-system.sh postgresql redis
	$(PYTEST) -q -m "not ($(SLOW_TIERS))"

full: .venv/.runtime services compilemessages ## Serve the full stack (gunicorn, Celery worker, one beat) on PostgreSQL and Redis
	bash scripts/full.sh

clean: ## Remove the virtual environment and local data
	rm -rf .venv var staticfiles

bench: .venv/.runtime compilemessages ## Load smoke: gunicorn on PostgreSQL with 100,000 projects, wrk 50 clients x 60 s (README, Performance)
	bash bench/load_smoke.sh

bench-alerts: .venv/.dev compilemessages ## Alert benchmark: plan 100,000 contacts x 20 deadlines, send 5,000 to a local SMTP server (README, Performance)
	@bash scripts/ensure-system.sh postgresql
	$(PY) bench/alerts.py

bench-search: .venv/.runtime compilemessages ## Search benchmark: search and autocomplete at 100,000 projects, 50,000 results, 20,000 events, 5,000 guides, 10,000 agencies (README, Performance)
	@bash scripts/ensure-system.sh postgresql
	$(PY) bench/search.py

bench-markdown: .venv/.runtime ## Markdown benchmark: render and sanitise 100 KB of adversarial input, target 100 ms each (README, Performance)
	$(PY) bench/markdown_render.py
