#!/usr/bin/env bash
# The full stack on one machine: gunicorn, one Celery worker and exactly one Celery beat, against
# PostgreSQL and Redis. Ctrl-C stops all three (by their PIDs).
set -euo pipefail
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/portal}
export CELERY_BROKER_URL=${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0}
export CACHE_URL=${CACHE_URL:-redis://127.0.0.1:6379/1}
export DEBUG=${DEBUG:-false}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
createdb -h 127.0.0.1 -U postgres portal 2>/dev/null || true
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py load_demo

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait; }
trap stop EXIT INT TERM
.venv/bin/gunicorn config.wsgi --bind 127.0.0.1:8000 --workers 2 --no-control-socket & pids+=($!)
.venv/bin/celery -A config worker --loglevel=INFO --concurrency=2 & pids+=($!)
.venv/bin/celery -A config beat --loglevel=INFO & pids+=($!)
echo "Serving http://127.0.0.1:8000 (gunicorn pid ${pids[0]}, worker ${pids[1]}, beat ${pids[2]})"
wait -n
