"""The parts of `manage.py backup` and `restore` that need no PostgreSQL (the whole round trip is in
tests/integration/test_backup_restore.py)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db import connection

from intaj_portal.backups import storage_files


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


def test_a_backup_of_the_embedded_sqlite_is_refused_with_the_reason(db, tmp_path):
    if connection.vendor == "postgresql":
        pytest.skip("the embedded SQLite only: on PostgreSQL the backup runs (tests/integration)")
    with pytest.raises(CommandError, match="backups need PostgreSQL"):
        call_command("backup", str(tmp_path / "backup.tar"))
    assert not (tmp_path / "backup.tar").exists()
    assert not (tmp_path / "backup.tar.partial").exists()


def test_a_restore_of_a_missing_archive_is_refused(tmp_path):
    with pytest.raises(CommandError, match="is not a file"):
        call_command("restore", str(tmp_path / "missing.tar"))
