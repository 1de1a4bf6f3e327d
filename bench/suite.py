"""`make bench`: Samspill at national scale (issue 11). It measures and reports; it never
fails on a slow figure.

    .venv/bin/python bench/suite.py [--databases sqlite,postgresql] [--scale 1]
        [--single-seconds 60] [--concurrent-seconds 60] [--seminar-minutes 2]

For each database (SQLite in a temporary directory, then a throwaway PostgreSQL 15 it
starts with initdb and always stops, as bench/seminar_live.py does):

1. production settings (DEBUG off, collectstatic with the manifest storage, WhiteNoise),
   `migrate`, `load_demo --allow-production`;
2. database queries per request of the twelve pages on the demo's small data
   (Django's test client, CaptureQueriesContext, the second request of each);
3. the national data set (bench/national.py) on top, and the query counts again;
4. gunicorn with 3 sync workers behind nginx (docs/drift.md; without nginx when it is
   not installed) and Locust headless on the same machine (bench/locustfile_pages.py):
   the pages in turn by 1 user without pause, then by 20 concurrent users who pause
   0.5–1.5 s between pages; p50/p95/p99 per page, with the floor (/healthz) asked in the
   same rotation; then the throughput of the floor and of the board's updates, 8 users
   without pause, each alone;
5. the jobs, each in its own process for its peak memory: Padlet import of seed 002,
   the topic analysis of seed 002, the synthesis engine on 10 000 points, the board
   report, a programme contract and a seminar summary (DOCX and PDF, first and second);
6. the live seminar: bench/seminar_live.py for --seminar-minutes on the same database
   kind (its own fresh database; 300 participants in 40 groups).

Writes bench/results/bench-<time>.json and prints the table for bench/README.md, with
the figures of the previous bench-*.json next to them so a slowdown shows.
"""

import argparse
import datetime
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import seminar_live  # noqa: E402
from bench.seminar_live import (  # noqa: E402
    DATABASES,
    ProcessWatch,
    free_port,
    gunicorn_command,
    manage,
    nginx_command,
    server_environment,
    stop_processes,
    summarise,
    wait_for_server,
)

BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
LOCUSTFILE = ROOT / "bench" / "locustfile_pages.py"
FLOOR = "floor: /healthz"
UPDATES_FULL = "board updates: whole board"
UPDATES_QUIET = "board updates: nothing new (204)"

#: Issue 11's targets.
TARGETS = {
    "page_p95_1_user_ms": 200,
    "page_p95_20_users_ms": 500,
    "seminar_updates_p99_ms": 150,
    "seminar_post_p99_ms": 250,
    "updates_share_of_floor": 0.40,
    "import_002_s": 2,
    "synthesis_002_s": 10,
    "synthesis_10000_s": 60,
    "synthesis_10000_mib": 1536,
    "document_s": 3,
}


# --- Inside the server's environment ------------------------------------------------------


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _user(email):
    from samspill.accounts.models import User

    return User.objects.get(email=email)


