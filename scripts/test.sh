#!/usr/bin/env bash
# Runs the whole test suite twice: on SQLite, then on a throwaway PostgreSQL 15 server
# started here (initdb in a temporary directory, a free port other than 5432) and
# stopped afterwards, also when the tests fail. Exits non-zero on any failure.
# Extra arguments go to pytest, e.g. `scripts/test.sh -k municipality`.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTEST=(.venv/bin/pytest)

command -v chromium >/dev/null || scripts/apt_install.sh chromium
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/initdb" ] || scripts/apt_install.sh postgresql-15

echo "==> Testene på SQLite"
env -u DATABASE_URL "${PYTEST[@]}" "$@"

echo "==> Testene på PostgreSQL 15"
PGDATA=$(mktemp -d)
PGSOCK=$(mktemp -d)
PGPORT=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$PGDATA" "$PGSOCK"
  as_pg() { su postgres -c "$*"; }
else
  as_pg() { bash -c "$*"; }
fi
stop_pg() {
  as_pg "$PGBIN/pg_ctl -D $PGDATA -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$PGDATA" "$PGSOCK"
}
trap stop_pg EXIT INT TERM
as_pg "$PGBIN/initdb -D $PGDATA -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
as_pg "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -w -o \"-p $PGPORT -k $PGSOCK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/samspill" "${PYTEST[@]}" "$@"
