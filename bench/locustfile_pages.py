"""Locust scenario for the page latencies of `make bench` (issue 11). Run by
bench/suite.py, which starts the server and passes the pages in through the environment:

- BENCH_PAGES: a JSON file, a list of {"name", "url", "cookie"} (the session cookie of
  the role the page is read as; empty for the floor);
- BENCH_ONLY: when set, only the page of that name (the throughput runs);
- BENCH_WAIT: think time between two pages of one user, "min,max" seconds; "0" asks
  the next page as soon as the last answer came (the 1-user run);
- BENCH_SAMPLES: where to write every request's latency.

Each user goes round the pages in order, starting at a different one, so that every
page is asked about equally often and by several users at once. Every answer must be a
200; anything else counts as an error. Latencies are recorded unrounded, as in
locustfile_seminar.py.
"""

import itertools
import json
import os
import time

from locust import FastHttpUser, between, constant, events, task

PAGES = []
if os.environ.get("BENCH_PAGES"):
    with open(os.environ["BENCH_PAGES"]) as pages_file:
        PAGES = json.load(pages_file)
ONLY = os.environ.get("BENCH_ONLY", "")
if ONLY:
    PAGES = [page for page in PAGES if page["name"] == ONLY]
WAIT = os.environ.get("BENCH_WAIT", "0")
SAMPLES_FILE = os.environ.get("BENCH_SAMPLES", "")
#: The TLS proxy of production says https (SECURE_PROXY_SSL_HEADER); see seminar_live.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

_offsets = itertools.count()
_record = {"requests": [], "started_at": time.time()}


@events.request.add_listener
def _on_request(request_type, name, response_time, response, exception, start_time, **kwargs):
    status = getattr(response, "status_code", 0) if response is not None else 0
    _record["requests"].append(
        (name, round(response_time, 3), status, repr(exception) if exception else "", start_time)
    )


@events.test_stop.add_listener
def _on_stop(**kwargs):
    _record["stopped_at"] = time.time()
    if SAMPLES_FILE:
        with open(SAMPLES_FILE, "w") as out:
            json.dump(_record, out)


def _wait():
    if WAIT == "0":
        return constant(0)
    low, high = (float(x) for x in WAIT.split(","))
    return between(low, high)


class Reader(FastHttpUser):
    wait_time = _wait()
    network_timeout = 60.0
    connection_timeout = 60.0

    def on_start(self):
        offset = next(_offsets)
        self.pages = itertools.cycle(PAGES[offset % len(PAGES) :] + PAGES[: offset % len(PAGES)])

    @task
    def read(self):
        page = next(self.pages)
        headers = dict(PROXY_HEADERS)
        if page.get("cookie"):
            headers["Cookie"] = page["cookie"]
        if page.get("htmx"):
            headers["HX-Request"] = "true"
        with self.client.get(
            page["url"], name=page["name"], headers=headers, catch_response=True
        ) as response:
            if response.status_code != page.get("status", 200):
                response.failure(f"status {response.status_code}")
