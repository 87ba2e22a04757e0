"""The cache, used so that an outage only makes pages slower: every read or write that fails is logged and skipped.

With `CACHE_URL` set the cache is a Redis server shared by the web nodes; it may be down, or hang (its socket
timeouts in settings bound the wait). Nothing the portal keeps there is the only copy of anything.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

logger = logging.getLogger(__name__)
T = TypeVar("T")


def cache_get_or_compute(key: str, compute: Callable[[], T], *, timeout: int) -> T:
    """The cached value of `key`, or `compute()` kept for `timeout` seconds; `compute()` alone when the cache fails."""
    try:
        value = cache.get(key)
    except Exception:  # any cache failure: refused, timed out, unknown host
        logger.warning("Cache unavailable: %s computed afresh", key, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("Cache unavailable: %s not kept", key, exc_info=True)
    return value


def cache_forget(key: str) -> None:
    """Drop `key` from the cache; a cache that is down has nothing to forget until it returns (the key then expires)."""
    try:
        cache.delete(key)
    except Exception:
        logger.warning("Cache unavailable: %s not dropped", key, exc_info=True)
