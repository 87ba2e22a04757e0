"""`/metrics` for Prometheus: request latency by view (intaj_portal.metrics) and the figures an operator alerts on,
computed at scrape time by the apps' selectors, each one bounded query: deliveries waiting and failed, how long the
oldest has waited, fee assessments being computed, applications past the service level."""

from django.http import HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.core import GaugeMetricFamily

from intaj_portal.metrics import metrics_allowed, metrics_registry
from licenses.selectors import application_overdue_count, fee_assessment_pending_count
from notifications.selectors import delivery_backlog


class OperationsCollector:
    """Gauges read from the database when Prometheus scrapes (4 queries, whatever the number of rows)."""

    def describe(self):
        return []  # computed at scrape time only: registering it must not query

    def collect(self):
        backlog = delivery_backlog()
        yield GaugeMetricFamily(
            "intaj_deliveries_pending", "E-mail and SMS deliveries waiting to be sent.", value=backlog.pending
        )
        yield GaugeMetricFamily(
            "intaj_deliveries_failed", "Deliveries that failed with no attempt left.", value=backlog.failed
        )
        age = (timezone.now() - backlog.oldest_pending_since).total_seconds() if backlog.oldest_pending_since else 0
        yield GaugeMetricFamily(
            "intaj_deliveries_oldest_pending_age_seconds",
            "How long the oldest waiting delivery has waited (0 when none waits).",
            value=max(age, 0),
        )
        yield GaugeMetricFamily(
            "intaj_fee_assessments_pending", "Fee assessments not computed yet.", value=fee_assessment_pending_count()
        )
        yield GaugeMetricFamily(
            "intaj_applications_overdue",
            "Applications waiting for the centre past the service level.",
            value=application_overdue_count(),
        )


@never_cache
@require_safe
def metrics(request):
    if not metrics_allowed(request):
        return HttpResponseForbidden("Metrics are not public.", content_type="text/plain")
    return HttpResponse(generate_latest(metrics_registry(OperationsCollector())), content_type=CONTENT_TYPE_LATEST)
