import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x7#kq!9vR2mZ@p4LwT8s$N1bY6cJ0eHfGdUaQoXiVrKtSyWnMlBzCjPgEhDuF",
    "ALLOWED_HOSTS": "samspill.kulturskoleradet.no",
    "DATABASE_URL": "sqlite:////tmp/samspill-deploy-check.sqlite3",
}


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a deploy check.
        env={k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY må settes" in result.stderr