def page_list():
    """The twelve pages of issue 11 (the start page once per role), on the national data
    when it is there, else on the demo's."""
    from bench.national import PREFIX
    from samspill.agreements.models import Agreement
    from samspill.grants.models import Round
    from samspill.programmes.models import Programme
    from samspill.seminars.models import Analysis

    national = Programme.objects.filter(slug__startswith=PREFIX).exists()

    def pick(queryset, field="slug"):
        lookup = {f"{field}__startswith": PREFIX}
        chosen = queryset.filter(**lookup) if national else queryset.exclude(**lookup)
        return chosen.order_by("pk").first()

    programme = pick(Programme.objects.all())
    participation = programme.participations.order_by("municipality__number").first()
    seminar = pick(Analysis.objects.select_related("seminar"), "seminar__slug").seminar
    agreement = pick(Agreement.objects.all())
    round_ = pick(Round.objects.select_related("call"), "call__slug")
    jury = f"{PREFIX}.jury1@samspill.test" if national else "jury@samspill.test"
    adviser, leader = "veileder@samspill.test", "leder@samspill.test"
    pages = [
        ("start page: adviser", "/", adviser),
        ("start page: leader", "/", leader),
        ("start page: board member", "/", "styre@samspill.test"),
        ("start page: coordinator", "/", "koordinator.sogndal@samspill.test"),
        ("start page: partner contact", "/", "partner@samspill.test"),
        ("start page: jury member", "/", jury),
        ("municipality page", f"/medlemmer/kommuner/{participation.municipality.number}/", adviser),
        ("programme overview", f"/program/{programme.slug}/", adviser),
        ("seminar board", f"/seminar/{seminar.slug}/tavle/1/", adviser),
        ("topics page", f"/seminar/{seminar.slug}/temaer/", adviser),
        ("agreement page", f"/avtaler/{agreement.slug}/", adviser),
        ("decision list", "/strategi/saker/", leader),
        ("statistics: national view", "/statistikk/", leader),
        ("statistics: price study", "/statistikk/prisstudie/", leader),
        ("calendar", "/kalender/", adviser),
        ("search", "/sok/?q=kulturskolen+samarbeid", adviser),
    ]
    if round_ is not None:
        pages.insert(
            -2, ("nomination ranking", f"/tilskudd/utlysning/{round_.call.slug}/runder/1/", adviser)
        )
    number = participation.municipality.number
    documents = {
        "contract": f"/program/{programme.slug}/kommuner/{number}/kontrakt",
        "summary": f"/seminar/{seminar.slug}/temaer/sammendrag",
        "board report": "/strategi/rapporter/hovedstyret",
    }
    return national, pages, documents, seminar


def command_pages(args):
    """Query counts and sizes of every page (the second request: the first fills the
    caches of a fresh process), and session cookies for Locust."""
    _django()
    import re

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    national, pages, documents, seminar = page_list()
    clients = {}
    out = []
    for name, url, email in pages:
        if email not in clients:
            clients[email] = Client()
            clients[email].force_login(_user(email))
        client = clients[email]
        client.get(url, secure=True)
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url, secure=True)
            ms = (time.perf_counter() - start) * 1000
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
        out.append(
            {
                "name": name,
                "url": url,
                "status": response.status_code,
                "queries": len(captured),
                "kb": round(len(response.content) / 1024),
                "test_client_ms": round(ms, 1),
                "cookie": cookie,
            }
        )
    # The board's poll, as a browser on the board sends it: with the marker of the page
    # (nothing new since: 204) and without one (the whole board region).
    adviser = clients["veileder@samspill.test"]
    board = adviser.get(f"/seminar/{seminar.slug}/tavle/1/", secure=True).content.decode()
    poll = re.search(r'id="board-poll" hx-get="([^"]+)"', board).group(1).replace("&amp;", "&")
    updates = poll.split("?")[0]
    # As the organiser: the board answers a stranger without a participant's session 404.
    organiser = next(p["cookie"] for p in out if p["name"] == "seminar board")
    extra = [
        {
            "name": UPDATES_FULL,
            "url": updates,
            "htmx": True,
            "rotation": False,
            "cookie": organiser,
        },
        {
            "name": UPDATES_QUIET,
            "url": poll,
            "htmx": True,
            "status": 204,
            "rotation": False,
            "cookie": organiser,
        },
        {"name": FLOOR, "url": "/healthz"},
    ]
    print(
        json.dumps(
            {"national": national, "pages": out + extra, "documents": documents},
            ensure_ascii=False,
        )
    )


def command_build(args):
    _django()
    from bench.national import build

    result = build(args.scale, log=lambda line: print(line, file=sys.stderr, flush=True))
    print(json.dumps(result, ensure_ascii=False))


