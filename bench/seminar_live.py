"""The live dialogue seminar under load (issue 4), on the production server set-up.

    .venv/bin/python bench/seminar_live.py [--minutes 10] [--databases sqlite,postgresql]

For each database (SQLite in a temporary directory, then a throwaway PostgreSQL 15 this
script starts and always stops): DEBUG off, collectstatic with the manifest storage,
migrate, load_reference_data; a seminar made through the services (2 themes of 4
questions, 40 groups with places), gunicorn on 127.0.0.1 with the worker set-up of
docs/drift.md, and Locust headless on the same machine (bench/locustfile_seminar.py):
300 participants who join by the link, keep theme 1's board live and write a point about
once a minute each, and a floor that asks /healthz. Afterwards every acknowledged point is
looked up in the database. A JSON file per database goes to bench/results/ and a table is
printed. It measures and reports; it never fails on a slow figure.

`setup` and `verify` are internal subcommands, run with the server's environment.
"""

import argparse
import datetime
import json
import math
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PGBIN = Path("/usr/lib/postgresql/15/bin")
RESULTS = ROOT / "bench" / "results"
LOCUSTFILE = ROOT / "bench" / "locustfile_seminar.py"

#: The targets of issue 4, p99 in milliseconds.
TARGETS = {"board updates": 150, "post point": 250}

