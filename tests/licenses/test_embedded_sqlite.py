"""The embedded setup (SQLite, the default) under two writers at once: they queue, and a double click on "Send"
sends once and tells the second click why, as on PostgreSQL — never "database is locked", never a 500.

Why a process of its own, on a file: the tests' database is SQLite in memory with a shared cache, where a second
writer meets a table lock at once (SQLITE_LOCKED, which the busy timeout does not wait for) and WAL does not exist.
It cannot show what the settings do for a real database file, so this test copies the tests' database (its schema
and catalogue) to a file and runs the two requests in a fresh process whose settings are the portal's own with only
that file's path (and a private documents folder) changed.
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


@pytest.fixture
def embedded_database(tmp_path, migration_data):
    """The tests' database, copied to a file, and settings naming it: the portal's embedded SQLite options kept."""
    if connection.vendor != "sqlite":
        pytest.skip("the embedded setup is SQLite; PostgreSQL's concurrency is tested in test_concurrency.py")
    path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as target:
        connection.connection.backup(target)
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
    return tmp_path


def test_a_double_click_on_send_sends_once_and_tells_the_second_click(embedded_database):
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "licenses" / "sqlite_double_submit.py")],
        cwd=ROOT,
        env={"PYTHONPATH": f"{embedded_database}:{ROOT}", "DJANGO_SETTINGS_MODULE": "embedded_file_settings"},
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