def _peak_mib():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def command_job(args):
    """One job in this process: seconds and the process's peak memory (RSS)."""
    _django()
    detail = {}
    if args.name in {"padlet import (seed 002)", "topic analysis (seed 002)"}:
        from samspill.seminars import padlet, services, topics
        from samspill.seminars.importing import seminar_import_board
        from samspill.seminars.models import Analysis

        text = (ROOT / "demo" / "seeds" / "002_dialogseminar_2023_padlet.txt").read_text("utf-8")
        seminar = services.seminar_create(
            title=f"Import {time.time()}", starts_on=datetime.date(2023, 2, 1)
        )
        start = time.perf_counter()
        seminar_import_board(seminar=seminar, board=padlet.parse_text(text))
        seconds = time.perf_counter() - start
        detail["points"] = seminar.themes.values("points").count()
        if args.name.startswith("topic analysis"):
            start = time.perf_counter()
            analysis = topics.analysis_run(Analysis.objects.create(seminar=seminar))
            seconds = time.perf_counter() - start
            detail["points"], detail["topics"] = analysis.point_count, analysis.topic_count
    elif args.name == "synthesis engine (10 000 points)":
        from bench.synthesis import large_set
        from samspill.seminars import padlet
        from samspill.seminars.synthesis.board import boilerplate_from_board, items_from_board
        from samspill.seminars.synthesis.topics import find_topics

        board = padlet.parse_text(
            (ROOT / "demo" / "seeds" / "002_dialogseminar_2023_padlet.txt").read_text("utf-8")
        )
        large = large_set(items_from_board(board))
        start = time.perf_counter()
        found = find_topics(large, boilerplate=boilerplate_from_board(board))
        seconds = time.perf_counter() - start
        detail["points"], detail["topics"] = len(large), len(found)
    else:  # a document, through the view as a user asks for it: first and second time
        from django.test import Client

        import config.wsgi  # noqa: F401  the process starts as a gunicorn worker does

        kind, extension = args.name.rsplit(" ", 1)
        _national, _pages, documents, _seminar = page_list()
        email = "leder@samspill.test" if kind == "board report" else "veileder@samspill.test"
        client = Client()
        client.force_login(_user(email))
        url = f"{documents[kind]}.{extension}"
        times = []
        for _ in range(2):
            start = time.perf_counter()
            response = client.get(url, secure=True)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        seconds = times[0]
        detail.update(url=url, second_s=round(times[1], 2), kb=round(len(response.content) / 1024))
    print(json.dumps({"seconds": round(seconds, 2), "peak_mib": _peak_mib(), **detail}))


JOBS = [
    "padlet import (seed 002)",
    "topic analysis (seed 002)",
    "synthesis engine (10 000 points)",
    "board report docx",
    "board report pdf",
    "contract docx",
    "contract pdf",
    "summary docx",
    "summary pdf",
]


# --- One database -------------------------------------------------------------------------


