#!/usr/bin/env bash
# Known vulnerabilities in the dependencies (issue 12): pip-audit over requirements.lock
# and npm audit over package-lock.json. Both ask an online database (PyPI/OSV, the npm
# registry's audit endpoint); where that cannot be reached the script says so and exits 2,
# so that "not checked" is never read as "clean". Not part of `make test`: a new advisory
# must not turn an unchanged commit red. pip-audit lives in its own virtualenv so that it
# and its dependencies never mix with the product's.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

if [ ! -x .venv-audit/bin/pip-audit ]; then
  python3 -m venv .venv-audit && .venv-audit/bin/pip install --quiet pip-audit
fi
echo "==> pip-audit (requirements.lock, OSV)"
# OSV, not PyPI's JSON API: through a package mirror the latter answers "not found" for
# every package and pip-audit then reports "No known vulnerabilities" having checked none.
pip_out=$(.venv-audit/bin/pip-audit --requirement requirements.lock --no-deps --disable-pip \
  --vulnerability-service osv --progress-spinner off 2>&1); pip_rc=$?
if grep -q "could not be audited\|ConnectionError\|NameResolutionError" <<<"$pip_out"; then
  tail -n 1 <<<"$pip_out"
  echo "pip-audit kunne ikke nå sårbarhetsdatabasen (OSV). Ikke sjekket." >&2
  status=2
else
  grep -v "^WARNING:pip_audit" <<<"$pip_out"
  [ $pip_rc -ne 0 ] && status=1  # vulnerabilities found: listed above
fi

echo "==> npm audit (package-lock.json)"
npm_out=$(npm audit --omit=dev 2>&1); npm_rc=$?
echo "$npm_out"
if [ $npm_rc -ne 0 ]; then
  if grep -q "audit endpoint returned an error\|ENOTFOUND\|ECONNREFUSED\|ETIMEDOUT" <<<"$npm_out"; then
    echo "npm audit kunne ikke nå npm-registerets sårbarhetstjeneste. Ikke sjekket." >&2
    [ $status -eq 0 ] && status=2
  else
    status=1
  fi
fi
exit $status
