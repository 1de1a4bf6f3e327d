"""Faults (issue 12), with real servers: PostgreSQL restarted under load, and the
application server killed with SIGKILL in the middle of a live seminar.

These tests start their own PostgreSQL and gunicorn in production settings, so they run
the same way in the SQLite and the PostgreSQL pass of `make test`."""

import threading
import time

import pytest
import requests
from django.urls import reverse

from .servers import (
    Gunicorn,
    ThrowawayPostgres,
    collect_static,
    get,
    manage,
    production_environment,
)


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("production") / "static"
    collect_static(root)
    return root


def _load(url, stop, statuses):
    """A steady stream of requests, as users keep clicking while the database restarts."""
    while not stop.is_set():
        statuses.append(get(url, timeout=15)[0])
        time.sleep(0.05)


def test_postgresql_restart_gives_503_meanwhile_and_recovers_by_itself(tmp_path, static_root):
    page = reverse("programmes:programme_public", args=["finnes-ikke"])
    with ThrowawayPostgres() as database:
        env = production_environment(tmp_path, database.url, static_root)
        manage(env, "migrate")
        with Gunicorn(env, tmp_path) as server:
            url = server.base + page
            assert get(url)[0] == 404  # the database answered: no such programme
            stop, statuses = threading.Event(), []
            load = threading.Thread(target=_load, args=(url, stop, statuses))
            load.start()
            try:
                time.sleep(0.5)
                database.stop()
                status, body, headers = get(url)
                assert status == 503
                assert "Samspill er midlertidig utilgjengelig" in body
                assert "Det du har lagret tidligere er ikke tapt" in body
                assert headers.get("Retry-After") == "30"
                assert get(server.base + "/healthz")[0] == 503
                time.sleep(1)
                database.start()
                deadline = time.monotonic() + 15
                while get(url)[0] != 404:
                    assert time.monotonic() < deadline, "did not recover by itself"
                    time.sleep(0.2)
                time.sleep(0.5)
            finally:
                stop.set()
                load.join()
            assert get(server.base + "/healthz")[0] == 200
    # Under the load, every answer was the page or the 503 page: no 500, no hang-up.
    assert set(statuses) <= {404, 503}, sorted(set(statuses))
    assert 503 in statuses and statuses[-1] == 404


# --- The application server killed mid-seminar --------------------------------------


class Writer(threading.Thread):
    """A participant who joins, then writes points as fast as the server answers, and
    keeps trying when the server is gone. Remembers every point the server acknowledged."""

    def __init__(self, base, join_code, number):
        super().__init__()
        self.base, self.join_code, self.number = base, join_code, number
        self.acknowledged, self.refused, self.stop = [], [], threading.Event()
        self.session = requests.Session()
        self.session.headers.update({"X-Forwarded-Proto": "https"})
        # The cookies are Secure, as in production behind TLS; this client speaks http.
        self.origin = base.replace("http://", "https://")  # what the browser sends behind TLS

    def _send_secure_cookies(self):
        # The cookies are Secure, as in production behind TLS; this client speaks http.
        for cookie in self.session.cookies:
            cookie.secure = False

    def enter(self):
        import re

        url = f"{self.base}/seminar/delta/{self.join_code}/"
        page = self.session.get(url, timeout=10)
        self._send_secure_cookies()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        group = re.findall(r'<input[^>]*name="group"[^>]*value="(\d+)"', page.text)[0]
        origin = self.origin
        answer = self.session.post(
            url,
            data={"csrfmiddlewaretoken": token, "group": group, "name": f"Skriver {self.number}",
                  "municipality": "", "role": "", "group_role": "member"},
            headers={"Origin": origin, "Referer": origin + "/"},
            allow_redirects=False, timeout=10,
        )  # fmt: skip
        assert answer.status_code == 302, (answer.status_code, answer.text[-800:])
        self._send_secure_cookies()
        board = self.session.get(self.base + answer.headers["Location"], timeout=10)
        self._send_secure_cookies()
        self.action = re.search(r'hx-post="([^"]+/punkter/[^"]*)"', board.text).group(1)
        self.question = re.search(r'name="question" value="(\d+)"', board.text).group(1)
        self.group = re.search(r'<input type="hidden" name="group" value="(\d+)">', board.text)
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', board.text).group(1)

    def run(self):
        sequence = 0
        while not self.stop.is_set():
            sequence += 1
            text = f"Punkt {self.number}-{sequence}"
            try:
                answer = self.session.post(
                    self.base + self.action,
                    data={"csrfmiddlewaretoken": self.token, "text": text,
                          "question": self.question, "group": self.group.group(1)},
                    headers={"HX-Request": "true", "Origin": self.origin,
                             "Referer": self.origin + "/"},
                    timeout=10,
                )  # fmt: skip
            except requests.RequestException:
                time.sleep(0.1)  # the server is down; try again, as htmx would
                continue
            self._send_secure_cookies()
            if answer.status_code == 200 and text in answer.text:
                self.acknowledged.append((time.monotonic(), text))
            else:
                self.refused.append((time.monotonic(), answer.status_code))


def test_points_acknowledged_before_a_sigkill_are_stored_and_writing_continues(
    tmp_path, static_root
):
    import json
    import sqlite3
    import subprocess
    import sys

    from .servers import ROOT

    database_file = tmp_path / "samspill.sqlite3"
    env = production_environment(tmp_path, f"sqlite:///{database_file}", static_root)
    manage(env, "migrate")
    made = subprocess.run(
        [sys.executable, "bench/seminar_live.py", "setup", "--groups", "4"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    join_code = json.loads(made.stdout.strip().splitlines()[-1])["join_code"]

    server = Gunicorn(env, tmp_path, workers=2).start()
    writers = [Writer(server.base, join_code, number) for number in range(4)]
    try:
        for writer in writers:
            writer.enter()
        for writer in writers:
            writer.start()
        time.sleep(2)
        server.kill()  # SIGKILL to the master and every worker, mid-request
        killed_at = time.monotonic()
        time.sleep(0.5)
        server.start()  # same port, same database; the participants' sessions hold
        time.sleep(2)
    finally:
        for writer in writers:
            writer.stop.set()
        for writer in writers:
            if writer.is_alive():
                writer.join()
        server.__exit__(None, None, None)

    acknowledged = [text for writer in writers for _at, text in writer.acknowledged]
    with sqlite3.connect(database_file) as db:
        stored = {text for (text,) in db.execute("SELECT text FROM seminars_point")}
    assert acknowledged, "nobody got a point acknowledged"
    assert [text for text in acknowledged if text not in stored] == []
    # No server error, before, during or after.
    assert [s for writer in writers for _at, s in writer.refused if s >= 500] == []
    # Every participant went on writing after the restart, without joining again.
    for writer in writers:
        assert any(at > killed_at for at, _text in writer.acknowledged), writer.number