def inside(env, *args):
    done = subprocess.run(
        [sys.executable, __file__, "inside", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def locust(workdir, env, port, pages_file, *, name, users, seconds, wait, only=""):
    samples = workdir / f"samples-{name}.json"
    locust_env = dict(
        env, BENCH_PAGES=str(pages_file), BENCH_SAMPLES=str(samples), BENCH_WAIT=wait,
        BENCH_ONLY=only,
    )  # fmt: skip
    command = [
        str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--only-summary",
        "--host", f"http://127.0.0.1:{port}", "--users", str(users),
        "--spawn-rate", str(users), "--run-time", f"{seconds}s", "--stop-timeout", "10",
        "--exit-code-on-error", "0", "--loglevel", "WARNING",
    ]  # fmt: skip
    with open(workdir / f"locust-{name}.log", "w") as log:
        subprocess.run(command, cwd=ROOT, env=locust_env, stdout=log, stderr=subprocess.STDOUT)
    record = json.loads(samples.read_text())
    duration = record["stopped_at"] - record["started_at"]
    summary = summarise(record, None)
    for row in summary.values():
        row["per_s"] = round(row["count"] / duration, 1)
    return {"users": users, "seconds": round(duration, 1), "wait": wait, "pages": summary}


def run_database(database, args, run_id, static_root):
    print(f"\n=== {database} ===", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix=f"samspill-bench-{database}-"))
    result = {"database": database}
    server = proxy = None
    started = time.perf_counter()
    try:
        with DATABASES[database](workdir) as database_url:
            port = free_port()
            env = server_environment(workdir, database_url, port)
            env.update(ALLOWED_HOSTS="127.0.0.1,testserver", STATIC_ROOT=str(static_root))
            step = time.perf_counter()
            manage(env, "migrate", "--noinput", "--verbosity", "0")
            manage(env, "load_demo", "--allow-production")
            result["setup_s"] = round(time.perf_counter() - step, 1)

            demo = inside(env, "pages")
            step = time.perf_counter()
            result["national"] = inside(env, "build", "--scale", str(args.scale))
            result["national"]["wall_s"] = round(time.perf_counter() - step, 1)
            print(f"national data set: {result['national']['wall_s']} s", flush=True)
            national = inside(env, "pages")
            demo_counts = {p["name"]: p["queries"] for p in demo["pages"] if "queries" in p}
            result["queries"] = {
                page["name"]: {
                    "demo": demo_counts.get(page["name"]),
                    "national": page["queries"],
                    "status": page["status"],
                    "kb": page["kb"],
                    "url": page["url"],
                }
                for page in national["pages"]
                if "queries" in page
            }  # fmt: skip
            pages_file = workdir / "pages.json"
            rotation = [p for p in national["pages"] if p.get("rotation", True)]
            pages_file.write_text(
                json.dumps(rotation + [p for p in national["pages"] if not p.get("rotation", True)])
            )
            rotation_file = workdir / "rotation.json"
            rotation_file.write_text(json.dumps(rotation))

            backend = free_port() if args.proxy == "nginx" else port
            args.workers, args.worker_class = 3, "sync"
            command = gunicorn_command(backend, args)
            with open(workdir / "gunicorn.log", "w") as server_log:
                server = subprocess.Popen(
                    command, cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT
                )
            if args.proxy == "nginx":
                proxy = subprocess.Popen(nginx_command(workdir, port, backend))
            wait_for_server(port)
            watch = ProcessWatch(server.pid)
            watch.start()
            result["server"] = " ".join(command[1:]) + (" behind nginx" if proxy else "")
            phases = {}
            print(f"1 user, {args.single_seconds} s", flush=True)
            phases["1 user"] = locust(
                workdir, env, port, rotation_file, name="single", users=1,
                seconds=args.single_seconds, wait="0",
            )  # fmt: skip
            print(f"20 users, {args.concurrent_seconds} s", flush=True)
            phases["20 users"] = locust(
                workdir, env, port, rotation_file, name="concurrent", users=20,
                seconds=args.concurrent_seconds, wait="0.5,1.5",
            )  # fmt: skip
            for only in (FLOOR, UPDATES_FULL, UPDATES_QUIET):
                print(f"throughput: {only}, {args.throughput_seconds} s", flush=True)
                phases[f"throughput: {only}"] = locust(
                    workdir, env, port, pages_file, name="throughput", users=8,
                    seconds=args.throughput_seconds, wait="0", only=only,
                )  # fmt: skip
            watch.stop()
            result["phases"] = phases
            result["machine"] = {
                "server_cpu_s": round(sum(watch.cpu.values()), 1),
                "machine_cpu_s": round(watch.machine_cpu, 1),
                "server_peak_rss_mb": round(watch.peak_total_rss / 2**20),
            }
            server.terminate()
            server.wait(timeout=30)
            server = None
            if proxy is not None:
                proxy.terminate()
                proxy.wait(timeout=30)
                proxy = None
            result["server_log"] = seminar_live.count_errors(workdir / "gunicorn.log")

            jobs = {}
            for name in JOBS:
                print(f"job: {name}", flush=True)
                try:
                    jobs[name] = inside(env, "job", name)
                except subprocess.CalledProcessError as error:
                    jobs[name] = {"error": str(error)}
            result["jobs"] = jobs
    finally:
        stop_processes(proxy, server)
        shutil.rmtree(workdir, ignore_errors=True)
    if args.seminar_minutes > 0:
        print(f"live seminar, {args.seminar_minutes} min", flush=True)
        before = set(RESULTS.glob(f"seminar-live-*-{database}.json"))
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "seminar_live.py"), "--minutes",
             str(args.seminar_minutes), "--databases", database],
            cwd=ROOT, check=False,
        )  # fmt: skip
        made = sorted(set(RESULTS.glob(f"seminar-live-*-{database}.json")) - before)
        if made:
            live = json.loads(made[-1].read_text())
            result["seminar"] = {"file": made[-1].name, **live}
    result["wall_s"] = round(time.perf_counter() - started, 1)
    return result


