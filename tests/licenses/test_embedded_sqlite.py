"""The embedded setup (SQLite, the default) under two writers at once: they queue, and a double click on "Send"
sends once and tells the second click why, as on PostgreSQL — never "database is locked", never a 500.

Why a process of its own, on a file: the tests' database is SQLite in memory with a shared cache, where a second
writer meets a table lock at once (SQLITE_LOCKED, which the busy timeout does not wait for) and WAL does not exist.
It cannot show what the settings do for a real database file, so this test copies the tests' database (its schema
and catalogue) to a file, or migrates a fresh one when the tests run on PostgreSQL (as in CI, where it must run too),
and runs the two requests in a fresh process whose settings are the portal's own with only that file's path (and a
private documents folder) changed.
"""

import json
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(settings.BASE_DIR)


def subprocess_env(folder: Path) -> dict:
    """A process with the portal's own settings but for the database file and documents folder in `folder`: no
    DATABASE_URL or broker of the tests' (CI sets them), so it is the embedded setup."""
    return {
        "PYTHONPATH": f"{folder}:{ROOT}",
        "DJANGO_SETTINGS_MODULE": "embedded_file_settings",
        "PATH": "/usr/bin:/bin",
    }


@pytest.fixture
def embedded_database(tmp_path, migration_data):
    """A SQLite file holding the schema and the catalogue, and settings naming it, the portal's SQLite options
    kept: the tests' own database copied when it is SQLite, a fresh `migrate` when the tests run on PostgreSQL."""
    path = tmp_path / "db.sqlite3"
    (tmp_path / "embedded_file_settings.py").write_text(
        textwrap.dedent(
            f"""
            from intaj_portal.settings import *  # noqa: F403

            DATABASES["default"]["NAME"] = {str(path)!r}
            STORAGES["documents"]["OPTIONS"] = {{"location": {str(tmp_path / "documents")!r}}}
            EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
            PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
            """
        )
    )
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
    else:
        migrate = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=subprocess_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert migrate.returncode == 0, migrate.stderr[-3000:]
    return tmp_path


def test_a_double_click_on_send_sends_once_and_tells_the_second_click(embedded_database):
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "licenses" / "sqlite_double_submit.py")],
        cwd=ROOT,
        env=subprocess_env(embedded_database),
        capture_output=True,
        text=True,
        timeout=120,
    )
    print(f"\ntwo sends at once on the SQLite file: answered in {time.monotonic() - started:.1f} s (process included)")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "locked" not in run.stderr
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    answers = outcome["answers"]
    assert [answer.get("status") for answer in answers] == [302, 302], answers
    messages = sorted(message for answer in answers for message in answer["messages"])
    assert len(messages) == 2, answers
    assert "It may have changed while you were looking at it" in messages[0], answers
    assert messages[1].startswith("Your application has been sent. Its reference is ETM-"), answers
    assert outcome["sent"] == 1
