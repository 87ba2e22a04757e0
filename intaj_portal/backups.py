"""Backups that restore: the database (pg_dump, custom format) and every file of the private storages, in one tar.

The archive holds `manifest.json` (when, what, each file's size and SHA-256), `database.dump` and
`storages/<storage>/<name>` for every file of each storage in BACKUP_STORAGES (the documents: current, superseded
and removed files alike), read through the configured storage, on disk or in S3. A restore goes into an empty
database and empty storages only, and checks every file against the manifest. docs/operations.md says how often,
where to, and how long a restore takes.

The database is dumped first, then the files: a file uploaded meanwhile is in the archive without its row (harmless),
and since files are never deleted except with a draft, every row of the dump finds its file.

The archive is one stream, read and written in order by one thread; the files' reads (backup) and writes (restore)
go to the storage in THREADS threads, since in object storage each file costs two or three requests whose round trip,
not the bytes, sets the pace (docs/operations.md has the figures).
"""

import collections
import datetime
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import storages
from django.db import connection

BACKUP_STORAGES = ["documents"]
MANIFEST, DUMP = "manifest.json", "database.dump"
CHUNK = 1024 * 1024
THREADS = 8


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


def in_threads(function, items):
    """`function(item)` for each of `items` in THREADS threads, yielding the results in the items' order. At most
    2 × THREADS items are in flight (each may hold a temporary file), so the disk and memory used stay bounded
    whatever the number of files; the first error stops the rest."""
    pool = ThreadPoolExecutor(max_workers=THREADS)
    pending = collections.deque()
    try:
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) >= 2 * THREADS:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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

                def fetch(file_name: str, storage=storage) -> tuple:
                    spooled = tempfile.TemporaryFile(dir=work)  # noqa: SIM115 - the archive's thread closes it
                    with storage.open(file_name, "rb") as source:
                        size, sha256 = _copy_hashing(source, spooled)
                    return file_name, spooled, size, sha256

                for file_name, spooled, size, sha256 in in_threads(fetch, storage_files(storage)):
                    with spooled:
                        spooled.seek(0)
                        info = tarfile.TarInfo(f"storages/{storage_name}/{file_name}")
                        info.size, info.mtime, info.mode = size, int(time.time()), 0o600
                        archive.addfile(info, spooled)
                    files[file_name] = {"size": size, "sha256": sha256}
            encoded = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(encoded)
            archive.addfile(info, io.BytesIO(encoded))
    return manifest


def _checked_files(archive: tarfile.TarFile, manifest: dict):
    """Each file of the archive, in the archive's order (one pass, whatever the number of files), copied to a
    temporary file once its size and SHA-256 match the manifest: (storage, name, temporary file)."""
    for member in archive.getmembers():
        top, _slash, rest = member.name.partition("/")
        if top != "storages" or not member.isfile():
            continue
        storage_name, _slash, file_name = rest.partition("/")
        expected = manifest["storages"].get(storage_name, {}).get(file_name)
        if expected is None:
            raise BackupError(f"{member.name} is in the archive but not in its manifest")
        spooled = tempfile.TemporaryFile()  # noqa: SIM115 - _store, in another thread, closes it
        size, sha256 = _copy_hashing(archive.extractfile(member), spooled)
        if (size, sha256) != (expected["size"], expected["sha256"]):
            spooled.close()
            raise BackupError(f"{member.name} does not match its manifest (size or SHA-256)")
        yield storage_name, file_name, spooled


def _store(checked: tuple) -> tuple[str, str]:
    storage_name, file_name, spooled = checked
    with spooled:
        spooled.seek(0)
        saved = storages[storage_name].save(file_name, File(spooled, name=file_name))
    if saved != file_name:
        raise BackupError(f"{storage_name}/{file_name} was stored as {saved}")
    return storage_name, file_name


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
        restored = set(in_threads(_store, _checked_files(archive, manifest)))
        listed = {(storage_name, name) for storage_name, files in manifest["storages"].items() for name in files}
        if missing := listed - restored:
            raise BackupError(f"{len(missing)} files of the manifest are not in the archive, e.g. {min(missing)}")
    connection.close()  # the tables appeared under this connection's feet
    return manifest
