"""Backups that restore: the database (pg_dump, custom format) and every file of the private storages, in one tar.

The archive holds `manifest.json` (when, what, each file's size and SHA-256), `database.dump` and
`storages/<storage>/<name>` for every file of each storage in BACKUP_STORAGES (the documents: current, superseded
and removed files alike), read through the configured storage, on disk or in S3. A restore goes into an empty
database and empty storages only, and checks every file against the manifest. docs/operations.md says how often,
where to, and how long a restore takes.

The database is dumped first, then the files: a file uploaded meanwhile is in the archive without its row (harmless),
and since files are never deleted except with a draft, every row of the dump finds its file.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import storages
from django.db import connection

BACKUP_STORAGES = ["documents"]
MANIFEST, DUMP = "manifest.json", "database.dump"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore that cannot go on: the message says why, for the operator."""


def _postgres() -> tuple[dict, str]:
    """libpq's environment for the default database, and its name."""
    if connection.vendor != "postgresql":
        raise BackupError("backups need PostgreSQL (DATABASE_URL=postgres://…): the embedded SQLite is a file to copy")
    db = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if db.get(key):
            env[variable] = str(db[key])
    return env, db["NAME"]


def _run(command: list[str], env: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def storage_files(storage, folder: str = "") -> list[str]:
    """Every file's name in `storage`, walking its folders (on disk and in object storage alike)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a storage on disk whose folder was never made: no file yet
        return []
    names = [str(PurePosixPath(folder, name)) if folder else name for name in files]
    for child in folders:
        names += storage_files(storage, str(PurePosixPath(folder, child)) if folder else child)
    return sorted(names)


def _copy_hashing(source, target) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        target.write(chunk)
    return size, digest.hexdigest()


def backup_write(path: Path) -> dict:
    """Write a backup archive to `path`; returns its manifest."""
    env, name = _postgres()
    manifest = {"created_at": datetime.datetime.now(datetime.UTC).isoformat(), "database": name, "storages": {}}
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}", name], env)
        with tarfile.open(path, "w") as archive:
            archive.add(dump, arcname=DUMP)
            for storage_name in BACKUP_STORAGES:
                storage = storages[storage_name]
                files = manifest["storages"][storage_name] = {}
                for file_name in storage_files(storage):
                    spooled = Path(work) / "file"
                    with storage.open(file_name, "rb") as source, spooled.open("wb") as target:
                        size, sha256 = _copy_hashing(source, target)
                    archive.add(spooled, arcname=f"storages/{storage_name}/{file_name}")
                    files[file_name] = {"size": size, "sha256": sha256}
            encoded = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(encoded)
            archive.addfile(info, io.BytesIO(encoded))
    return manifest


def restore_read(path: Path) -> dict:
    """Restore the archive at `path` into the configured database and storages, which must be empty; returns the
    manifest. Every file is checked against its size and SHA-256 before it is stored."""
    env, name = _postgres()
    if connection.introspection.table_names():
        raise BackupError(f"the database {name} is not empty: a backup is restored into an empty database only")
    with tarfile.open(path, "r") as archive:
        manifest = json.load(archive.extractfile(MANIFEST))
        for storage_name in manifest["storages"]:
            if storage_files(storages[storage_name]):
                raise BackupError(f"the {storage_name} storage is not empty: a backup is restored into an empty one")
        with tempfile.TemporaryDirectory() as work:
            archive.extract(DUMP, work, filter="data")
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    f"--dbname={name}",
                    str(Path(work) / DUMP),
                ],
                env,
            )
        # In the archive's order: one pass, whatever the number of files.
        restored = set()
        for member in archive.getmembers():
            top, _slash, rest = member.name.partition("/")
            if top != "storages" or not member.isfile():
                continue
            storage_name, _slash, file_name = rest.partition("/")
            expected = manifest["storages"].get(storage_name, {}).get(file_name)
            if expected is None:
                raise BackupError(f"{member.name} is in the archive but not in its manifest")
            with tempfile.TemporaryFile() as spooled:
                size, sha256 = _copy_hashing(archive.extractfile(member), spooled)
                if (size, sha256) != (expected["size"], expected["sha256"]):
                    raise BackupError(f"{member.name} does not match its manifest (size or SHA-256)")
                spooled.seek(0)
                saved = storages[storage_name].save(file_name, File(spooled, name=file_name))
            if saved != file_name:
                raise BackupError(f"{storage_name}/{file_name} was stored as {saved}")
            restored.add((storage_name, file_name))
        listed = {(storage_name, name) for storage_name, files in manifest["storages"].items() for name in files}
        if missing := listed - restored:
            raise BackupError(f"{len(missing)} files of the manifest are not in the archive, e.g. {min(missing)}")
    connection.close()  # the tables appeared under this connection's feet
    return manifest
