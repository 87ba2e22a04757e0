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
