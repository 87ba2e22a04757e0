"""Celery beat runs exactly once per deployment (docs/operations.md); this makes a second beat harmless anyway.

A periodic task wrapped in `periodic_once(period)` does its work at most once per slot of `period` seconds (the
slot is the time of the run, rounded down to the period): the first run of the slot takes a lock in the cache
(`cache.add`, atomic in Redis, shared by every node with CACHE_URL), and a run that finds the lock taken does
nothing. The schedules run far from a slot's edges (daily tasks in the Sharjah morning, slots change at 04:00 Sharjah
time), so two beats that both send a task send it into the same slot. A cache that is down lets the run through: every
periodic task is also idempotent on its own (dedupe keys, conditional updates), the lock only saves the repeat.

The every-minute relays (outbox, fee assessments) take no lock: they only hand Celery rows that each task then claims
once, and `manage.py relay_pending` must run them whenever an operator asks.
"""

import functools
import logging
import os
import time
from collections.abc import Callable

from django.core.cache import cache

logger = logging.getLogger(__name__)

DAY = 24 * 60 * 60
# The clock slots are read from (tests set it).
_clock = time.time


def periodic_slot_key(name: str, period: int, now: float | None = None) -> str:
    slot = int((_clock() if now is None else now) // period)
    return f"periodic-once:{name}:{period}:{slot}"


def periodic_once(period: int) -> Callable:
    """Run the wrapped function at most once per `period`-second slot across every worker; a skipped run returns
    None."""

    def decorate(function: Callable) -> Callable:
        name = f"{function.__module__}.{function.__name__}"

        @functools.wraps(function)
        def run_once(*args, **kwargs):
            key = periodic_slot_key(name, period)
            try:
                first = cache.add(key, f"{os.uname().nodename}:{os.getpid()}", timeout=2 * period)
            except Exception:  # any cache failure: the task is idempotent, run it
                logger.warning("Cache unavailable: %s runs without its once-per-slot lock", name, exc_info=True)
                first = True
            if not first:
                logger.info("%s already ran in this slot (%s): a second beat's run does nothing", name, key)
                return None
            return function(*args, **kwargs)

        return run_once

    return decorate
