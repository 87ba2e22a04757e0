"""Prometheus metrics (prometheus-client): the request latency of every view, and who may read the metrics.

The latency histogram is labelled by the view's name (a fixed set, never the path), the method and the status class.
Under gunicorn with several workers each process counts its own: set PROMETHEUS_MULTIPROC_DIR (an empty directory,
emptied at each start) and the scrape adds every worker's up (docs/operations.md). The figures an operator alerts
on are computed at scrape time by `dashboard.metrics`.
"""

import hmac
import ipaddress
import os
import time

from django.conf import settings
from prometheus_client import CollectorRegistry, Histogram, multiprocess

from intaj_portal.ratelimits import client_address

REQUEST_SECONDS = Histogram(
    "intaj_request_duration_seconds",
    "Time to answer a request, by view, method and status class.",
    ["view", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=None,  # collected by metrics_registry(), never by the library's global registry
)
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class RequestMetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        # No match: a static file (whitenoise answers before any URL is resolved), or an address that matches nothing.
        view = match.view_name if match else _unresolved(request)
        REQUEST_SECONDS.labels(
            view=view,
            method=request.method if request.method in METHODS else "other",
            status=f"{response.status_code // 100}xx",
        ).observe(time.perf_counter() - started)
        return response


def _unresolved(request) -> str:
    return "static" if request.path.startswith(settings.STATIC_URL) else "unresolved"


def metrics_registry(*collectors) -> CollectorRegistry:
    """A registry for one scrape: the latency of this process, or of every worker in multiprocess mode, and
    `collectors` (figures computed now)."""
    registry = CollectorRegistry(auto_describe=True)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REQUEST_SECONDS)
    for collector in collectors:
        registry.register(collector)
    return registry


def metrics_allowed(request) -> bool:
    """The metrics are not public: readable from METRICS_ALLOWED_ADDRESSES (addresses or networks), or with
    `Authorization: Bearer <METRICS_TOKEN>`. With neither set, nobody reads them."""
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        if hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return True
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_ALLOWED_NETWORKS)
