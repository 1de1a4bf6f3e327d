#!/usr/bin/env bash
# Serves the demo: loads demo data (idempotent), starts the task worker in the
# background and the web server on http://127.0.0.1:8000. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

$PY manage.py load_demo --print-logins

$PY manage.py db_worker --interval 1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM

echo
echo "Samspill kjører på http://$HOST:$PORT  (Ctrl+C stopper server og bakgrunnsarbeider)"
$PY manage.py runserver "$HOST:$PORT" --noreload
