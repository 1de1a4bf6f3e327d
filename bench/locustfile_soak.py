"""Locust scenario of the soak (`bench/soak.py`, issue 12): the live seminar of
locustfile_seminar.py (participants writing and watching the board, the floor) and, at
the same time, NKR's staff and the municipalities' coordinators logged in and reading
the everyday pages. Every answer must be a 200.

Environment, besides locustfile_seminar's: BENCH_STAFF, a JSON list of [e-mail, "nkr" or
"coordinator"] that log in with BENCH_PASSWORD; BENCH_SEMINAR_PAGES, the seminar's
organiser pages (for NKR's staff only).
"""

import json
import os
import re

from locust import between, task

# The participants and the floor come from the seminar scenario; Locust runs every user
# class it finds in this module, imported ones too. The request recording is shared.
from locustfile_seminar import PROXY_HEADERS, Browser, Floor, Participant  # noqa: F401

STAFF = json.loads(os.environ.get("BENCH_STAFF", "[]"))
PASSWORD = os.environ.get("BENCH_PASSWORD", "")
SEMINAR_PAGES = json.loads(os.environ.get("BENCH_SEMINAR_PAGES", "[]"))
#: The pages people open every day (issue 11's list where the soak's data has them).
NKR_PAGES = [
    ("start page", "/"),
    ("municipality list", "/medlemmer/kommuner/"),
    ("municipality page", "/medlemmer/kommuner/4640/"),
    ("programmes", "/program/"),
    ("seminars", "/seminar/"),
    ("agreements", "/avtaler/"),
    ("strategy", "/strategi/"),
    ("statistics", "/statistikk/"),
    ("grants", "/tilskudd/"),
    ("calendar", "/kalender/"),
    ("search", "/sok/?q=kulturskole"),
    ("privacy", "/personvern/"),
]
#: A coordinator's: the areas open to municipalities (the others answer 403).
COORDINATOR_REFUSED = {"seminars", "agreements", "strategy"}
COORDINATOR_PAGES = [page for page in NKR_PAGES if page[0] not in COORDINATOR_REFUSED]
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_accounts = iter(range(10**6))


class Staff(Browser):
    """An adviser or coordinator at work: logs in once, then opens a page every 1–3 s."""

    fixed_count = len(STAFF)
    wait_time = between(1, 3)

    def on_start(self):
        super().on_start()
        self.email, kind = STAFF[next(_accounts) % len(STAFF)]
        if kind == "nkr":
            self.pages = NKR_PAGES + [(f"seminar: {name}", url) for name, url in SEMINAR_PAGES]
        else:
            self.pages = COORDINATOR_PAGES
        self.turn = 0
        form = self.client.get("/konto/logg-inn/", name="staff: login page")
        token = _CSRF.search(form.text or "")
        with self.client.post(
            "/konto/logg-inn/",
            data={
                "csrfmiddlewaretoken": token[1] if token else "",
                "username": self.email,
                "password": PASSWORD,
            },
            headers={"Referer": f"{self.origin}/konto/logg-inn/", **PROXY_HEADERS},
            name="staff: log in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused ({response.status_code})")

    @task
    def read_a_page(self):
        name, url = self.pages[self.turn % len(self.pages)]
        self.turn += 1
        with self.client.get(url, name=f"page: {name}", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
