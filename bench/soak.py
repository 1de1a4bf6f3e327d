"""The soak (issue 12): ten minutes of mixed load with no errors and no memory growth of
the workers. Measures and reports; not a test, not run by `make test` or CI.

    .venv/bin/python bench/soak.py [--minutes 10] [--databases sqlite] [--participants 150]
        [--staff 20]

For each database (as bench/seminar_live.py: SQLite in a temporary directory, or a
throwaway PostgreSQL 15) it sets production settings, loads the demo
(`load_demo --allow-production`), creates a live seminar of 20 groups, starts gunicorn
with 3 sync workers (behind nginx when installed, as docs/drift.md recommends), and runs
Locust headless (bench/locustfile_soak.py) with, all at once:

- participants joining the seminar, polling the board every 2 s and posting points;
- staff and coordinators of the demo logged in, each opening one of the everyday pages
  every 1–3 s (start page, registers, programmes, seminars, agreements, strategy,
  statistics, grants, calendar, search, privacy, the seminar's organiser pages);
- the floor (/healthz).

Every 15 s it records the memory (RSS) of each gunicorn worker. Afterwards: errors by
kind, every acknowledged point looked up in the database, and each worker's RSS in the
second minute against the last minute (the first minute fills caches and is left out).
Writes bench/results/soak-<time>-<database>.json.
"""

import argparse
import datetime
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.seminar_live import (  # noqa: E402
    BIN,
    DATABASES,
    ProcessWatch,
    count_errors,
    free_port,
    git_commit,
    gunicorn_command,
    manage,
    nginx_command,
    server_environment,
    stop_processes,
    summarise,
    wait_for_server,
)

RESULTS = ROOT / "bench" / "results"
LOCUSTFILE = ROOT / "bench" / "locustfile_soak.py"
SEMINAR_LIVE = ROOT / "bench" / "seminar_live.py"
SAMPLE_EVERY_S = 15


class MemoryTimeline(threading.Thread):
    """RSS of each gunicorn worker every SAMPLE_EVERY_S seconds: [(elapsed_s, {pid: MiB})]."""

    def __init__(self, server_pid):
        super().__init__(daemon=True)
        import psutil

        self.server = psutil.Process(server_pid)
        self.psutil = psutil
        self.samples = []
        self.started = time.monotonic()
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(SAMPLE_EVERY_S):
            workers = {}
            for worker in self.server.children():
                try:
                    workers[worker.pid] = round(worker.memory_info().rss / 2**20, 1)
                except self.psutil.Error:
                    continue
            self.samples.append((round(time.monotonic() - self.started), workers))

    def stop(self):
        self.stopping.set()
        self.join()

    def growth(self):
        """Per worker that lived through the run: median RSS in the second minute and
        in the last minute, and the difference."""
        if not self.samples:
            return {}
        end = self.samples[-1][0]
        rows = {}
        pids = set.intersection(*(set(w) for _t, w in self.samples))
        for pid in sorted(pids):
            early = [w[pid] for t, w in self.samples if 60 < t <= 120]
            late = [w[pid] for t, w in self.samples if t > end - 60]
            if early and late:
                first = round(statistics.median(early), 1)
                last = round(statistics.median(late), 1)
                rows[str(pid)] = {
                    "minute_2_mib": first,
                    "last_minute_mib": last,
                    "growth_mib": round(last - first, 1),
                }
        return rows


