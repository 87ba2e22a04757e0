"""A real Celery worker against the real broker (Redis) and the test database (PostgreSQL).

These tests need CELERY_BROKER_URL (redis://…) and DATABASE_URL (postgres://…). Without them they are skipped on
a developer's machine and fail in CI (CI=true), where .ci/run provides both.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection, transaction

from intaj_portal.env import env_bool

ROOT = Path(__file__).resolve().parents[2]


def require_real_services():
    broker = os.environ.get("CELERY_BROKER_URL", "")
    missing = []
    if not broker.startswith("redis://"):
        missing.append("CELERY_BROKER_URL=redis://…")
    if connection.vendor != "postgresql":
        missing.append("DATABASE_URL=postgres://…")
    if missing:
        message = "needs a real broker and database: set " + " and ".join(missing)
        if env_bool("CI", False):
            pytest.fail(message)
        pytest.skip(message)
    return broker


def database_url() -> str:
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def real_celery(migration_data, tmp_path):
    """Points this process's Celery app at the live broker on a queue of its own, and starts workers on demand.

    Yields an object with `start(**env)` → the worker process, `mail_dir`, `sms_dir`, `queue` and `broker`.
    """
    broker = require_real_services()
    from intaj_portal.celery import app

    queue = f"test-{uuid.uuid4().hex[:10]}"
    previous = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    mail_dir, sms_dir = tmp_path / "mail", tmp_path / "sms"
    mail_dir.mkdir()
    sms_dir.mkdir()
    workers = []

    class Workers:
        def __init__(self):
            self.mail_dir, self.sms_dir, self.queue, self.broker = mail_dir, sms_dir, queue, broker

        def start(self, *, pool: str = "solo", **extra_env):
            """A worker; `pool="prefork"` (production's default) for what only it enforces: the time limits."""
            env = {
                key: value
                for key, value in os.environ.items()
                if not key.startswith(("PYTEST", "DJANGO_", "CELERY_", "DATABASE_URL"))
            }
            env.update(
                DATABASE_URL=database_url(),
                CELERY_BROKER_URL=broker,
                CELERY_TASK_DEFAULT_QUEUE=queue,
                DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
                DJANGO_EMAIL_FILE_PATH=str(mail_dir),
                SMS_BACKEND="tests.integration.sms.FileSmsBackend",
                SMS_FILE_DIR=str(sms_dir),
            )
            env.update(extra_env)
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "intaj_portal",
                    "worker",
                    f"--pool={pool}",
                    "--concurrency=1",
                    "-Q",
                    queue,
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            workers.append(process)
            return process

    yield Workers()

    for process in workers:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    app.conf.task_always_eager, app.conf.task_default_queue = previous
    from kombu import Connection

    with Connection(broker) as conn:
        conn.default_channel.queue_delete(queue)


def run_portal(script: str, **settings_env) -> subprocess.CompletedProcess:
    """Run `script` in a process of the portal of its own (Django set up, the test database), with `settings_env`:
    for a portal whose broker or mail server is not the test's."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "CELERY_"))}
    env.update(DJANGO_SETTINGS_MODULE="intaj_portal.settings", DATABASE_URL=database_url(), **settings_env)
    return subprocess.run(
        [sys.executable, "-c", "import django\ndjango.setup()\n" + script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def hung_server():
    """A port that accepts connections and never answers: a broker, cache or mail server that hangs."""
    from tests.integration.servers import HungServer

    server = HungServer()
    yield server
    server.stop()


@pytest.fixture
def smtp_server():
    """Starts fake mail servers (tests/integration/servers.py) on demand: `smtp_server(stall=…, on_accept=…)`."""
    from tests.integration.servers import FakeSmtpServer

    servers = []

    def start(**options):
        servers.append(FakeSmtpServer(**options))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_backends_terminate(*, sparing: set[int]) -> int:
    """Kill every connection to the test database but those in `sparing` (backend pids), as a PostgreSQL restart or
    a failover would; returns how many were killed. Runs on a connection of its own, so any thread may call it."""
    import psycopg2

    db = connection.settings_dict
    with (
        psycopg2.connect(
            dbname=db["NAME"],
            user=db["USER"] or "postgres",
            password=db["PASSWORD"] or None,
            host=db["HOST"] or None,
            port=db["PORT"] or None,
        ) as admin,
        admin.cursor() as cursor,
    ):
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid() AND NOT pid = ANY(%s)",
            [list(sparing)],
        )
        (killed,) = cursor.fetchone()
    admin.close()
    return killed


def own_backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


CONTEXT = {"reference": "ETM-2026-000007", "package_ar": "باقة مهرة", "package_en": "Mohra", "path": "/"}


def notify(user, channels):
    """Write one notification to `user` (handed to the broker on commit); returns its one delivery."""
    from licenses.models import Notice
    from notifications.services import notification_create

    with transaction.atomic():
        notification = notification_create(
            recipient=user, kind=Notice.APPLICATION_RECEIVED, context=CONTEXT, channels=channels
        )
    return notification.deliveries.get()


def status_of(delivery_id):
    from notifications.models import Delivery

    return Delivery.objects.get(pk=delivery_id).status


def wait_for(predicate, *, timeout: float = 60, interval: float = 0.25):
    """Polls until `predicate()` is true; returns its last value (the caller asserts on it)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
