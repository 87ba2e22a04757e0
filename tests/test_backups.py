"""The parts of `manage.py backup` and `restore` that need no PostgreSQL (the whole round trip is in
tests/integration/test_backup_restore.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command

from intaj_portal.backups import storage_files

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
