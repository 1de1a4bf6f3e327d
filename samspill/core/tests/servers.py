"""Real servers for the fault tests: a throwaway PostgreSQL 15 that can be stopped and
started again, and gunicorn with production settings that can be killed."""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

PGBIN = Path("/usr/lib/postgresql/15/bin")
ROOT = Path(settings.BASE_DIR)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayPostgres:
    """initdb in a temporary folder, a free port; `stop()` and `start()` as often as a test
    wants; removed on exit, also when the test fails. As scripts/test.sh does."""

    def __init__(self):
        self.data = Path(tempfile.mkdtemp(prefix="samspill-fault-pg-"))
        self.sockets = Path(tempfile.mkdtemp(prefix="samspill-fault-pgsock-"))
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/samspill"
        self.as_postgres = {}
        if os.geteuid() == 0:  # initdb refuses to run as root
            for folder in (self.data, self.sockets):
                shutil.chown(folder, "postgres", "postgres")
            self.as_postgres = {"user": "postgres", "group": "postgres"}

    def _pg(self, *args, check=True):
        subprocess.run(
            [str(PGBIN / args[0]), *args[1:]],
            check=check,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd="/",
            **self.as_postgres,
        )

    def __enter__(self):
        self._pg("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                 "--locale=C.UTF-8")  # fmt: skip
        self.start()
        self._pg("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "samspill")
        return self

    def start(self):
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg("pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log"), "-w",
                 "-o", options, "start")  # fmt: skip

    def stop(self):
        self._pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def __exit__(self, *exc):
        self.stop()
        shutil.rmtree(self.data, ignore_errors=True)
        shutil.rmtree(self.sockets, ignore_errors=True)


def production_environment(workdir, database_url, static_root):
    """Production settings as in docs/drift.md, behind a (simulated) TLS proxy, with the
    static files collected for production (`collect_static`)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        SAMSPILL_VAR_DIR=str(workdir / "var"),
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
    )
    return env


def collect_static(static_root):
    """`collectstatic` as production runs it (hashed names and a manifest)."""
    env = production_environment(static_root.parent, "sqlite:///:memory:", static_root)
    manage(env, "collectstatic", "--noinput")


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


class Gunicorn:
    """gunicorn as in production (docs/drift.md), in its own process group so that
    `kill()` can SIGKILL the master and every worker at once, as a crash would."""

    def __init__(self, env, workdir, *, workers=2):
        self.env = env
        self.workdir = workdir
        self.workers = workers
        self.port = free_port()
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        log = open(self.workdir / "gunicorn.log", "a")  # noqa: SIM115 (gunicorn keeps it)
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind",
             f"127.0.0.1:{self.port}", "--workers", str(self.workers), "--timeout", "30"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            status = get(self.base + "/healthz")[0]
            if status in (200, 503):
                return self
            time.sleep(0.2)
        raise RuntimeError(
            "gunicorn did not start:\n" + (self.workdir / "gunicorn.log").read_text()
        )

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


PROXY = {"X-Forwarded-Proto": "https"}


def get(url, timeout=10):
    """`(status, body, headers)`; status 0 when nothing answered."""
    request = urllib.request.Request(url, headers=PROXY)  # noqa: S310 (our own http URL)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, "", {}


class SmallDisk:
    """A real file system of `kilobytes` (tmpfs) to upload into until it is full.

    Mounting needs root (CAP_SYS_ADMIN), which the project's machines and CI have; where
    it is missing the test fails and says so, rather than faking a full disk."""

    def __init__(self, kilobytes=64):
        self.path = Path(tempfile.mkdtemp(prefix="samspill-small-disk-"))
        self.kilobytes = kilobytes

    def __enter__(self):
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={self.kilobytes}k", "tmpfs", str(self.path)],
            capture_output=True,
        )
        if mounted.returncode != 0:
            self.path.rmdir()
            # A faked full disk would prove nothing; the project's machines and CI run as
            # root. Say plainly what is missing rather than pass without testing.
            pytest.fail(
                "Testen av full disk må montere et lite tmpfs-filsystem og trenger root "
                f"(CAP_SYS_ADMIN): {mounted.stderr.decode().strip()}"
            )
        return self.path

    def __exit__(self, *exc):
        subprocess.run(["umount", str(self.path)], check=True)
        self.path.rmdir()

    @staticmethod
    def files(path):
        return sorted(p.relative_to(path).as_posix() for p in Path(path).rglob("*") if p.is_file())


class SmtpServerThatRefuses:
    """A real SMTP server on a free port that answers every connection with «421 Service
    not available», as a mail server does when it is overloaded or shutting down."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while True:
            try:
                connection, _address = self.socket.accept()
            except OSError:
                return  # closed
            self.connections += 1
            with connection:
                connection.sendall(b"421 4.3.2 Service not available, closing channel\r\n")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.socket.close()
        self.thread.join(timeout=5)