# --- Report -------------------------------------------------------------------------------


def previous_result(run_id, before=False):
    older = sorted(
        p
        for p in RESULTS.glob("bench-*.json")
        if p.stem != f"bench-{run_id}" and (not before or p.stem < f"bench-{run_id}")
    )
    return (json.loads(older[-1].read_text()), older[-1].name) if older else (None, None)


def figures(result):
    """(key, label, value, target, unit, floor) of one database's run, for the table."""
    rows = []
    phases = result.get("phases", {})
    for phase, target in (("1 user", TARGETS["page_p95_1_user_ms"]),
                          ("20 users", TARGETS["page_p95_20_users_ms"])):  # fmt: skip
        pages = phases.get(phase, {}).get("pages", {})
        floor = pages.get(FLOOR, {}).get("all", {})
        for name, row in pages.items():
            cells = row["all"]
            for p in ("p50", "p95", "p99"):
                rows.append(
                    {
                        "key": f"{phase}|{name}|{p}",
                        "label": f"{name} ({phase})",
                        "measure": p,
                        "value": cells[f"{p}_ms"],
                        "unit": "ms",
                        "target": target if p == "p95" and name != FLOOR else None,
                        "floor": floor.get(f"{p}_ms"),
                        "errors": row["errors"],
                        "count": row["count"],
                    }
                )
    throughput = {
        name: phases.get(f"throughput: {name}", {}).get("pages", {}).get(name, {}).get("per_s")
        for name in (FLOOR, UPDATES_FULL, UPDATES_QUIET)
    }
    for name in (UPDATES_FULL, UPDATES_QUIET, FLOOR):
        rows.append(
            {
                "key": f"throughput|{name}",
                "label": f"throughput: {name}",
                "measure": "req/s",
                "value": throughput[name],
                "unit": "/s",
                "target": None if name == FLOOR else "≥ 40 % of floor",
                "floor": throughput[FLOOR],
            }
        )
    seminar = result.get("seminar", {})
    endpoints = seminar.get("endpoints", {})
    floor = endpoints.get("floor: /healthz", {}).get("all", {})
    for name, target in (("board updates (all answers)", TARGETS["seminar_updates_p99_ms"]),
                         ("post point (htmx)", TARGETS["seminar_post_p99_ms"]),
                         ("floor: /healthz", None)):  # fmt: skip
        cells = endpoints.get(name, {}).get("all", {})
        for p in ("p50", "p99"):
            rows.append(
                {
                    "key": f"seminar|{name}|{p}",
                    "label": f"live seminar: {name}",
                    "measure": p,
                    "value": cells.get(f"{p}_ms"),
                    "unit": "ms",
                    "target": target if p == "p99" else None,
                    "floor": floor.get(f"{p}_ms"),
                    "errors": endpoints.get(name, {}).get("errors"),
                }
            )
    if seminar:
        points = seminar["points"]
        rows.append(
            {
                "key": "seminar|points",
                "label": "live seminar: points acknowledged / stored",
                "measure": "",
                "value": f"{points['acknowledged']} / {points['acknowledged_and_stored']}",
                "unit": "",
                "target": "all stored, 0 errors",
            }
        )
    job_targets = {
        "padlet import (seed 002)": TARGETS["import_002_s"],
        "topic analysis (seed 002)": TARGETS["synthesis_002_s"],
        "synthesis engine (10 000 points)": TARGETS["synthesis_10000_s"],
    }
    for name, job in result.get("jobs", {}).items():
        rows.append(
            {
                "key": f"job|{name}|s",
                "label": f"job: {name}",
                "measure": "first",
                "value": job.get("seconds"),
                "unit": "s",
                "target": job_targets.get(name, TARGETS["document_s"]),
            }
        )
        if "second_s" in job:  # a document: the second request of the same process
            rows.append(
                {
                    "key": f"job|{name}|second",
                    "label": f"job: {name}",
                    "measure": "second",
                    "value": job["second_s"],
                    "unit": "s",
                    "target": TARGETS["document_s"],
                }
            )
        rows.append(
            {
                "key": f"job|{name}|mib",
                "label": f"job: {name}",
                "measure": "peak RSS",
                "value": job.get("peak_mib"),
                "unit": "MiB",
                "target": TARGETS["synthesis_10000_mib"] if "10 000" in name else None,
            }
        )
    return rows


