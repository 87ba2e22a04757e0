"""The parts of `manage.py backup` and `restore` that need no PostgreSQL (the whole round trip is in
tests/integration/test_backup_restore.py)."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command

from intaj_portal.backups import THREADS, in_threads, storage_files

ROOT = Path(__file__).resolve().parents[1]


def test_every_file_of_a_storage_is_found_in_its_folders(tmp_path):
    storage = FileSystemStorage(location=tmp_path / "documents")
    for name in ["ETM-2026-000001/passport-v1.pdf", "ETM-2026-000001/passport-v2.pdf", "draft-7/photo-v1.png", "x.pdf"]:
        storage.save(name, ContentFile(b"%PDF"))
    assert storage_files(storage) == [
        "ETM-2026-000001/passport-v1.pdf",
        "ETM-2026-000001/passport-v2.pdf",
        "draft-7/photo-v1.png",
        "x.pdf",
    ]


def test_a_storage_whose_folder_was_never_made_has_no_file(tmp_path):
    assert storage_files(FileSystemStorage(location=tmp_path / "never-made")) == []


def test_a_backup_of_the_embedded_sqlite_is_refused_with_the_reason(tmp_path):
    # In a process of its own on an SQLite file, so that it runs whatever database the suite itself uses.
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "manage.py", "backup", str(tmp_path / "backup.tar")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "backups need PostgreSQL" in result.stderr
    assert not (tmp_path / "backup.tar").exists()
    assert not (tmp_path / "backup.tar.partial").exists()


def test_a_restore_of_a_missing_archive_is_refused(tmp_path):
    with pytest.raises(CommandError, match="is not a file"):
        call_command("restore", str(tmp_path / "missing.tar"))


def test_files_are_copied_in_threads_and_come_back_in_their_order():
    names, lock = set(), threading.Lock()

    def copy(number: int) -> int:
        time.sleep(0.001 * (number % 3))  # later ones finish first, sometimes
        with lock:
            names.add(threading.current_thread().name)
        return number * 10

    assert list(in_threads(copy, range(100))) == [number * 10 for number in range(100)]
    assert 1 < len(names) <= THREADS


def test_files_in_flight_stay_bounded_however_many_there_are():
    started = []

    def endless():
        for number in range(10_000):
            started.append(number)
            yield number

    results = in_threads(lambda number: number, endless())
    assert next(results) == 0
    assert len(started) <= 2 * THREADS
    results.close()


def test_the_first_failed_copy_stops_the_rest():
    copied = []

    def copy(number: int) -> int:
        if number == 5:
            raise OSError("the bucket refused file 5")
        copied.append(number)
        return number

    with pytest.raises(OSError, match="file 5"):
        list(in_threads(copy, range(1000)))
    assert max(copied) < 5 + 2 * THREADS  # never more than 2 × THREADS in flight: the rest was never started
