"""Small readers of the environment that fail loudly on a value they cannot understand.

A typo in production configuration must stop the process at start-up, not silently fall back to a default.
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no/on/off, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_seconds(name: str, default: float) -> float:
    """A duration in seconds, fractions allowed (a timeout): positive, or the process stops."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0
    if not value > 0:
        raise ImproperlyConfigured(f"{name} must be a positive number of seconds, not {raw!r}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {sorted(choices)}, not {value!r}")
    return value


RATE = re.compile(r"\d+/\d*[smhd]")


def env_rate(name: str, default: str) -> str:
    """A rate limit as django-ratelimit writes it, a count over a period: `3/15m`, `10/h`, `100/d`."""
    value = os.environ.get(name, default).strip()
    if not RATE.fullmatch(value):
        raise ImproperlyConfigured(f"{name} must be a count over a period such as 3/15m or 10/h, not {value!r}")
    return value


STORAGE_KINDS = {"filesystem", "s3"}


def env_storage(name: str, *, location) -> dict:
    """One entry of `STORAGES`, named `name` (documents, showcase, certificates…), chosen by `DJANGO_<NAME>_STORAGE`:
    `filesystem` (the default: private files under `location`) or `s3` (S3-compatible object storage, django-storages).

    Every S3 storage shares one bucket and one set of `S3_*` settings; each keeps its files under its own prefix, its
    name. A new storage is one line in settings: `STORAGES["showcase"] = env_storage("showcase", location=…)`.
    """
    kind = env_choice(f"DJANGO_{name.upper()}_STORAGE", "filesystem", STORAGE_KINDS)
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": location}}
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_options(prefix=name)}


def s3_options(*, prefix: str) -> dict:
    """django-storages' S3Storage options from `S3_*`: private objects, never overwritten, and every call to the
    storage bounded by botocore's connect and read timeouts and a small number of attempts (a storage that hangs costs
    a request about (connect or read timeout) × attempts, then the page says so)."""
    # Imported only where object storage is configured.
    from boto3.s3.transfer import TransferConfig
    from botocore.config import Config

    bucket = env_str("S3_BUCKET", "")
    if not bucket:
        raise ImproperlyConfigured("S3_BUCKET must be set when a storage is s3 (DJANGO_<NAME>_STORAGE=s3)")
    return {
        "bucket_name": bucket,
        "location": prefix,
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        # Without keys, boto3's own chain (an instance role, AWS_* variables) is used.
        "access_key": env_str("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
        # Objects get the bucket's own ACL, which must be private (docs/operations.md); no public URL is ever made:
        # every download goes through a portal view that checks who asks (docs/decisions.md).
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
        # Documents are small (DOCUMENT_MAX_BYTES): one request each, in the request's own thread.
        "transfer_config": TransferConfig(use_threads=False),
        "client_config": Config(
            connect_timeout=env_seconds("S3_CONNECT_TIMEOUT_SECONDS", 1),
            read_timeout=env_seconds("S3_READ_TIMEOUT_SECONDS", 2),
            retries={"total_max_attempts": env_int("S3_MAX_ATTEMPTS", 2), "mode": "standard"},
            signature_version="s3v4",
            s3={"addressing_style": env_choice("S3_ADDRESSING_STYLE", "path", {"path", "virtual", "auto"})},
        ),
    }
