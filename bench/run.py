"""`make bench`: how fast the portal's main pages answer on the national-scale data set, against a baseline.

Creates the benchmark database if it is missing, migrates it, loads the scale data set (`load_scale_data`) unless
it already holds that many applications, starts gunicorn with production settings on a free loopback port, then
measures each page in turn with the same load: a few client threads (http.client, 127.0.0.1 only), a bounded number
of requests and a bounded time per page. Logged-in pages use sessions written straight into the database.

Prints a Markdown table (docs/performance.md shows one) and the memory of each gunicorn worker. Exits non-zero only
on errors (a page that does not answer 200, gunicorn that does not start), never on a missed target.
Run with --help for the options.
"""

import argparse
import http.client
import math
import os
import platform
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
WORK_DIR = ROOT / "var" / "bench"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/intaj_bench"
MANAGER_EMAIL = "bench-manager@staff.scale.intaj.ae"
# A page may take this many times the baseline's p50 and p95; the dashboard, which counts everything, more.
PAGE_TARGET, DASHBOARD_TARGET = 4, 6
RSS_TARGET_MB = 200


@dataclass
class Page:
    name: str
    path: str
    target: float | None
    cookie: str = ""


@dataclass
class Result:
    page: Page
    latencies: list[float]
    failures: list[str]
    seconds: float

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        """Nearest rank, in milliseconds."""
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] * 1000 if ordered else math.nan


class BenchError(Exception):
    pass


# What every page is compared with: one row read with no template (the issue's baseline), and the same row shown in
# the portal's layout (what any page pays for the session, the header, the footer and its template).
BASELINES = ("baseline", "baseline-page")
NAMES = [
    "baseline",
    "baseline-page",
    "landing-en",
    "landing-ar",
    "family-list",
    "family-application",
    "admin-changelist",
    "admin-changelist-plain",
    "dashboard",
    "showcase",
    "showcase-search",
]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--applications", type=int, default=100_000, help="size of the scale data set (100,000)")
    parser.add_argument("--seed", type=int, default=2009, help="seed of the data set, when it is (re)loaded")
    parser.add_argument("--concurrency", type=int, default=2, help="client threads sending requests at once (2)")
    parser.add_argument("--requests", type=int, default=300, help="requests per page at most (300)")
    parser.add_argument("--seconds", type=float, default=30, help="seconds per page at most (30)")
    parser.add_argument("--warmup", type=int, default=20, help="requests per page before measuring (20)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2: one per core here)")
    parser.add_argument(
        "--only", help="comma-separated page names to measure (the baseline is always measured): " + ", ".join(NAMES)
    )
    return parser.parse_args()


# Setting up: the database, the data, the accounts. Django's modules are imported inside the functions, once
# `django_setup` has pointed the environment at the benchmark database.


def database_ensure(url: str) -> None:
    """Create the benchmark database if it is missing (trust authentication, as a local PostgreSQL allows)."""
    name = url.rsplit("/", 1)[1].split("?", 1)[0]
    connection = psycopg2.connect(url, dbname="postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Created database {name}.")
    finally:
        connection.close()


def base_environment(*, database_url: str, secret_key: str) -> dict[str, str]:
    """The caller's environment without its portal settings, pointed at the benchmark database."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "CACHE_URL", "BENCHMARK_"))
    }
    environment.update(DATABASE_URL=database_url, DJANGO_SECRET_KEY=secret_key, DJANGO_LOG_LEVEL="WARNING")
    return environment


def production_environment(environment: dict[str, str]) -> dict[str, str]:
    """The portal's production settings (DEBUG off, hashed static files) on the loopback, baselines turned on."""
    return {
        **environment,
        "DJANGO_ENV": "production",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(WORK_DIR / "static"),
        "BENCHMARK_BASELINE_VIEW": "true",
    }


