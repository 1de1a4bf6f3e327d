"""Locust scenario for the live dialogue seminar (issue 4). Run by bench/seminar_live.py,
which starts the server, creates the seminar and passes it in through the environment:

- BENCH_JOIN_CODE, BENCH_SLUG: the seminar to join;
- BENCH_RUN: a short id that goes into every point text, so the points can be found;
- BENCH_SAMPLES: where to write every request's latency and the acknowledged points.

Each `Participant` does what a browser on the board does: join with the link and pick
a group (spread over all groups), open theme 1's board with its static files, poll
`board_updates` every two seconds with the marker of the last answer, and write a point
about once a minute. `Floor` asks `/healthz` a few times a second: a trivial view under
the same load, to read the other figures against.

Latencies are recorded here, unrounded (Locust's own statistics round to 10 ms above
100 ms, too coarse for a 150 ms target), and classified by what the answer was.
"""

import html
import itertools
import json
import os
import random
import re
import time
from http.cookiejar import DefaultCookiePolicy

from locust import FastHttpUser, constant_pacing, events, task

JOIN_CODE = os.environ.get("BENCH_JOIN_CODE", "")
SLUG = os.environ.get("BENCH_SLUG", "")
RUN = os.environ.get("BENCH_RUN", "run")
SAMPLES_FILE = os.environ.get("BENCH_SAMPLES", "")
#: How often the board polls (views/board.py POLL_SECONDS) and how often, on average,
#: one participant writes a point: 300 participants give about 5 points a second.
POLL_SECONDS = 2
POST_EVERY_SECONDS = 60

#: In production a TLS proxy sits in front of gunicorn and says so with this header
#: (SECURE_PROXY_SSL_HEADER); without it every request would be redirected to https.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

JOIN = "join: link (GET)"
JOIN_POST = "join: choose group (POST)"
BOARD = "board page (GET)"
STATIC = "static file, first load"
UPDATES = "board updates"
UPDATES_NONE = "board updates: 204 nothing new"
UPDATES_CHANGES = "board updates: 200 with changes"
UPDATES_RELOAD = "board updates: reload"
POST = "post point (htmx)"
FLOOR = "floor: /healthz"

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_GROUP_CHOICE = re.compile(r'<input[^>]*name="group"[^>]*value="(\d+)"')
_POLLER = re.compile(r'id="board-poll" hx-get="([^"]+)"')
_OWN_GROUP = re.compile(r'<input type="hidden" name="group" value="(\d+)">')
_QUESTION = re.compile(r'<input type="hidden" name="question" value="(\d+)">')
_STATIC = re.compile(r'(?:href|src)="(/static/[^"]+)"')

_numbers = itertools.count()
_record = {"requests": [], "acknowledged": [], "spawned_at": None, "started_at": time.time()}


class ThroughTheProxy(DefaultCookiePolicy):
    """Send the secure session and CSRF cookies, as the browser does over https: the
    TLS proxy of production is simulated by `PROXY_HEADERS`, the wire here is http."""

    def return_ok_secure(self, cookie, request):
        return True


@events.request.add_listener
def _on_request(request_type, name, response_time, response, exception, start_time, **kwargs):
    status = getattr(response, "status_code", 0) if response is not None else 0
    _record["requests"].append(
        (name, round(response_time, 3), status, repr(exception) if exception else "", start_time)
    )


@events.spawning_complete.add_listener
def _on_spawned(user_count, **kwargs):
    _record["spawned_at"] = time.time()


@events.test_stop.add_listener
def _on_stop(**kwargs):
    _record["stopped_at"] = time.time()
    if SAMPLES_FILE:
        with open(SAMPLES_FILE, "w") as out:
            json.dump(_record, out)


class Browser(FastHttpUser):
    abstract = True
    default_headers = PROXY_HEADERS
    # A join or a board page waiting for a busy server must show up as slow, not vanish.
    network_timeout = 60.0
    connection_timeout = 60.0

    def on_start(self):
        self.client.cookiejar.set_policy(ThroughTheProxy())
        self.origin = "https://" + self.host.split("://", 1)[1].rstrip("/")


