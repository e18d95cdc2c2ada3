#!/usr/bin/env bash
# Load smoke (README, "Performance"): gunicorn with 2 sync workers (as in the Procfile) on PostgreSQL with the
# demo data plus 10,000 agencies and 100,000 projects, DEBUG off; wrk with 50 connections for 60 s over the
# public pages and API lists, then 60 s over the admin changelist of Project as a working-group admin.
# Prints one table and exits 1 if any request failed (timeout, socket error, answer other than 2xx/3xx).
#
#   make bench          or          bash bench/load_smoke.sh
#
# Settings (environment): BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/portal_bench; never
# DATABASE_URL), BENCH_DURATION (60s), BENCH_CONNECTIONS (50), BENCH_TIMEOUT (30s, wrk's per-request
# limit: gunicorn's own worker timeout), BENCH_WORKERS (2), BENCH_REBUILD=1 (generate the data again).
# Output and logs in var/bench/. 50 clients on 2 sync workers wait in gunicorn's queue: a request's latency
# is about 25 times the server time of a page, so wrk's default 2 s limit would call an 80 ms page a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-60s}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
TIMEOUT=${BENCH_TIMEOUT:-30s}
WORKERS=${BENCH_WORKERS:-2}
WARMUP=${BENCH_WARMUP:-5s}
OUT=var/bench
PY=.venv/bin/python
export DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/portal_bench}
export BENCH_DATABASE_URL=$DATABASE_URL PRODUCTION=false DEBUG=false LOG_LEVEL=WARNING SEND_ALERTS=false
export ALLOWED_HOSTS=127.0.0.1,localhost STATIC_ROOT=$PWD/$OUT/static  # whitenoise serves from the apps

step() { printf '\n== %s\n' "$*"; }

step "Setup: virtual environment, translations, PostgreSQL, wrk"
make --no-print-directory -s .venv/.runtime compilemessages
bash scripts/ensure-system.sh postgresql
if ! command -v wrk >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi

step "Data: ${DATABASE_URL##*/}"
$PY bench/generate.py ${BENCH_REBUILD:+--rebuild}

rm -rf "$OUT" && mkdir -p "$OUT/static"
$PY bench/prepare.py "$OUT"
printf '{"connections": %s, "duration": "%s", "workers": %s, "timeout": "%s"}\n' \
  "$CONNECTIONS" "$DURATION" "$WORKERS" "$TIMEOUT" >"$OUT/settings.json"

PORT=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
step "gunicorn: $WORKERS workers on $BASE"
.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" --no-control-socket \
  --access-logfile "$OUT/access.log" --access-logformat '%(s)s %(D)s %(U)s ?%(q)s' \
  --error-logfile "$OUT/gunicorn.log" &
GUNICORN=$!
stop() { kill "$GUNICORN" 2>/dev/null || true; wait "$GUNICORN" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null --max-time 5 "$BASE/tr/" 2>/dev/null && break
  kill -0 "$GUNICORN" 2>/dev/null || { cat "$OUT/gunicorn.log" >&2; echo "gunicorn did not start" >&2; exit 1; }
  sleep 0.5
done

COOKIE=$(cat "$OUT/admin.cookie")
step "Checking that every path answers 200 (and warming both workers up)"
check() { # path [curl options…]
  local path=$1; shift
  local code
  code=$(curl -s -o /dev/null --max-time 30 -w '%{http_code}' "$@" "$BASE$path") || code=000
  if [ "$code" != 200 ]; then echo "  $path answered $code, not 200" >&2; return 1; fi
}
failed=0
while read -r path; do check "$path" || failed=1; done < <(sort -u "$OUT/public.paths")
while read -r path; do check "$path" -H "Cookie: $COOKIE" || failed=1; done <"$OUT/admin.paths"
[ "$failed" = 0 ] || { echo "Some paths do not answer 200: see above and $OUT/gunicorn.log" >&2; exit 1; }
echo "  $(sort -u "$OUT/public.paths" | wc -l) public paths and the admin changelist answer 200."
wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" --timeout "$TIMEOUT" -s bench/rotate.lua "$BASE" -- "$OUT/public.paths" >/dev/null

settle() { # wait until gunicorn has answered the requests still queued when wrk stopped (at most 60 s)
  local before after
  for _ in $(seq 1 60); do
    before=$(stat -c %s "$OUT/access.log"); sleep 1; after=$(stat -c %s "$OUT/access.log")
    [ "$before" = "$after" ] && return 0
  done
}
run() { # name paths-file [wrk options…]
  local name=$1 paths=$2; shift 2
  settle
  local offset
  offset=$(stat -c %s "$OUT/access.log")
  step "$name: wrk, $CONNECTIONS connections, $DURATION"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" "$@" -s bench/rotate.lua "$BASE" -- "$paths" \
    | tee "$OUT/$name.wrk"
  settle
  tail -c +$((offset + 1)) "$OUT/access.log" >"$OUT/$name.access"
}
run public "$OUT/public.paths"
run admin "$OUT/admin.paths" -H "Cookie: $COOKIE"

stop
trap - EXIT
$PY bench/report.py "$OUT" | tee "$OUT/report.txt"
