"""`/readyz`: whether this web node can serve, dependency by dependency, answered within READINESS_TIMEOUT_SECONDS.

`/healthz` stays the cheap liveness check (the process answers, the database is reachable). A load balancer takes a
node out of rotation while `/readyz` answers 503. Each dependency is checked in a thread of its own, kept for the
process's life (so the object storage's client is made once, not at every probe), all at once, and waited for until
one shared deadline: a dependency that hangs is reported `timeout` at the deadline, never holding the answer. A check
still stuck from an earlier probe is not asked again (reported `timeout` at once), so a hung dependency never piles
up work. What failed is logged; the answer names only each dependency's state and the error's class.
"""

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database(timeout: float) -> str:
    connection = connections.create_connection("default")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()
    return "ok"


def _broker(timeout: float) -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"  # the embedded default: tasks run in the web process, no broker to reach
    from kombu import Connection

    options = {"socket_timeout": timeout, "socket_connect_timeout": timeout, "max_retries": 0}
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=timeout, transport_options=options) as connection:
        connection.ensure_connection(max_retries=1, timeout=timeout)
        connection.default_channel  # noqa: B018 - opening the channel talks to the broker (Redis: PING)
    return "ok"


def _cache(timeout: float) -> str:
    cache.set("readyz", "ok", 30)
    if cache.get("readyz") != "ok":
        raise RuntimeError("the cache did not give back what it was given")
    return "ok"


def _object_storage(timeout: float) -> str:
    storage = storages["documents"]
    if hasattr(storage, "bucket_name"):  # S3: the bucket exists and these keys may use it
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    else:
        storage.exists("readyz-probe")
    return "ok"


CHECKS = {"database": _database, "broker": _broker, "cache": _cache, "object_storage": _object_storage}
_workers = {name: ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"readyz-{name}") for name in CHECKS}
_in_flight: dict[str, Future] = {}
_in_flight_lock = threading.Lock()


def _timed(name: str, check, timeout: float) -> dict:
    began = time.monotonic()
    try:
        outcome = {"status": check(timeout)}
    except Exception as error:  # any failure of the dependency means "down", whatever its class
        logger.warning("Readiness: %s is down", name, exc_info=True)
        outcome = {"status": "down", "error": type(error).__name__}
    outcome["seconds"] = round(time.monotonic() - began, 3)
    return outcome


def readiness(timeout: float) -> dict[str, dict]:
    """Each dependency's state: `{"status": "ok" | "in-process" | "down" | "timeout", …}`."""
    results: dict[str, dict] = {}
    asked: dict[str, Future] = {}
    deadline = time.monotonic() + timeout
    with _in_flight_lock:
        for name, check in CHECKS.items():
            earlier = _in_flight.get(name)
            if earlier is not None and not earlier.done():
                results[name] = {"status": "timeout", "error": "still waiting since an earlier check"}
                continue
            _in_flight[name] = asked[name] = _workers[name].submit(_timed, name, check, timeout)
    for name, future in asked.items():
        try:
            results[name] = future.result(max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            logger.warning("Readiness: %s did not answer within %s s", name, timeout)
            results[name] = {"status": "timeout", "seconds": timeout}
    return {name: results[name] for name in CHECKS}


@never_cache
@require_safe
def readyz(request):
    checks = readiness(settings.READINESS_TIMEOUT_SECONDS)
    ready = all(check["status"] in ("ok", "in-process") for check in checks.values())
    return JsonResponse({"status": "ready" if ready else "not ready", "checks": checks}, status=200 if ready else 503)