def django_setup(environment: dict[str, str]) -> None:
    """This process runs Django in its development shape on the benchmark database: it migrates, loads the data
    and writes sessions; gunicorn, in its own processes, serves the production shape with the same secret key."""
    for key in set(os.environ) - set(environment):
        del os.environ[key]
    os.environ.update(environment, DJANGO_SETTINGS_MODULE="intaj_portal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def data_ensure(*, applications: int, seed: int) -> str:
    from django.core.management import call_command
    from django.db import DatabaseError, connection

    from demo.scale.write import scale_applications, scale_users

    call_command("migrate", interactive=False, verbosity=0)
    present = scale_applications().count()
    if present == applications:
        return f"{present} scale applications already loaded"
    print(f"Loading {applications} scale applications ({present} there now); this takes a minute or two.")
    started = time.monotonic()
    call_command(
        "load_scale_data", applications=applications, seed=seed, replace=scale_users().exists(), stdout=sys.stdout
    )
    elapsed = time.monotonic() - started
    # The load's writes go to disk now rather than while the pages are measured (superuser only: else skipped).
    with connection.cursor() as cursor:
        try:
            cursor.execute("CHECKPOINT")
        except DatabaseError as error:
            print(f"No checkpoint after the load ({error}); the first pages measured may be slowed by it.")
    return f"{applications} scale applications loaded in {elapsed:.0f} s"


def session_for(user) -> str:
    """A signed-in session written straight into the session store, as `login()` would: no password involved."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def pages_prepare(only: set[str] | None) -> tuple[list[Page], list[str], str]:
    """The pages to measure, the session keys written for them, and what the family measured has."""
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db.models import Count

    from demo.scale.write import scale_families
    from families.models import FamilyProfile, User
    from families.roles import MANAGERS
    from licenses.models import Status

    family = (
        FamilyProfile.objects.filter(scale_families())
        .annotate(count=Count("applications"))
        .order_by("-count", "pk")
        .select_related("user")
        .first()
    )
    applications = family.applications.order_by("-created_at", "-id")
    application = applications.filter(status=Status.ISSUED).first() or applications.first()
    manager, _created = User.objects.get_or_create(
        email=MANAGER_EMAIL, defaults={"is_staff": True, "password": make_password(None)}
    )
    manager.groups.add(Group.objects.get(name=MANAGERS))
    sessions = [session_for(family.user), session_for(manager)]
    cookie_name = settings.SESSION_COOKIE_NAME
    family_cookie, manager_cookie = (f"{cookie_name}={key}" for key in sessions)
    pages = [
        Page("baseline", "/en/bench/baseline/", None),
        Page("baseline-page", "/en/bench/baseline/page/", None),
        Page("landing-en", "/en/", PAGE_TARGET),
        Page("landing-ar", "/ar/", PAGE_TARGET),
        Page("family-list", "/en/applications/", PAGE_TARGET, family_cookie),
        Page("family-application", f"/en/applications/{application.pk}/", PAGE_TARGET, family_cookie),
        Page("admin-changelist", "/en/admin/licenses/application/", PAGE_TARGET, manager_cookie),
        # Django's plain changelist of the same table (demo/bench_admin.py): a peer to compare with, not a target.
        Page("admin-changelist-plain", "/en/bench/admin/licenses/application/", None, manager_cookie),
        Page("dashboard", "/en/staff/dashboard/", DASHBOARD_TARGET, manager_cookie),
        # The public showcase (10,000 entries of the scale set), as a visitor on a phone opens it and searches it.
        Page("showcase", "/ar/showcase/", PAGE_TARGET),
        Page("showcase-search", "/ar/showcase/?q=%D8%B9%D8%B7%D9%88%D8%B1", PAGE_TARGET),
    ]
    if only:
        pages = [page for page in pages if page.name in BASELINES or page.name in only]
    described = (
        f"family {family.user.email}: {family.count} applications, "
        f"application page of {application.reference} ({application.status})"
    )
    return pages, sessions, described


def sessions_delete(keys: list[str]) -> None:
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key__in=keys).delete()


def machine() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgresql = cursor.fetchone()[0]
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return (
        f"{os.cpu_count()} CPUs, {memory_kb / 1024 / 1024:.1f} GB RAM, PostgreSQL {postgresql}, "
        f"Python {platform.python_version()}"
    )


# gunicorn


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def static_collect(environment: dict[str, str]) -> None:
    """Production serves hashed static files through whitenoise: they are collected first, under var/bench/."""
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise BenchError(f"collectstatic failed:\n{result.stderr}")


def gunicorn_start(environment: dict[str, str], *, port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "intaj_portal.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--log-level=warning",
        "--timeout=120",
    ]
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited with status {server.returncode}; see {log}")
        try:
            if request(port, "/healthz", "")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(f"gunicorn did not answer /healthz within 60 s; see {log}")


def gunicorn_stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def worker_rss_mb(master_pid: int) -> dict[int, float]:
    """VmRSS of each of gunicorn's worker processes (the master's children), in MB."""
    workers = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:  # the process ended while being read
            continue
        if int(fields["PPid"]) == master_pid and "VmRSS" in fields:
            workers[int(fields["Pid"])] = int(fields["VmRSS"].split()[0]) / 1024
    return workers


# The load


def request(port: int, path: str, cookie: str, connection: http.client.HTTPConnection | None = None):
    """One GET; returns its status and its body."""
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    return response.status, response.read()


def load(page: Page, *, port: int, concurrency: int, requests: int, seconds: float) -> Result:
    """`concurrency` threads send GETs one after the other until `requests` are sent or `seconds` have passed.

    gunicorn's sync workers close the connection after each response, so each request opens a new one (on the
    loopback, a fraction of a millisecond, included in its latency like a browser's would be).
    """
    lock = threading.Lock()
    remaining = [requests]
    latencies, failures = [], []
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            while True:
                with lock:
                    if remaining[0] <= 0 or time.monotonic() >= deadline:
                        return
                    remaining[0] -= 1
                started = time.perf_counter()
                try:
                    status, _body = request(port, page.path, page.cookie, connection)
                except (OSError, http.client.HTTPException) as error:
                    connection.close()
                    failures.append(repr(error))
                    continue
                if status == 200:
                    latencies.append(time.perf_counter() - started)
                else:
                    failures.append(f"HTTP {status}")
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(page, latencies, failures, time.perf_counter() - started)


def pages_check(pages: list[Page], port: int) -> None:
    """Every page must answer 200 before anything is measured; the first that does not stops the run."""
    for page in pages:
        status, body = request(port, page.path, page.cookie)
        if status != 200:
            raise BenchError(f"{page.name} ({page.path}) answered {status}, not 200: {body[:200]!r}")


def _verdict(target: float | None, ratios: tuple[float, float]) -> str:
    return "—" if target is None else ("PASS" if max(ratios) <= target else "FAIL")


def table(results: list[Result]) -> list[str]:
    """Each page's latency as a multiple of each baseline's; a page passes when its p50 and p95 both hold."""
    bare, page_frame = (next(r for r in results if r.page.name == name) for name in BASELINES)
    lines = [
        "| page | requests | req/s | p50 ms | p95 ms | p50 × baseline | p95 × baseline | result "
        "| p50 × baseline-page | p95 × baseline-page | result | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---:|",
    ]
    for result in results:
        p50, p95 = result.percentile(0.5), result.percentile(0.95)
        target = result.page.target
        cells = []
        for baseline in (bare, page_frame):
            ratios = (p50 / baseline.percentile(0.5), p95 / baseline.percentile(0.95))
            cells.append(f"{ratios[0]:.2f} | {ratios[1]:.2f} | {_verdict(target, ratios)}")
        lines.append(
            f"| {result.page.name} | {len(result.latencies)} | {result.throughput:.1f} | {p50:.1f} | {p95:.1f} "
            f"| {cells[0]} | {cells[1]} | {f'{target}×' if target else '—'} |"
        )
    return lines


def dashboard_fresh_ms(*, repeats: int = 5) -> list[float]:
    """How long the dashboard's figures take to read when they are not cached, in this process (milliseconds)."""
    from django.utils import timezone

    from dashboard.forms import default_filters
    from dashboard.selectors import dashboard_figures

    filters = default_filters(today=timezone.localdate())
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        dashboard_figures(filters=filters)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> int:
    options = arguments()
    only = {name.strip() for name in options.only.split(",") if name.strip()} if options.only else None
    if only and only - set(NAMES):
        print(
            f"bench: unknown page(s) {', '.join(sorted(only - set(NAMES)))}; the pages: {', '.join(NAMES)}",
            file=sys.stderr,
        )
        return 2
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    secret_key = secrets.token_urlsafe(50)
    environment = base_environment(database_url=options.database_url, secret_key=secret_key)
    production = production_environment(environment)
    server, sessions = None, []
    try:
        database_ensure(options.database_url)
        django_setup(environment)
        data = data_ensure(applications=options.applications, seed=options.seed)
        pages, sessions, family = pages_prepare(only)
        static_collect(production)
        port = free_port()
        server = gunicorn_start(production, port=port, workers=options.workers, log=WORK_DIR / "gunicorn.log")
        pages_check(pages, port)
        print(f"Warming up: {options.warmup} requests per page.")
        for page in pages:
            load(page, port=port, concurrency=options.concurrency, requests=options.warmup, seconds=options.seconds)
        results = []
        for page in pages:
            print(f"Measuring {page.name} …", flush=True)
            result = load(
                page,
                port=port,
                concurrency=options.concurrency,
                requests=options.requests,
                seconds=options.seconds,
            )
            if result.failures:
                raise BenchError(
                    f"{page.name} ({page.path}) failed {len(result.failures)} times: {result.failures[:3]}"
                )
            results.append(result)
        rss = worker_rss_mb(server.pid)
        fresh = dashboard_fresh_ms() if only is None or "dashboard" in only else []
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            gunicorn_stop(server)
        if sessions:
            sessions_delete(sessions)

    print()
    print(f"Machine: {machine()}")
    print(f"Data: {data}; {family}")
    print(
        f"Load: {options.concurrency} client threads, at most {options.requests} requests or {options.seconds:g} s "
        f"per page after {options.warmup} warm-up requests; gunicorn with {options.workers} sync workers, "
        "production settings (DEBUG off)."
    )
    print()
    print("\n".join(table(results)))
    print()
    largest = max(rss.values(), default=math.nan)
    verdict = "PASS" if largest <= RSS_TARGET_MB else "FAIL"
    workers = ", ".join(f"{pid}: {mb:.0f} MB" for pid, mb in sorted(rss.items()))
    print(
        f"gunicorn worker RSS after the run: {workers}; largest {largest:.0f} MB, target {RSS_TARGET_MB} MB: {verdict}"
    )
    peer = {result.page.name: result for result in results}
    if {"admin-changelist", "admin-changelist-plain"} <= peer.keys():
        portal, plain = peer["admin-changelist"], peer["admin-changelist-plain"]
        print(
            "Admin changelist against Django's plain changelist of the same table: p50 "
            f"{portal.percentile(0.5):.1f} ms against {plain.percentile(0.5):.1f} ms "
            f"({plain.percentile(0.5) / portal.percentile(0.5):.1f}× faster), p95 {portal.percentile(0.95):.1f} ms "
            f"against {plain.percentile(0.95):.1f} ms ({plain.percentile(0.95) / portal.percentile(0.95):.1f}× faster)."
        )
    if fresh:
        print(
            "Dashboard figures read afresh (a cache miss: new filters, or once a minute), in-process: "
            f"median {statistics.median(fresh):.0f} ms over {len(fresh)} reads; the page keeps them "
            "DASHBOARD_CACHE_SECONDS (60 s)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
