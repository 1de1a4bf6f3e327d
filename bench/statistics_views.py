"""Benchmark of the statistics views (issue 8). Not a test: it measures and prints.

National view, county view and the price study over 357 municipalities × 20 school years
must each render in under 300 ms. This builds that data set (the demo's generator, every
municipality, school years 2005–2024, every field filled, Rammeplan adoptions for about
40 %) in a fresh SQLite database in a temporary directory (or DATABASE_URL if set), then
times each view with Django's test client as a leader and prints p50/p95/max and the
number of database queries.

Named statistics_views.py, not statistics.py: a file called statistics.py in bench/
would shadow Python's own `statistics` module for every script run from bench/ (run.py
imports it, and so does Django's SQLite backend).

    .venv/bin/python bench/statistics_views.py [--repeat 30]
"""

import argparse
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
    os.environ["SAMSPILL_VAR_DIR"] = tempfile.mkdtemp(prefix="samspill-bench-statistics-")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

YEARS = range(2005, 2025)
TARGET_MS = 300


def build():
    from samspill.members.models import Municipality
    from samspill.members.services import load_reference_data
    from samspill.statistics import demo
    from samspill.statistics.models import AnnualStatistics, FrameworkPlanAdoption

    call_command("migrate", verbosity=0)
    load_reference_data()
    AnnualStatistics.objects.all().delete()
    FrameworkPlanAdoption.objects.all().delete()
    municipalities = list(Municipality.objects.order_by("number"))
    start = time.perf_counter()
    rows = demo.generate(municipalities, YEARS, seed=513)
    AnnualStatistics.objects.bulk_create(rows, batch_size=1000)
    FrameworkPlanAdoption.objects.bulk_create(
        demo.adoptions(municipalities, seed=513, share=0.4, first_year=2017, last_year=2025)
    )
    seconds = time.perf_counter() - start
    return AnnualStatistics.objects.count(), seconds


def measure(client, url, repeat):
    samples, queries = [], None
    for index in range(repeat + 1):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        if index == 0:  # the first request warms templates and caches; reported apart
            first = elapsed
            queries = len(captured)
            continue
        samples.append(elapsed)
    samples.sort()
    return {
        "first": first,
        "p50": statistics.median(samples),
        "p95": samples[max(int(len(samples) * 0.95) - 1, 0)],
        "max": samples[-1],
        "queries": queries,
        "bytes": len(response.content),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    rows, seconds = build()
    from samspill.accounts.models import Role, User

    leader, _ = User.objects.get_or_create(
        email="bench-leder@samspill.test", defaults={"role": Role.LEADER}
    )
    client = Client()
    client.force_login(leader)
    pages = {
        "national view /statistikk/": "/statistikk/",
        "county view /statistikk/fylke/46/ (Vestland, 43)": "/statistikk/fylke/46/",
        "county view /statistikk/fylke/34/ (Innlandet, 46)": "/statistikk/fylke/34/",
        "price study /statistikk/prisstudie/": "/statistikk/prisstudie/",
    }
    print(
        f"database: {connection.vendor}; {rows} rows (357 municipalities × {len(YEARS)} "
        f"school years), generated and inserted in {seconds:.1f} s"
    )
    print(f"{'view':52} {'first':>7} {'p50':>7} {'p95':>7} {'max':>7} {'queries':>8} {'KB':>6}")
    worst = 0
    for name, url in pages.items():
        r = measure(client, url, args.repeat)
        worst = max(worst, r["p95"])
        print(
            f"{name:52} {r['first']:7.1f} {r['p50']:7.1f} {r['p95']:7.1f} {r['max']:7.1f} "
            f"{r['queries']:8d} {r['bytes'] / 1024:6.0f}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak_mb:.0f} MB")
    verdict = "under" if worst < TARGET_MS else "OVER"
    print(f"worst p95 {worst:.1f} ms: {verdict} the {TARGET_MS} ms target")


if __name__ == "__main__":
    main()
