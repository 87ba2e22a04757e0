"""What a storage failure looks like, whichever storage is configured (files on disk, or S3-compatible object storage
through django-storages), so that views and services tell a missing file from a storage that is down or hangs."""

import logging

logger = logging.getLogger(__name__)


def _object_storage_failures() -> tuple[type[Exception], ...]:
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - botocore is in requirements.txt
        return ()
    # BotoCoreError: no connection, a timeout, retries used up; ClientError: the storage refused (a 404 on open is
    # already a FileNotFoundError from django-storages).
    return (BotoCoreError, ClientError)


# A storage that cannot be reached, hangs past its timeouts, refuses, or a disk that fails (OSError). FileNotFoundError
# is an OSError too: catch it first where a missing file means something else.
STORAGE_FAILURES: tuple[type[Exception], ...] = (OSError, *_object_storage_failures())


def storage_delete_quietly(storage, name: str) -> None:
    """Delete `name`, after the rows that named it are gone: a storage that fails leaves the file behind (logged, for
    a later clean-up) rather than failing a request whose work is already committed."""
    try:
        storage.delete(name)
    except STORAGE_FAILURES:
        logger.error("Storage unavailable: %s not deleted, left behind", name, exc_info=True)
