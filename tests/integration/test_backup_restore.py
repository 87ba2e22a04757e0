"""A backup restores: `manage.py backup` from the test database and its S3 bucket, `manage.py restore` into a fresh
PostgreSQL database and a fresh bucket (or folder), and everything is there: applications, documents with the same
bytes, events and notifications."""

import os
import subprocess
import sys
import uuid

import psycopg2
import pytest
from django.db import connection

from licenses.models import Application, ApplicationDocument, ApplicationEvent, Status
from notifications.models import Notification
from tests.integration.conftest import ROOT, database_url, require_real_services
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import complete_application

pytestmark = pytest.mark.django_db(transaction=True)
TABLES = {
    Application._meta.db_table: "id, reference, status",
    ApplicationDocument._meta.db_table: "id, file, size",
    ApplicationEvent._meta.db_table: "id, application_id, to_status",
    Notification._meta.db_table: "id, recipient_id, kind",
}


def manage(*args, env: dict) -> subprocess.CompletedProcess:
    base = {
        key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "CELERY_", "DJANGO_", "S3_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "intaj_portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def admin_connection():
    db = connection.settings_dict
    link = psycopg2.connect(
        dbname="postgres",
        user=db["USER"] or "postgres",
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
    )
    link.autocommit = True
    return link


@pytest.fixture
def fresh_database():
    """An empty PostgreSQL database of its own; yields its DATABASE_URL and a function reading its rows."""
    name = f"test_restore_{uuid.uuid4().hex[:10]}"
    admin = admin_connection()
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = database_url().rsplit("/", 1)[0] + f"/{name}"

    def rows(table: str, columns: str) -> list[tuple]:
        with psycopg2.connect(url.replace("postgres://", "postgresql://")) as link, link.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY id")
            found = cursor.fetchall()
        link.close()
        return found

    rows.url = url
    yield rows
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def rows_here(table: str, columns: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} ORDER BY id")
        return cursor.fetchall()


@pytest.fixture
def applications(migration_data, s3_storage, alice, charlie, reviewer, step):
    """Two families' applications, sent and under review (events, notifications), their documents in the bucket."""
    require_real_services()
    first = complete_application(family=eligible_family(alice))
    step(first, Status.SUBMITTED, alice)
    step(first, Status.UNDER_REVIEW, reviewer)
    second = complete_application(family=eligible_family(charlie), package_code="atayeb")
    step(second, Status.SUBMITTED, charlie)
    assert Notification.objects.exists() and ApplicationEvent.objects.exists()
    return [first, second]


@pytest.mark.parametrize("target", ["s3", "filesystem"])
def test_a_backup_restores_into_an_empty_database_and_storage(
    applications, s3_storage, fresh_database, tmp_path, target
):
    server, source = s3_storage.server, s3_storage.bucket
    archive = tmp_path / "intaj-backup.tar"
    backed_up = manage(
        "backup",
        str(archive),
        env={"DATABASE_URL": database_url(), "DJANGO_DOCUMENTS_STORAGE": "s3", **server.environment(source)},
    )
    assert backed_up.returncode == 0, backed_up.stderr
    keys = server.keys(source)
    assert f"Backed up the database {connection.settings_dict['NAME']} and {len(keys)} files" in backed_up.stdout

    if target == "s3":
        bucket = server.bucket()
        storage_env = {"DJANGO_DOCUMENTS_STORAGE": "s3", **server.environment(bucket)}
    else:
        folder = tmp_path / "restored-media"
        storage_env = {"DJANGO_PRIVATE_MEDIA_ROOT": str(folder)}
    restored = manage("restore", str(archive), env={"DATABASE_URL": fresh_database.url, **storage_env})
    assert restored.returncode == 0, restored.stderr

    for table, columns in TABLES.items():
        assert fresh_database(table, columns) == rows_here(table, columns), table
    documents = fresh_database(ApplicationDocument._meta.db_table, "file")
    assert len(documents) == len(keys) >= 4
    for (name,) in documents:
        original = server.read(source, f"documents/{name}")
        if target == "s3":
            assert server.read(bucket, f"documents/{name}") == original
        else:
            assert (folder / "documents" / name).read_bytes() == original


def test_a_restore_refuses_a_database_that_is_not_empty(applications, s3_storage, tmp_path):
    archive = tmp_path / "intaj-backup.tar"
    env = {
        "DATABASE_URL": database_url(),
        "DJANGO_DOCUMENTS_STORAGE": "s3",
        **s3_storage.server.environment(s3_storage.bucket),
    }
    assert manage("backup", str(archive), env=env).returncode == 0
    refused = manage("restore", str(archive), env=env)
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr
    assert manage("backup", str(archive), env=env).returncode != 0  # never overwrites a backup
