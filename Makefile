# Samspill — the two commands a new user needs:
#   make run    sets everything up and serves the demo on http://127.0.0.1:8000
#   make test   runs the whole test suite on SQLite and on a throwaway PostgreSQL 15
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: audit bench-soak screenshots run test lint deps static messages migrate demo bench bench-foundation bench-synthesis bench-seminar bench-statistics bench-grants clean makemessages lock

$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -c 'import sys; assert sys.version_info[:2] == (3, 12), f"Samspill trenger Python 3.12, fant {sys.version}"'
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

deps: $(VENV)/.installed node_modules/.installed

static/vendor/.copied: node_modules/.installed scripts/vendor_static.sh
	scripts/vendor_static.sh
	@touch $@

static: deps static/vendor/.copied
	$(MANAGE) collectstatic --noinput --verbosity 0

messages: deps
	@command -v msgfmt >/dev/null || scripts/apt_install.sh gettext
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --verbosity 0

migrate: deps
	$(MANAGE) migrate --noinput --verbosity 0

demo: migrate
	$(MANAGE) load_demo

run: static messages migrate
	scripts/run.sh

test: static messages
	scripts/test.sh

# Known vulnerabilities in the dependencies (needs the OSV and npm audit services online;
# says "Ikke sjekket" and exits 2 when they cannot be reached). Not part of `make test`.
audit: deps
	scripts/audit.sh

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

# Samspill at national scale (issue 11): the national data set, the twelve pages with 1 and
# 20 users, the live seminar and the jobs, on SQLite and on a throwaway PostgreSQL, behind
# gunicorn as in production. About 20 minutes; measures and reports, never fails on a
# figure. Results in bench/results/, the table for bench/README.md. SEMINAR_MINUTES and
# SCALE shorten it (e.g. `make bench SCALE=0.1 SEMINAR_MINUTES=0.5`).
SCALE ?= 1
SEMINAR_MINUTES ?= 2
bench: static messages
	@[ -x /usr/lib/postgresql/15/bin/initdb ] || scripts/apt_install.sh postgresql-15
	$(PY) bench/suite.py --scale $(SCALE) --seminar-minutes $(SEMINAR_MINUTES)

# The foundation's first benchmark (issue 2): reference data and the municipality pages.
bench-foundation: static messages migrate
	$(PY) bench/run.py

# Grants (issue 9): the reviewer's list and the ranking of 600 nominations.
bench-grants: static messages
	$(PY) bench/grants.py

# The seminar synthesis engine alone (issue 5): seed 002 and 10 000 points, no database.
bench-synthesis: deps
	$(PY) bench/synthesis.py

# The live dialogue seminar under load (issue 4): 300 participants for MINUTES minutes
# on gunicorn, first on SQLite, then on a throwaway PostgreSQL 15 (about 25 minutes in
# all with the default). Measures and reports; never part of `make test`.
MINUTES ?= 10
bench-seminar: static messages
	$(PY) bench/seminar_live.py --minutes $(MINUTES)

# The soak (issue 12): MINUTES (default 10) of mixed load, seminar participants and logged-in
# staff reading pages at once; errors, points acknowledged vs stored, and the memory of
# each worker over time. Measures; never part of `make test`.
bench-soak: static messages
	$(PY) bench/soak.py --minutes $(MINUTES)

# The statistics views over 357 municipalities × 20 school years (issue 8): national view,
# county view and price study, p50/p95 and query counts. Measures; never part of `make test`.
bench-statistics: deps
	$(PY) bench/statistics_views.py

# The user guide's pictures (docs/bilder/), taken by the browser walks over the demo.
screenshots: static messages
	rm -rf test-artifacts/bilder
	SAMSPILL_SCREENSHOTS=test-artifacts/bilder $(VENV)/bin/pytest -q -p no:cacheprovider -k "demo_walk or browser_smoke or topics_browser or leader_flow or (statistics and browser)" samspill
	for f in docs/bilder/*.png; do cp "test-artifacts/bilder/$$(basename $$f)" "$$f"; done
	@echo "Bildene i docs/bilder/ er tatt på nytt; alle sidene ligger i test-artifacts/bilder/."

# Regenerate the message catalogues after changing UI text (needs gettext).
makemessages: deps
	for lang in nb nn en; do \
	  $(MANAGE) makemessages --locale $$lang --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=static/vendor --no-obsolete; \
	done

# Re-pin requirements.lock from requirements.in.
lock: deps
	$(VENV)/bin/pip install --quiet uv
	$(VENV)/bin/uv pip compile requirements.in -o requirements.lock --python-version 3.12

clean:
	rm -rf $(VENV) node_modules staticfiles static/vendor var test-artifacts