def inside(env, *args):
    """Run this script's helper commands in the server's environment."""
    done = subprocess.run(
        [sys.executable, __file__, *args],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def command_staff(args):
    """The demo's NKR staff and coordinators (their e-mails) and the organiser pages of the
    demo's February 2023 seminar."""
    sys.path.insert(0, str(ROOT))
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from samspill.accounts.models import Role, User
    from samspill.core.demo import DEMO_PASSWORD
    from samspill.seminars.models import Seminar

    staff = [
        [email, "coordinator" if role == Role.COORDINATOR else "nkr"]
        for email, role in User.objects.filter(
            is_active=True, role__in=[Role.ADVISER, Role.LEADER, Role.COORDINATOR]
        ).values_list("email", "role")
    ]
    seminar = Seminar.objects.filter(is_locked=True).order_by("starts_on").first()
    pages = [
        ("detail", seminar.get_absolute_url()),
        ("board (organiser)", f"/seminar/{seminar.slug}/tavle/1/"),
        ("topics", f"/seminar/{seminar.slug}/temaer/"),
        ("priorities", f"/seminar/{seminar.slug}/prioriteringer/"),
    ]
    print(json.dumps({"staff": staff, "seminar_pages": pages, "password": DEMO_PASSWORD}))


def run_database(database, args, run_id):
    print(f"\n=== soak, {database} ===", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix=f"samspill-soak-{database}-"))
    server = proxy = None
    try:
        with DATABASES[database](workdir) as database_url:
            port = free_port()
            env = server_environment(workdir, database_url, port)
            manage(env, "collectstatic", "--noinput", "--verbosity", "0")
            manage(env, "migrate", "--noinput", "--verbosity", "0")
            manage(env, "load_demo", "--allow-production")
            people = inside(env, "staff")
            staff = (people["staff"] * args.staff)[: args.staff]
            made = subprocess.run(
                [sys.executable, str(SEMINAR_LIVE), "setup", "--groups", "20"],
                cwd=ROOT, env=env, check=True, capture_output=True, text=True,
            )  # fmt: skip
            seminar = json.loads(made.stdout.strip().splitlines()[-1])

            backend = free_port() if shutil.which("nginx") else port
            command = gunicorn_command(
                backend, argparse.Namespace(workers=3, worker_class="sync", threads=1)
            )
            with open(workdir / "gunicorn.log", "w") as server_log:
                server = subprocess.Popen(
                    command, cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT
                )
            if backend != port:
                proxy = subprocess.Popen(nginx_command(workdir, port, backend))
            wait_for_server(port)
            watch = ProcessWatch(server.pid)
            watch.start()
            memory = MemoryTimeline(server.pid)
            memory.start()

            samples = workdir / "samples.json"
            locust_env = dict(
                env,
                BENCH_JOIN_CODE=seminar["join_code"],
                BENCH_SLUG=seminar["slug"],
                BENCH_RUN=f"soak-{run_id}-{database}",
                BENCH_SAMPLES=str(samples),
                BENCH_STAFF=json.dumps(staff),
                BENCH_PASSWORD=people["password"],
                BENCH_SEMINAR_PAGES=json.dumps(people["seminar_pages"]),
            )
            users = args.participants + len(staff) + 2  # + the floor's two
            print(f"locust: {args.participants} participants, {len(staff)} staff, "
                  f"2 floor users, {args.minutes} min", flush=True)  # fmt: skip
            with open(workdir / "locust.log", "w") as locust_log:
                locust = subprocess.Popen(
                    [str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--only-summary",
                     "--host", f"http://127.0.0.1:{port}", "--users", str(users),
                     "--spawn-rate", "5", "--run-time", f"{round(args.minutes * 60)}s",
                     "--stop-timeout", "10", "--exit-code-on-error", "0",
                     "--loglevel", "WARNING"],
                    cwd=ROOT / "bench", env=locust_env, stdout=locust_log,
                    stderr=subprocess.STDOUT,
                )  # fmt: skip
                watch.locust = watch.psutil.Process(locust.pid)
                locust.wait()
            memory.stop()
            watch.stop()
            server.terminate()
            server.wait(timeout=30)
            server = None

            record = json.loads(samples.read_text())
            points = json.loads(
                subprocess.run(
                    [sys.executable, str(SEMINAR_LIVE), "verify", "--samples", str(samples),
                     "--slug", seminar["slug"]],
                    cwd=ROOT, env=env, check=True, capture_output=True, text=True,
                ).stdout.strip().splitlines()[-1]
            )  # fmt: skip
            endpoints = summarise(record, record.get("spawned_at"))
            duration = record["stopped_at"] - record["started_at"]
            result = {
                "database": database,
                "run": run_id,
                "commit": git_commit(),
                "minutes": args.minutes,
                "participants": args.participants,
                "staff": len(staff),
                "server": " ".join(command[1:]) + (" behind nginx" if proxy else ""),
                "duration_s": round(duration, 1),
                "requests": len(record["requests"]),
                "requests_per_s": round(len(record["requests"]) / duration, 1),
                # "board updates (all answers)" repeats the two kinds of poll answer.
                "errors": sum(
                    row["errors"]
                    for name, row in endpoints.items()
                    if name != "board updates (all answers)"
                ),
                "endpoints": endpoints,
                "points": points,
                "worker_memory": memory.growth(),
                "memory_timeline": memory.samples,
                "workers_seen": len(watch.peak_rss) - 1,
                "server_errors_logged": count_errors(workdir / "gunicorn.log"),
                "other_cpu_s": round(
                    watch.machine_cpu
                    - sum(watch.cpu.values())
                    - watch.locust_cpu
                    - sum(watch.database_cpu.values()),
                    1,
                ),
            }
            RESULTS.mkdir(exist_ok=True)
            path = RESULTS / f"soak-{run_id}-{database}.json"
            path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
            report(result)
            print(f"written: {path.relative_to(ROOT)}", flush=True)
            return result
    finally:
        stop_processes(proxy, server)
        shutil.rmtree(workdir, ignore_errors=True)


def report(result):
    print(f"{result['requests']} requests in {result['duration_s']} s "
          f"({result['requests_per_s']}/s), errors: {result['errors']}, "
          f"server errors logged: {result['server_errors_logged']}")  # fmt: skip
    points = result["points"]
    print(f"points acknowledged {points['acknowledged']}, stored "
          f"{points['acknowledged_and_stored']}, missing {points['missing']}")  # fmt: skip
    for pid, row in result["worker_memory"].items():
        print(f"worker {pid}: {row['minute_2_mib']} MiB in minute 2, "
              f"{row['last_minute_mib']} MiB in the last minute "
              f"({row['growth_mib']:+} MiB)")  # fmt: skip
    for name, row in sorted(result["endpoints"].items()):
        print(f"  {name}: {row['count']} requests, {row['errors']} errors, "
              f"p50 {row['all']['p50_ms']} ms, p99 {row['all']['p99_ms']} ms")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", choices=["staff"])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--databases", default="sqlite")
    parser.add_argument("--participants", type=int, default=150)
    parser.add_argument("--staff", type=int, default=20)
    args = parser.parse_args()
    if args.command == "staff":
        return command_staff(args)
    run_id = datetime.datetime.now().strftime("%Y%m%d-%H%M")
    for database in args.databases.split(","):
        run_database(database.strip(), args, run_id)


if __name__ == "__main__":
    main()
