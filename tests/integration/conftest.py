"""A real Celery worker against the real broker (Redis) and the test database (PostgreSQL).

These tests need CELERY_BROKER_URL (redis://…) and DATABASE_URL (postgres://…). Without them they are skipped on
a developer's machine and fail in CI (CI=true), where .ci/run provides both.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

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

    Yields an object with `start(**env)` → the worker process, `mail_dir` and `sms_dir`.
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
            self.mail_dir, self.sms_dir, self.queue = mail_dir, sms_dir, queue

        def start(self, **extra_env):
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
                    "--pool=solo",
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


def wait_for(predicate, *, timeout: float = 60, interval: float = 0.25):
    """Polls until `predicate()` is true; returns its last value (the caller asserts on it)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