PLACES = ["Førde", "Bodø", "Tromsø", "Trondheim", "Bergen", "Kristiansand", "Hamar", "Digitalt"]
MUNICIPALITIES = {
    "Førde": "Sunnfjord, Sogndal, Luster",
    "Bodø": "Bodø, Vågan",
    "Tromsø": "Tromsø, Lyngen",
    "Trondheim": "Trondheim, Røros",
    "Bergen": "Bergen, Voss",
    "Kristiansand": "Kristiansand, Arendal",
    "Hamar": "Hamar, Elverum",
    "Digitalt": "",
}
QUESTIONS = [
    "På hvilke områder kan kulturskolen og skolen samarbeide?",
    "Hva skal til for at flere barn og unge tar del i kulturskolen?",
    "Hvordan kan kulturskolen samarbeide med det frivillige kulturlivet?",
    "Hva kan de tre nasjonale aktørene bidra med?",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- Databases ------------------------------------------------------------------------


@contextmanager
def sqlite_database(workdir):
    yield f"sqlite:///{workdir / 'samspill.sqlite3'}"


@contextmanager
def postgresql_database(workdir):
    """A throwaway PostgreSQL 15 server, like scripts/test.sh starts: initdb in a
    temporary directory, a free port, stopped and removed also when the run fails.
    Durability settings stay at their defaults (fsync on), as in production."""
    data = Path(tempfile.mkdtemp(prefix="samspill-bench-pg-"))
    sockets = Path(tempfile.mkdtemp(prefix="samspill-bench-pgsock-"))
    port = free_port()
    as_postgres = {}
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(data, "postgres", "postgres")
        shutil.chown(sockets, "postgres", "postgres")
        as_postgres = {"user": "postgres", "group": "postgres"}

    def pg(*args):
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd="/", **as_postgres)

    started = False
    try:
        pg(str(PGBIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
           "--locale=C.UTF-8")  # fmt: skip
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1"
        pg(str(PGBIN / "pg_ctl"), "-D", str(data), "-l", str(data / "server.log"), "-w",
           "-o", options, "start")  # fmt: skip
        started = True
        pg(str(PGBIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
           "samspill")  # fmt: skip
        yield f"postgres://postgres@127.0.0.1:{port}/samspill"
    finally:
        if started:
            subprocess.run(
                [str(PGBIN / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd="/",
                **as_postgres,
            )
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(sockets, ignore_errors=True)


DATABASES = {"sqlite": sqlite_database, "postgresql": postgresql_database}


# --- The server -----------------------------------------------------------------------


def server_environment(workdir, database_url, port):
    """Production settings (.env.example, docs/drift.md): DEBUG off, a secret key, the
    host, manifest static files in their own STATIC_ROOT. HTTPS redirect, HSTS and
    secure cookies stay on; the clients come "through the proxy" (X-Forwarded-Proto)."""
    env = dict(os.environ)
    for name in ("DJANGO_SETTINGS_MODULE", "DEBUG", "DATABASE_URL"):
        env.pop(name, None)
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"https://127.0.0.1:{port}",
        DATABASE_URL=database_url,
        SAMSPILL_VAR_DIR=str(workdir / "var"),
        STATIC_ROOT=str(workdir / "static"),
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def gunicorn_command(port, args):
    command = [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", str(args.workers), "--worker-class", args.worker_class]  # fmt: skip
    if args.worker_class == "gthread":
        command += ["--threads", str(args.threads)]
    return command


NGINX_CONF = """\
daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
{user}
events {{ worker_connections 2048; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    keepalive_timeout 65;
    upstream samspill {{ server 127.0.0.1:{backend}; }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 20m;
        location / {{
            proxy_pass http://samspill;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            # The clients send what the TLS terminator in front would.
            proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;
            proxy_redirect off;
        }}
    }}
}}
"""


def nginx_command(workdir, port, backend):
    """nginx in front of gunicorn, as gunicorn's documentation and docs/drift.md
    recommend: it keeps the browsers' connections, so that a sync worker hands its
    answer to nginx and is free at once, instead of waiting for a slow client."""
    conf = workdir / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""
    conf.write_text(NGINX_CONF.format(workdir=workdir, port=port, backend=backend, user=user))
    return [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf), "-p", str(workdir)]


def wait_for_server(port, timeout=60):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz")


class ProcessWatch(threading.Thread):
    """Samples the memory (RSS) of gunicorn's master and workers and the CPU time of the
    workers and of Locust, once a second, so the peaks and the CPU split are known."""

    def __init__(self, server_pid):
        super().__init__(daemon=True)
        import psutil

        self.psutil = psutil
        self.server = psutil.Process(server_pid)
        self.locust = None
        self.peak_rss = {}  # pid -> bytes
        self.peak_total_rss = 0
        self.cpu = {}  # pid -> (user + system) seconds, last seen
        self.locust_cpu = 0.0
        self.database_cpu = {}  # pid -> seconds, PostgreSQL's processes
        self.stopping = threading.Event()
        # The whole machine's busy time: another process on the same two cores (a test
        # run, say) takes CPU from the server and shows up here, not in our processes.
        self.machine_start = self.machine_busy()
        self.machine_cpu = 0.0

    def machine_busy(self):
        times = self.psutil.cpu_times()
        return sum(times) - times.idle - getattr(times, "iowait", 0)

    def run(self):
        while not self.stopping.is_set():
            self.sample()
            self.stopping.wait(1)

    def sample(self):
        total = 0
        try:
            processes = [self.server, *self.server.children()]
        except self.psutil.Error:
            return
        for process in processes:
            try:
                rss = process.memory_info().rss
                times = process.cpu_times()
            except self.psutil.Error:
                continue
            total += rss
            self.peak_rss[process.pid] = max(self.peak_rss.get(process.pid, 0), rss)
            if process.pid != self.server.pid:
                self.cpu[process.pid] = times.user + times.system
        self.peak_total_rss = max(self.peak_total_rss, total)
        for process in self.psutil.process_iter(["username"]):
            if process.info["username"] == "postgres":  # the throwaway PostgreSQL server
                try:
                    times = process.cpu_times()
                    self.database_cpu[process.pid] = times.user + times.system
                except self.psutil.Error:
                    pass
        if self.locust is not None:
            try:
                times = self.locust.cpu_times()
                self.locust_cpu = times.user + times.system
            except self.psutil.Error:
                pass

    def stop(self):
        self.sample()
        self.machine_cpu = self.machine_busy() - self.machine_start
        self.stopping.set()
        self.join()


# --- Inside the server's environment: the seminar and the check ------------------------


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def command_setup(args):
    """A seminar open for writing, made as an organiser would: through the services."""
    _django()
    from samspill.seminars import services
    from samspill.seminars.models import Question, Theme

    seminar = services.seminar_create(
        title="Nasjonalt dialogseminar (ytelsestest)",
        starts_on=datetime.date.today(),
        places="\n".join(PLACES),
    )
    for number, title in [(1, "Kulturskolen i lokalsamfunnet"), (2, "Lokal samhandling")]:
        theme = Theme.objects.create(seminar=seminar, number=number, title=title)
        for question_number, text in enumerate(QUESTIONS, start=1):
            Question.objects.create(theme=theme, number=question_number, text=text)
    per_place = math.ceil(args.groups / len(PLACES))
    for index in range(args.groups):
        place = PLACES[index // per_place]
        services.group_create(
            seminar=seminar,
            name=f"{place} {index % per_place + 1}",
            place=place,
            municipalities_text=MUNICIPALITIES[place],
        )
    print(json.dumps({"join_code": seminar.join_code, "slug": seminar.slug}))


def command_verify(args):
    """Every point the server acknowledged, looked up by its text."""
    _django()
    from samspill.seminars.models import Point

    acknowledged = json.loads(Path(args.samples).read_text())["acknowledged"]
    stored = set(
        Point.objects.filter(theme__seminar__slug=args.slug).values_list("text", flat=True)
    )
    missing = [text for text in acknowledged if text not in stored]
    print(
        json.dumps(
            {
                "acknowledged": len(acknowledged),
                "acknowledged_and_stored": len(acknowledged) - len(missing),
                "missing": len(missing),
                "missing_examples": missing[:10],
                "points_in_database": len(stored),
                "duplicates_acknowledged": len(acknowledged) - len(set(acknowledged)),
            }
        )
    )


# --- One run ----------------------------------------------------------------------------


def percentile(ordered, fraction):
    """Nearest rank: the smallest sample with at least `fraction` of them at or below."""
    if not ordered:
        return None
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summarise(record, spawned_at):
    """Per request name: count, errors, p50/p95/p99/max in ms, over the whole run and
    over the steady part (after every user had joined)."""
    by_name = {}
    for name, ms, status, exception, start in record["requests"]:
        entry = by_name.setdefault(name, {"all": [], "steady": [], "errors": {}})
        entry["all"].append(ms)
        if spawned_at and start >= spawned_at:
            entry["steady"].append(ms)
        if exception:
            key = f"{status} {exception[:120]}"
            entry["errors"][key] = entry["errors"].get(key, 0) + 1
    # Both kinds of poll answer together: the figure the target is about.
    combined = {"all": [], "steady": [], "errors": {}}
    for name, entry in by_name.items():
        if name.startswith("board updates"):
            combined["all"] += entry["all"]
            combined["steady"] += entry["steady"]
            for key, count in entry["errors"].items():
                combined["errors"][key] = combined["errors"].get(key, 0) + count
    if combined["all"]:
        by_name["board updates (all answers)"] = combined
    summary = {}
    for name, entry in sorted(by_name.items()):
        row = {"count": len(entry["all"]), "errors": sum(entry["errors"].values())}
        for part in ("all", "steady"):
            ordered = sorted(entry[part])
            row[part] = {
                "p50_ms": percentile(ordered, 0.50),
                "p95_ms": percentile(ordered, 0.95),
                "p99_ms": percentile(ordered, 0.99),
                "max_ms": ordered[-1] if ordered else None,
                "count": len(ordered),
            }
        row["error_kinds"] = entry["errors"]
        summary[name] = row
    return summary


def run_database(database, args, run_id):
    print(f"\n=== {database} ===", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix=f"samspill-bench-{database}-"))
    server = proxy = None
    try:
        with DATABASES[database](workdir) as database_url:
            port = free_port()
            env = server_environment(workdir, database_url, port)
            manage(env, "collectstatic", "--noinput", "--verbosity", "0")
            manage(env, "migrate", "--noinput", "--verbosity", "0")
            manage(env, "load_reference_data")
            made = subprocess.run(
                [sys.executable, __file__, "setup", "--groups", str(args.groups)],
                cwd=ROOT, env=env, check=True, capture_output=True, text=True,
            )  # fmt: skip
            seminar = json.loads(made.stdout.strip().splitlines()[-1])
            print(f"seminar {seminar['slug']}, join code {seminar['join_code']}", flush=True)

            backend = free_port() if args.proxy == "nginx" else port
            command = gunicorn_command(backend, args)
            print(" ".join(command), flush=True)
            with open(workdir / "gunicorn.log", "w") as server_log:
                # gunicorn keeps its own handle on the log; ours can close at once.
                server = subprocess.Popen(
                    command, cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT
                )
            if args.proxy == "nginx":
                proxy = subprocess.Popen(nginx_command(workdir, port, backend))
                print(f"nginx on port {port} in front of gunicorn on {backend}", flush=True)
            wait_for_server(port)
            watch = ProcessWatch(server.pid)
            watch.start()

            samples = workdir / "samples.json"
            locust_env = dict(
                env,
                BENCH_JOIN_CODE=seminar["join_code"],
                BENCH_SLUG=seminar["slug"],
                BENCH_RUN=f"{run_id}-{database}",
                BENCH_SAMPLES=str(samples),
            )
            floor_users = 2  # Floor.fixed_count in the locustfile
            locust_command = [
                str(BIN / "locust"), "-f", str(LOCUSTFILE), "--headless", "--only-summary",
                "--host", f"http://127.0.0.1:{port}",
                "--users", str(args.users + floor_users),
                "--spawn-rate", str(args.spawn_rate),
                "--run-time", f"{round(args.minutes * 60)}s",
                # Let a participant finish the poll or post it is in, so that the end of
                # the run does not cut acknowledged points off.
                "--stop-timeout", "10",
                "--exit-code-on-error", "0",
                "--loglevel", "WARNING",
            ]  # fmt: skip
            print(f"locust: {args.users} participants + {floor_users} floor users, "
                  f"{args.spawn_rate}/s, {args.minutes} min", flush=True)  # fmt: skip
            with open(workdir / "locust.log", "w") as locust_log:
                locust = subprocess.Popen(
                    locust_command, cwd=ROOT, env=locust_env, stdout=locust_log,
                    stderr=subprocess.STDOUT,
                )  # fmt: skip
                watch.locust = watch.psutil.Process(locust.pid)
                locust.wait()
            watch.stop()
            server.terminate()
            server.wait(timeout=30)
            server = None

            record = json.loads(samples.read_text())
            checked = subprocess.run(
                [sys.executable, __file__, "verify", "--samples", str(samples),
                 "--slug", seminar["slug"]],
                cwd=ROOT, env=env, check=True, capture_output=True, text=True,
            )  # fmt: skip
            points = json.loads(checked.stdout.strip().splitlines()[-1])
            duration = record["stopped_at"] - record["started_at"]
            result = {
                "database": database,
                "run": run_id,
                "commit": git_commit(),
                "minutes": args.minutes,
                "participants": args.users,
                "groups": args.groups,
                "spawn_rate": args.spawn_rate,
                "server": " ".join(command[1:]),
                "proxy": args.proxy,
                "locust_version": locust_version(),
                "duration_s": round(duration, 1),
                "ramp_up_s": round(record["spawned_at"] - record["started_at"], 1)
                if record.get("spawned_at")
                else None,
                "requests": len(record["requests"]),
                "requests_per_s": round(len(record["requests"]) / duration, 1),
                "endpoints": summarise(record, record.get("spawned_at")),
                "points": points,
                "server_peak_rss_mb": round(watch.peak_total_rss / 2**20),
                "worker_peak_rss_mb": sorted(
                    round(v / 2**20) for pid, v in watch.peak_rss.items() if pid != watch.server.pid
                ),
                "server_cpu_s": round(sum(watch.cpu.values()), 1),
                "locust_cpu_s": round(watch.locust_cpu, 1),
                "database_cpu_s": round(sum(watch.database_cpu.values()), 1),
                "machine_cpu_s": round(watch.machine_cpu, 1),
                # Busy time of everything else on the machine while the run lasted.
                "other_cpu_s": round(
                    watch.machine_cpu
                    - sum(watch.cpu.values())
                    - watch.locust_cpu
                    - sum(watch.database_cpu.values()),
                    1,
                ),
                "server_errors_logged": count_errors(workdir / "gunicorn.log"),
            }
            RESULTS.mkdir(exist_ok=True)
            path = RESULTS / f"seminar-live-{run_id}-{database}.json"
            path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
            for log in ("gunicorn.log", "locust.log"):
                shutil.copy(workdir / log, RESULTS / f"seminar-live-{run_id}-{database}-{log}")
            print_table(result)
            print(f"written: {path.relative_to(ROOT)}", flush=True)
            return result
    finally:
        stop_processes(proxy, server)
        shutil.rmtree(workdir, ignore_errors=True)


def stop_processes(*processes):
    """Stop what a run started (nginx, gunicorn), also after a failure: politely, then
    by force after 30 s. `None` is a process that was never started."""
    for process in processes:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def count_errors(log):
    """Tracebacks and gunicorn's own complaints (worker timeouts) in the server log."""
    text = log.read_text(errors="replace")
    return {
        "tracebacks": text.count("Traceback"),
        "worker_timeouts": text.count("WORKER TIMEOUT"),
        "lines": len(text.splitlines()),
    }


def git_commit():
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip()


def locust_version():
    from importlib.metadata import version

    return version("locust")


def print_table(result):
    endpoints = result["endpoints"]
    floor = endpoints.get("floor: /healthz", {}).get("all", {})
    print(
        f"\n{result['database']}: {result['duration_s']} s, {result['requests']} requests "
        f"({result['requests_per_s']}/s), ramp-up {result['ramp_up_s']} s"
    )
    print(
        f"{'endpoint':34} {'count':>7} {'err':>5} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}"
        f" {'p50×fl':>7} {'p99×fl':>7}"
    )
    for name, row in endpoints.items():
        cells = row["all"]

        def ms(value):
            return f"{value:7.1f}" if value is not None else f"{'':>7}"

        def ratio(key, cells=cells):
            if cells[key] is None or not floor.get(key):
                return f"{'':>7}"
            return f"{cells[key] / floor[key]:7.1f}"

        print(
            f"{name:34} {row['count']:7d} {row['errors']:5d} {ms(cells['p50_ms'])} "
            f"{ms(cells['p95_ms'])} {ms(cells['p99_ms'])} {ms(cells['max_ms'])} "
            f"{ratio('p50_ms')} {ratio('p99_ms')}"
        )
    points = result["points"]
    print(
        f"points: {points['acknowledged']} acknowledged, {points['acknowledged_and_stored']} "
        f"stored, {points['missing']} missing ({points['points_in_database']} in the database)"
    )
    updates = endpoints.get("board updates (all answers)", {}).get("all", {})
    posts = endpoints.get("post point (htmx)", {}).get("all", {})
    for label, cells, target in [
        ("board updates", updates, TARGETS["board updates"]),
        ("post point", posts, TARGETS["post point"]),
    ]:
        p99 = cells.get("p99_ms")
        verdict = "met" if p99 is not None and p99 < target else "MISSED"
        print(f"target {label} p99 < {target} ms: {p99} ms, {verdict}")
    print(
        f"server: peak RSS {result['server_peak_rss_mb']} MB (workers "
        f"{result['worker_peak_rss_mb']} MB), CPU {result['server_cpu_s']} s; "
        f"PostgreSQL CPU {result['database_cpu_s']} s; "
        f"locust CPU {result['locust_cpu_s']} s; other processes {result['other_cpu_s']} s "
        f"(machine {result['machine_cpu_s']} s of {2 * result['duration_s']:.0f} s on 2 cores)"
    )
    print(f"server log: {result['server_errors_logged']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    setup = sub.add_parser("setup")
    setup.add_argument("--groups", type=int, default=40)
    verify = sub.add_parser("verify")
    verify.add_argument("--samples", required=True)
    verify.add_argument("--slug", required=True)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--groups", type=int, default=40)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--proxy",
        default="nginx" if shutil.which("nginx") else "none",
        choices=["nginx", "none"],
        help="nginx in front of gunicorn, as in production (default when installed)",
    )
    args = parser.parse_args()
    if args.command == "setup":
        return command_setup(args)
    if args.command == "verify":
        return command_verify(args)
    run_id = datetime.datetime.now().strftime("%Y%m%d-%H%M")
    for database in args.databases.split(","):
        run_database(database.strip(), args, run_id)


if __name__ == "__main__":
    main()