def _fmt(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}".replace(",", " ") if value >= 100 else f"{value:.1f}"
    return str(value)


def _verdict(row):
    target, value = row.get("target"), row.get("value")
    if not isinstance(target, (int, float)) or not isinstance(value, (int, float)):
        return ""
    return "met" if value < target else "**missed**"


def table(report, previous):
    lines = []
    for result in report["databases"]:
        database = result["database"]
        old = next(
            (r for r in (previous or {}).get("databases", []) if r["database"] == database), None
        )
        old_rows = {row["key"]: row for row in figures(old)} if old else {}
        lines.append(f"\n### {database}\n")
        lines.append("| figure | | value | target | × floor | previous | |")
        lines.append("|---|---|---:|---:|---:|---:|---|")
        for row in figures(result):
            ratio = ""
            if isinstance(row.get("value"), (int, float)) and row.get("floor"):
                ratio = f"{row['value'] / row['floor']:.1f}"
            target = row.get("target")
            target = (
                f"< {target} {row['unit']}" if isinstance(target, (int, float)) else (target or "")
            )
            if "throughput" in row["key"] and row.get("floor") and row.get("value"):
                ratio = f"{row['value'] / row['floor']:.0%}"
            lines.append(
                f"| {row['label']} | {row['measure']} | {_fmt(row.get('value'))} {row['unit']} "
                f"| {target} | {ratio} | {_fmt(old_rows.get(row['key'], {}).get('value'))} "
                f"| {_verdict(row)} |"
            )
        lines.append("\n| page | queries, demo | queries, national | status | KB |")
        lines.append("|---|---:|---:|---:|---:|")
        for name, q in result.get("queries", {}).items():
            lines.append(f"| {name} | {q['demo']} | {q['national']} | {q['status']} | {q['kb']} |")
    return "\n".join(lines)


def _ms(value):
    if value is None:
        return "–"
    return f"{value:,.0f}".replace(",", " ") if value >= 10 else f"{value:.1f}"


