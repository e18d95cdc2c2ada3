#!/usr/bin/env bash
# Make sure the system parts the portal needs are installed and running; install with apt-get
# when missing, start when stopped (and PostgreSQL's database `portal` created when missing). Arguments: any of
# postgresql redis gettext chromium node.
set -euo pipefail

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

wait_for() { # description, command…
  local what=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "$what did not come up" >&2; return 1
}

for part in "$@"; do
  case "$part" in
    node)
      command -v npm >/dev/null || apt_install nodejs npm ;;
    gettext)
      command -v msgfmt >/dev/null || apt_install gettext ;;
    chromium)
      [ -x /usr/bin/chromium ] || apt_install chromium fonts-noto-core ;;
    postgresql)
      command -v pg_ctlcluster >/dev/null || apt_install postgresql
      if ! pg_isready -q -h 127.0.0.1 -p 5432; then
        version=$(ls /etc/postgresql | sort -n | tail -1)
        $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
        wait_for PostgreSQL pg_isready -q -h 127.0.0.1 -p 5432
      fi
      # The database DATABASE_URL names in the Makefile and scripts/full.sh. The test databases are made beside
      # it, but `makemigrations --check` reads its migration history: missing, the connection pool waits 10 s.
      portal_db() { psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'portal'"; }
      [ -n "$(portal_db)" ] || createdb -h 127.0.0.1 -U postgres portal || [ -n "$(portal_db)" ] ;;
    redis)
      command -v redis-server >/dev/null || apt_install redis-server
      if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
        mkdir -p /tmp/portal-redis
        redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
          --dir /tmp/portal-redis --logfile /tmp/portal-redis/redis.log
        wait_for Redis redis-cli -h 127.0.0.1 -p 6379 ping
      fi ;;
    *) echo "unknown part: $part" >&2; exit 2 ;;
  esac
done
