"""Benchmarks for the foundation (`make bench`). Not tests: they measure and print.

Runs against a fresh SQLite database in a temporary directory (or DATABASE_URL if set):
- loading the 2024 register (15 counties, 357 municipalities), first and second time;
- the municipality list page (100 rows) and one municipality page, as a coordinator;
- the demo programme of seed 001 (7 participations, 19 schedule rows) as an adviser:
  overview, one municipality's page, schedule, iCal feed, contract PDF, plan DOCX and
  the invoice basis as XLSX;
- peak memory (RSS) of the process.
"""

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["SAMSPILL_VAR_DIR"] = tempfile.mkdtemp(prefix="samspill-bench-")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def timed(fn, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "median_ms": statistics.median(samples),
        "p95_ms": samples[int(len(samples) * 0.95) - 1],
        "max_ms": samples[-1],
    }


def main():
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from samspill.members.services import load_reference_data

    start = time.perf_counter()
    load_reference_data()
    first_load = (time.perf_counter() - start) * 1000
    again = timed(load_reference_data, 5)

    from samspill.accounts.models import Role, User
    from samspill.members.models import Municipality

    user, _ = User.objects.get_or_create(
        email="bench@samspill.test",
        defaults={
            "role": Role.COORDINATOR,
            "municipality": Municipality.objects.get(number="4640"),
        },
    )
    client = Client()
    client.force_login(user)

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    results = {
        "load_reference_data, empty database": {"median_ms": first_load},
        "load_reference_data, again (no changes)": again,
        "GET /medlemmer/kommuner/ (100 of 357)": timed(lambda: get("/medlemmer/kommuner/"), 50),
        "GET /medlemmer/kommuner/?q=tr (search)": timed(
            lambda: get("/medlemmer/kommuner/?q=tr"), 50
        ),
        "GET /medlemmer/kommuner/4640/": timed(lambda: get("/medlemmer/kommuner/4640/"), 50),
    }
    from samspill.core.demo import load_demo

    start = time.perf_counter()
    load_demo()
    results["load_demo (register, people, programme of seed 001)"] = {
        "median_ms": (time.perf_counter() - start) * 1000
    }
    adviser = User.objects.get(email="veileder@samspill.test")
    client.force_login(adviser)
    base = "/program/fremtidens-kulturskole-2024-2025/"
    pages = {
        "GET programme overview (problems first)": (base, 50),
        "GET one municipality in the programme": (base + "kommuner/4640/", 50),
        "GET schedule (19 rows)": (base + "tidsplan/", 50),
        "GET schedule as iCal": (base + "tidsplan.ics", 50),
        "GET contract as PDF (WeasyPrint)": (base + "kommuner/4640/kontrakt.pdf", 10),
        "GET development plan as DOCX": (base + "kommuner/4640/utviklingsplan.docx", 20),
        "GET invoice basis as XLSX": (base + "fakturagrunnlag.xlsx", 20),
    }
    for name, (url, repeat) in pages.items():
        results[name] = timed(lambda url=url: get(url), repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'measurement':45} {'median':>9} {'p95':>9} {'max':>9}")
    for name, r in results.items():
        cells = [
            f"{r[k]:8.1f}" if k in r else f"{'':>8}" for k in ("median_ms", "p95_ms", "max_ms")
        ]
        print(f"{name:45} " + " ".join(f"{c} " for c in cells))
    print(f"peak memory (RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