def compact_table(report, previous):
    """The README's table: one row per page, then throughput, the seminar and the jobs."""
    lines = []
    for result in report["databases"]:
        database = result["database"]
        old = next(
            (r for r in (previous or {}).get("databases", []) if r["database"] == database), None
        )
        phases = result.get("phases", {})
        old_phases = (old or {}).get("phases", {})
        one = phases.get("1 user", {}).get("pages", {})
        many = phases.get("20 users", {}).get("pages", {})
        floor1 = one.get(FLOOR, {}).get("all", {})
        floor20 = many.get(FLOOR, {}).get("all", {})
        lines.append(f"\n#### {database}\n")
        lines.append(
            "| page | queries demo → national | 1 user p50 / p95 / p99 ms | p95 × floor "
            "| 20 users p50 / p95 / p99 ms | p95 × floor | targets (200 / 500 ms) "
            "| previous p95 (1 / 20) |"
        )
        lines.append("|---|---:|---:|---:|---:|---:|---|---:|")
        for name, q in [*result.get("queries", {}).items(), (FLOOR, None)]:
            a = one.get(name, {}).get("all", {})
            b = many.get(name, {}).get("all", {})
            errors = one.get(name, {}).get("errors", 0) + many.get(name, {}).get("errors", 0)
            verdict = ""
            if name != FLOOR and a.get("p95_ms") is not None and b.get("p95_ms") is not None:
                verdict = " / ".join(
                    "met" if value < target else "**missed**"
                    for value, target in ((a["p95_ms"], 200), (b["p95_ms"], 500))
                )
            if errors:
                verdict += f", {errors} errors"
            old_a = old_phases.get("1 user", {}).get("pages", {}).get(name, {}).get("all", {})
            old_b = old_phases.get("20 users", {}).get("pages", {}).get(name, {}).get("all", {})
            before = f"{_ms(old_a.get('p95_ms'))} / {_ms(old_b.get('p95_ms'))}" if old_a else ""
            ratio1 = a.get("p95_ms") / floor1["p95_ms"] if a.get("p95_ms") and floor1 else None
            ratio20 = b.get("p95_ms") / floor20["p95_ms"] if b.get("p95_ms") and floor20 else None
            queries = f"{q['demo']} → {q['national']}" if q else ""
            lines.append(
                f"| {name} | {queries} | {_ms(a.get('p50_ms'))} / {_ms(a.get('p95_ms'))} / "
                f"{_ms(a.get('p99_ms'))} | {f'{ratio1:.0f}' if ratio1 else ''} | "
                f"{_ms(b.get('p50_ms'))} / {_ms(b.get('p95_ms'))} / {_ms(b.get('p99_ms'))} | "
                f"{f'{ratio20:.1f}' if ratio20 else ''} | {verdict} | {before} |"
            )
        for phase in ("1 user", "20 users"):
            pages = phases.get(phase, {}).get("pages", {})
            total = sum(row["count"] for row in pages.values())
            seconds = phases.get(phase, {}).get("seconds") or 1
            lines.append(f"\n{phase}: {total} requests in {seconds} s ({total / seconds:.1f}/s).")
        rate = {
            name: phases.get(f"throughput: {name}", {}).get("pages", {}).get(name, {})
            for name in (FLOOR, UPDATES_FULL, UPDATES_QUIET)
        }
        floor_rate = rate[FLOOR].get("per_s")
        parts = []
        for name in (UPDATES_FULL, UPDATES_QUIET):
            per_s = rate[name].get("per_s")
            share = f" = {per_s / floor_rate:.0%} of the floor" if per_s and floor_rate else ""
            parts.append(f"{name} {per_s}/s{share}")
        lines.append(
            f"Throughput, 8 users without pause: floor {floor_rate}/s; "
            + "; ".join(parts)
            + " (target ≥ 40 %)."
        )
        seminar = result.get("seminar")
        if seminar:
            endpoints = seminar["endpoints"]
            lines.append(
                f"\nLive seminar ({seminar['minutes']} min, {seminar['participants']} "
                f"participants, {seminar['requests_per_s']} requests/s, "
                f"`{seminar['file']}`):\n"
            )
            lines.append(
                "| endpoint | requests | errors | p50 ms | p95 ms | p99 ms | p99 × floor | target |"
            )
            lines.append("|---|---:|---:|---:|---:|---:|---:|---|")
            floor = endpoints.get("floor: /healthz", {}).get("all", {})
            for name, target in (
                ("board updates (all answers)", 150),
                ("post point (htmx)", 250),
                ("board page (GET)", None),
                ("floor: /healthz", None),
            ):
                row = endpoints.get(name)
                if not row:
                    continue
                cells = row["all"]
                ratio = cells["p99_ms"] / floor["p99_ms"] if floor.get("p99_ms") else None
                verdict = ""
                if target:
                    verdict = f"p99 < {target}: " + (
                        "met" if cells["p99_ms"] < target else "**missed**"
                    )
                lines.append(
                    f"| {name} | {row['count']} | {row['errors']} | {_ms(cells['p50_ms'])} | "
                    f"{_ms(cells['p95_ms'])} | {_ms(cells['p99_ms'])} | "
                    f"{f'{ratio:.1f}' if ratio else ''} | {verdict} |"
                )
            points = seminar["points"]
            lines.append(
                f"\nPoints: {points['acknowledged']} acknowledged, "
                f"{points['acknowledged_and_stored']} stored, {points['missing']} missing."
            )
        lines.append("\n| job | seconds (first / second) | peak RSS MiB | target | |")
        lines.append("|---|---:|---:|---|---|")
        targets = {
            "padlet import (seed 002)": (TARGETS["import_002_s"], None),
            "topic analysis (seed 002)": (TARGETS["synthesis_002_s"], None),
            "synthesis engine (10 000 points)": (
                TARGETS["synthesis_10000_s"],
                TARGETS["synthesis_10000_mib"],
            ),
        }
        for name, job in result.get("jobs", {}).items():
            if "error" in job:
                lines.append(f"| {name} | failed: {job['error']} | | | |")
                continue
            seconds, mib = targets.get(name, (TARGETS["document_s"], None))
            ok = job["seconds"] < seconds and (mib is None or job["peak_mib"] < mib)
            second = f" / {job['second_s']}" if "second_s" in job else ""
            target = f"< {seconds} s" + (f", < {mib} MiB" if mib else "")
            if ok:
                verdict = "met"
            elif second and job["second_s"] < seconds:
                verdict = "**missed** the first time, met the second"
            else:
                verdict = "**missed**"
            lines.append(
                f"| {name} | {job['seconds']}{second} | {job['peak_mib']} | {target} | {verdict} |"
            )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    inner = sub.add_parser("inside")
    inner.add_argument("what", choices=["pages", "build", "job"])
    inner.add_argument("name", nargs="?")
    inner.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--single-seconds", type=int, default=60)
    parser.add_argument("--concurrent-seconds", type=int, default=60)
    parser.add_argument("--throughput-seconds", type=int, default=10)
    parser.add_argument("--seminar-minutes", type=float, default=2)
    parser.add_argument(
        "--proxy", default="nginx" if shutil.which("nginx") else "none", choices=["nginx", "none"]
    )
    report_parser = sub.add_parser("report")
    report_parser.add_argument("file")
    args = parser.parse_args()
    if args.command == "report":
        path = Path(args.file)
        run_id = path.stem.removeprefix("bench-")
        previous, _name = previous_result(run_id, before=True)
        return print(compact_table(json.loads(path.read_text()), previous))
    if args.command == "inside":
        return {"pages": command_pages, "build": command_build, "job": command_job}[args.what](args)
    run_id = datetime.datetime.now().strftime("%Y%m%d-%H%M")
    started = time.perf_counter()
    static_root = Path(tempfile.mkdtemp(prefix="samspill-bench-static-"))
    env = server_environment(static_root, "sqlite:///:memory:", 8000)
    env["STATIC_ROOT"] = str(static_root)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    import platform

    import psutil

    report = {
        "run": run_id,
        "commit": seminar_live.git_commit(),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="minutes"),
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gib": round(psutil.virtual_memory().total / 2**30),
            "python": platform.python_version(),
            "load_average_at_start": [round(x, 1) for x in os.getloadavg()],
        },
        "args": {k: v for k, v in vars(args).items() if k not in {"command"}},
        "databases": [],
    }
    try:
        for database in args.databases.split(","):
            report["databases"].append(run_database(database.strip(), args, run_id, static_root))
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    report["machine"]["load_average_at_end"] = [round(x, 1) for x in os.getloadavg()]
    report["wall_s"] = round(time.perf_counter() - started, 1)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"bench-{run_id}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    previous, previous_name = previous_result(run_id)
    text = (
        compact_table(report, previous)
        + "\n\n<details><summary>Every figure</summary>\n"
        + table(report, previous)
        + "\n</details>"
    )
    header = (
        f"Run {run_id}, commit {report['commit']}, {report['machine']['cpus']} cores, "
        f"{report['machine']['memory_gib']} GiB, Python {report['machine']['python']}, scale "
        f"{args.scale}; {report['wall_s'] / 60:.1f} minutes in all. Previous: {previous_name}."
    )
    (RESULTS / f"bench-{run_id}.md").write_text(header + "\n" + text + "\n")
    print(header)
    print(text)
    print(f"\nwritten: {path.relative_to(ROOT)} and bench-{run_id}.md")


if __name__ == "__main__":
    main()