class Participant(Browser):
    def on_start(self):
        super().on_start()
        self.number = next(_numbers)
        self.sequence = 0
        self.poll_url = None
        # Spread the first points over the first minute, as people start typing.
        self.next_post_at = time.monotonic() + random.uniform(0, POST_EVERY_SECONDS)
        self.phase = time.monotonic() + random.uniform(0, POLL_SECONDS)
        self.join()

    def wait_time(self):
        """Until the next poll: every POLL_SECONDS from the participant's own moment.

        Not Locust's `constant_pacing`: it counts from when Locust started the user, and
        Locust starts users in batches (`--spawn-rate 5` starts five at the same instant
        once a second), so every participant polled within the same 200 ms of each
        second: 150 polls at once, then nothing. A browser's poller runs from its own
        page load, and people open the board at any moment."""
        return POLL_SECONDS - ((time.monotonic() - self.phase) % POLL_SECONDS)

    # --- Joining ------------------------------------------------------------------------

    def join(self):
        url = f"/seminar/delta/{JOIN_CODE}/"
        with self.client.get(url, name=JOIN, catch_response=True) as response:
            groups = sorted(set(_GROUP_CHOICE.findall(response.text or "")), key=int)
            token = _CSRF.search(response.text or "")
            if response.status_code != 200 or not groups or not token:
                response.failure(f"join page without groups or form ({response.status_code})")
                return self.stop_after_failure()
        data = {
            "csrfmiddlewaretoken": token.group(1),
            # 300 participants over 40 groups: 7 or 8 in each.
            "group": groups[self.number % len(groups)],
            "name": f"Deltaker {self.number}",
            "municipality": "",
            "role": "",
            "group_role": "member",
        }
        headers = {"Origin": self.origin, "Referer": self.origin + url}
        with self.client.post(
            url,
            data=data,
            headers=headers,
            name=JOIN_POST,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            board_url = response.headers.get("Location", "")
            if response.status_code != 302 or "/tavle/" not in board_url:
                response.failure(f"join not accepted ({response.status_code})")
                return self.stop_after_failure()
            response.success()
        self.board_url = board_url
        self.open_board(first=True)

    def stop_after_failure(self):
        # A participant who could not join is counted as an error and sits out the run
        # (a real one would try again, but a retry loop would hide the error rate).
        self.poll_url = None

    def open_board(self, *, first=False):
        with self.client.get(self.board_url, name=BOARD, catch_response=True) as response:
            page = response.text or ""
            poller = _POLLER.search(page)
            own_group = _OWN_GROUP.search(page)
            token = _CSRF.search(page)
            questions = _QUESTION.findall(page)
            if response.status_code != 200 or not (poller and own_group and token and questions):
                response.failure(f"board page without poller or form ({response.status_code})")
                self.poll_url = None
                return
        self.poll_url = html.unescape(poller.group(1))
        self.own_group_id = own_group.group(1)
        self.questions = questions
        self.csrf_token = token.group(1)
        if first:
            # A browser's first visit loads the styles and htmx; later the cache has them.
            for path in sorted(set(_STATIC.findall(page))):
                self.client.get(html.unescape(path), name=STATIC)

    # --- Keeping the board live and writing ---------------------------------------------

    @task
    def keep_board_live(self):
        if self.poll_url is None:
            return
        self.poll()
        if time.monotonic() >= self.next_post_at:
            self.next_post_at = time.monotonic() + random.uniform(
                POST_EVERY_SECONDS / 2, POST_EVERY_SECONDS * 3 / 2
            )
            self.post_point()

    def htmx_headers(self, target):
        return {
            "HX-Request": "true",
            "HX-Current-URL": self.origin + self.board_url,
            "HX-Target": target,
            "Origin": self.origin,
            "Referer": self.origin + self.board_url,
        }

    def poll(self):
        with self.client.get(
            self.poll_url,
            headers=self.htmx_headers("board-poll"),
            name=UPDATES,
            catch_response=True,
        ) as response:
            if response.status_code == 204:
                response.request_meta["name"] = UPDATES_NONE
                return
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return
            if response.headers.get("HX-Refresh") == "true":
                response.request_meta["name"] = UPDATES_RELOAD
                reload = True
            else:
                response.request_meta["name"] = UPDATES_CHANGES
                poller = _POLLER.search(response.text or "")
                if poller is None:
                    response.failure("answer without a new poller")
                    return
                self.poll_url = html.unescape(poller.group(1))
                reload = False
        if reload:
            self.open_board()

    def post_point(self):
        self.sequence += 1
        marker = f"{RUN}-{self.number}-{self.sequence}"  # unique: found again afterwards
        text = f"Punkt {self.sequence} fra deltaker {self.number} [{marker}]"
        question = random.choice(self.questions)
        data = {
            "csrfmiddlewaretoken": self.csrf_token,
            "group": self.own_group_id,
            "question": question,
            "text": text,
        }
        with self.client.post(
            f"{self.board_url}punkter/",
            data=data,
            headers=self.htmx_headers(f"skriv-{question}"),
            name=POST,
            catch_response=True,
        ) as response:
            body = response.text or ""
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            elif "ds-validation-message" in body:
                response.failure("point refused by the form")
            else:
                # The answer is the own section with the new point in it: acknowledged.
                _record["acknowledged"].append(text)
                if html.escape(text) not in body:
                    response.failure("acknowledged, but the answer does not show the point")


class Floor(Browser):
    """A trivial view (one `SELECT 1`) on the same server, asked at a steady low rate."""

    fixed_count = 2
    wait_time = constant_pacing(0.5)

    @task
    def healthz(self):
        self.client.get("/healthz", name=FLOOR)
