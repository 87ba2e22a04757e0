"""What operators watch: readiness by dependency, Prometheus metrics that are not public, logs with a request id."""

import contextvars
import datetime
import json
import logging
import os
import runpy
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from celery.app.task import Context
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from kombu import Connection
from prometheus_client.parser import text_string_to_metric_families

from intaj_portal import celery as portal_celery
from intaj_portal import health
from intaj_portal.logs import (
    TASK_HEADER,
    JsonFormatter,
    RequestIdFilter,
    RequestIdMiddleware,
    request_id_after_task,
    request_id_current,
    request_id_from_task,
)
from licenses.models import FeeAssessment, Status
from notifications.models import Channel, Delivery, DeliveryStatus
from tests.dashboard.factories import application_make
from tests.integration.servers import HungServer


@pytest.fixture(autouse=True)
def readiness_settled():
    """Each test's probes start afresh: a check an earlier test left hanging has ended (at its own timeout)."""
    for future in list(health._in_flight.values()):
        future.result(timeout=30)


@pytest.fixture
def roomy(settings):
    """A deadline that a loaded test machine meets when it makes the storage's client at the first probe: for the
    tests of what is reported, not of how fast."""
    settings.READINESS_TIMEOUT_SECONDS = 15


@pytest.fixture
def hung():
    server = HungServer()
    yield server
    server.stop()


def readyz(client):
    started = time.monotonic()
    response = client.get("/readyz")
    return response, response.json(), time.monotonic() - started


# Readiness


def test_readiness_reports_each_dependency_ready(client, db, roomy):
    response, answer, _seconds = readyz(client)
    assert response.status_code == 200
    assert answer["status"] == "ready"
    assert set(answer["checks"]) == {"database", "broker", "cache", "object_storage"}
    assert answer["checks"]["database"]["status"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_hung_cache_is_reported_down_within_the_timeout(client, db, settings, hung):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{hung.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    response, answer, seconds = readyz(client)
    assert response.status_code == 503
    assert answer["status"] == "not ready"
    assert answer["checks"]["cache"]["status"] in ("down", "timeout")
    assert answer["checks"]["database"]["status"] == "ok"
    assert seconds < 3


def test_a_hung_broker_is_reported_as_the_one_down_within_the_timeout(client, db, settings, hung):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{hung.port}/0"
    settings.READINESS_TIMEOUT_SECONDS = 1
    response, answer, seconds = readyz(client)
    assert response.status_code == 503
    assert answer["checks"]["broker"]["status"] in ("down", "timeout")
    assert {name for name, check in answer["checks"].items() if check["status"] not in ("ok", "in-process")} == {
        "broker"
    }
    assert seconds < 3


def test_a_hung_object_storage_is_reported_within_the_timeout(client, db, s3_storage, hung):
    s3_storage(endpoint_url=f"http://127.0.0.1:{hung.port}", S3_READ_TIMEOUT_SECONDS="2", S3_MAX_ATTEMPTS="1")
    response, answer, seconds = readyz(client)
    assert response.status_code == 503
    assert answer["checks"]["object_storage"]["status"] == "timeout"
    assert seconds < 3
    # Still stuck at the next probe: reported at once, and no second thread is started for it.
    response, answer, _seconds = readyz(client)
    assert answer["checks"]["object_storage"] == {"status": "timeout", "error": "still waiting since an earlier check"}
    # The stuck check ends at its own read timeout: the next test's probes start afresh.
    assert health._in_flight["object_storage"].result(timeout=10)["status"] == "down"


def test_object_storage_that_answers_is_ready(client, db, s3_storage, roomy):
    response, answer, _seconds = readyz(client)
    assert answer["checks"]["object_storage"]["status"] == "ok"
    assert response.status_code == 200


def test_a_missing_bucket_is_reported_down(client, db, s3_storage, roomy):
    s3_storage(S3_BUCKET="no-such-bucket")
    response, answer, _seconds = readyz(client)
    assert response.status_code == 503
    assert (answer["checks"]["object_storage"]["status"], answer["checks"]["object_storage"]["error"]) == (
        "down",
        "ClientError",
    )


# Metrics


def scrape(client, **headers):
    response = client.get("/metrics", **headers)
    if response.status_code != 200:
        return response, {}
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return response, samples


def test_metrics_are_refused_from_another_address_without_the_token(client, db, settings):
    settings.METRICS_ALLOWED_NETWORKS = []
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong", REMOTE_ADDR="203.0.113.9").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").status_code == 200


def test_metrics_are_read_from_an_allowed_network(client, db, settings):
    import ipaddress

    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = [ipaddress.ip_network("10.20.0.0/16")]
    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.21.3.4").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ", REMOTE_ADDR="10.21.3.4").status_code == 403


def test_with_neither_setting_nobody_reads_the_metrics(client, db, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = []
    assert client.get("/metrics").status_code == 403


def delivery(status, *, created):
    from notifications.models import Notification

    notification = Notification.objects.create(
        recipient=application_make().family.user, kind="application_received", context={}
    )
    Notification.objects.filter(pk=notification.pk).update(created_at=created)
    return Delivery.objects.create(
        notification=notification, channel=Channel.EMAIL, address="a@example.ae", status=status
    )


def test_the_operators_figures_match_the_data(client, db, django_assert_max_num_queries):
    now = timezone.now()
    delivery(DeliveryStatus.PENDING, created=now - datetime.timedelta(minutes=30))
    delivery(DeliveryStatus.SENDING, created=now - datetime.timedelta(minutes=2))
    delivery(DeliveryStatus.FAILED, created=now - datetime.timedelta(days=3))
    delivery(DeliveryStatus.SENT, created=now - datetime.timedelta(days=4))
    approved = application_make(status=Status.APPROVED)
    FeeAssessment.objects.create(application=approved, state=FeeAssessment.State.PENDING)
    FeeAssessment.objects.create(application=approved, state=FeeAssessment.State.PENDING, superseded_at=now)
    application_make(status=Status.SUBMITTED, submitted=now - datetime.timedelta(days=30))
    application_make(status=Status.UNDER_REVIEW, submitted=now - datetime.timedelta(days=30))
    application_make(status=Status.SUBMITTED, submitted=now)
    with django_assert_max_num_queries(8):
        response, samples = scrape(client)
    assert response.status_code == 200
    assert samples[("intaj_deliveries_pending", ())] == 2
    assert samples[("intaj_deliveries_failed", ())] == 1
    assert 30 * 60 <= samples[("intaj_deliveries_oldest_pending_age_seconds", ())] < 31 * 60
    assert samples[("intaj_fee_assessments_pending", ())] == 1
    assert samples[("intaj_applications_overdue", ())] == 2


def test_no_waiting_delivery_is_an_age_of_zero(client, db):
    _response, samples = scrape(client)
    assert samples[("intaj_deliveries_pending", ())] == 0
    assert samples[("intaj_deliveries_oldest_pending_age_seconds", ())] == 0


def test_the_request_latency_is_counted_by_view(client, db):
    client.get("/en/")
    client.get("/en/")
    _response, samples = scrape(client)
    labels = (("method", "GET"), ("status", "2xx"), ("view", "catalog:home"))
    assert samples[("intaj_request_duration_seconds_count", labels)] >= 2
    unresolved = (("method", "GET"), ("status", "4xx"), ("view", "unresolved"))
    before = samples.get(("intaj_request_duration_seconds_count", unresolved), 0)
    client.get("/no-such-page/at-all")
    _response, samples = scrape(client)
    assert samples[("intaj_request_duration_seconds_count", unresolved)] == before + 1


def gunicorn_hooks() -> dict:
    return runpy.run_path(str(Path(__file__).resolve().parents[1] / "gunicorn.conf.py"))


def test_gunicorn_forgets_an_exited_workers_live_state_and_keeps_its_counts(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    for name in ("gauge_livesum_4242.db", "histogram_4242.db", "histogram_4343.db"):
        (tmp_path / name).write_bytes(b"")
    gunicorn_hooks()["child_exit"](None, SimpleNamespace(pid=4242))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["histogram_4242.db", "histogram_4343.db"]


def test_gunicorns_hooks_do_nothing_without_the_multiprocess_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "histogram_4242.db").write_bytes(b"")
    hooks = gunicorn_hooks()
    hooks["on_starting"](None)
    hooks["child_exit"](None, SimpleNamespace(pid=4242))
    assert [path.name for path in tmp_path.iterdir()] == ["histogram_4242.db"]


# Request ids and JSON logs


def test_every_answer_carries_a_request_id_and_a_given_one_is_kept(client, db):
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234.abc")["X-Request-ID"] == "lb-1234.abc"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="a b\nInjected: yes")["X-Request-ID"]
    assert forged != "a b\nInjected: yes" and len(forged) == 32


def test_the_log_lines_of_a_request_carry_its_id(client, db, caplog):
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.INFO):
        client.get("/no-such-page/at-all", HTTP_X_REQUEST_ID="trace-42")
    assert "trace-42" in {record.request_id for record in caplog.records if record.name == "django.request"}


def test_a_json_log_line_has_the_request_id_and_the_traceback():
    record = logging.LogRecord("intaj", logging.ERROR, __file__, 1, "Storage %s down", ("s3",), None)
    try:
        raise TimeoutError("hung")
    except TimeoutError:
        import sys

        record.exc_info = sys.exc_info()
    record.request_id = "trace-7"
    line = json.loads(JsonFormatter().format(record))
    assert (line["level"], line["logger"], line["message"], line["request_id"]) == (
        "ERROR",
        "intaj",
        "Storage s3 down",
        "trace-7",
    )
    assert "TimeoutError: hung" in line["exception"]
    assert line["time"].endswith("+00:00")


def test_json_logs_are_switched_on_by_the_setting():
    from tests.test_production import manage

    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    script = "import logging; logging.getLogger('intaj').warning('hello')"
    result = manage("shell", "-c", script, env={**env, "DJANGO_LOG_FORMAT": "json"})
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert {"level": "WARNING", "logger": "intaj", "message": "hello", "request_id": "-"}.items() <= lines[-1].items()


def in_a_request(request_id: str, work):
    """`work()`'s result, run inside a request whose X-Request-ID is `request_id`, in a context of its own: the id
    does not outlive the test."""
    seen = []

    def view(request):
        seen.append(work())
        return HttpResponse()

    request = RequestFactory().get("/healthz", HTTP_X_REQUEST_ID=request_id)
    contextvars.copy_context().run(RequestIdMiddleware(view), request)
    return seen[0]


def published_headers() -> dict:
    """The headers of the message that publishing the relay puts on a broker (kombu's in-memory one)."""
    task = portal_celery.app.tasks["notifications.tasks.outbox_relay"]
    with Connection("memory://") as connection:
        task.apply_async((), connection=connection, queue="request-id-test")
        message = connection.SimpleQueue("request-id-test").get(timeout=5)
        message.ack()
        return message.headers


@pytest.fixture
def publishing():
    portal_celery.app.conf.task_always_eager = False  # put back by the `celery_in_process` fixture


def test_a_task_queued_during_a_request_carries_its_id(publishing):
    assert in_a_request("lb-queued-1", published_headers)[TASK_HEADER] == "lb-queued-1"


def test_a_task_queued_outside_a_request_carries_no_id(publishing):
    assert TASK_HEADER not in published_headers()


def worker_task(**headers):
    """A task as a worker runs it: `task.request` is made from its message's headers."""

    class Task:
        request = Context({"id": "task-1", "is_eager": False, **headers})

    return Task()


def test_a_worker_runs_a_task_under_the_id_it_carries_then_forgets_it():
    def run():
        request_id_from_task(task_id="task-1", task=worker_task(**{TASK_HEADER: "lb-queued-2"}))
        during = request_id_current()
        request_id_after_task(task_id="task-1")
        return during, request_id_current()

    assert contextvars.copy_context().run(run) == ("lb-queued-2", "-")


def test_a_task_that_carries_no_id_runs_under_none():
    def run():
        request_id_from_task(task_id="task-1", task=worker_task())
        during = request_id_current()
        request_id_after_task(task_id="task-1")
        return during

    assert contextvars.copy_context().run(run) == "-"


def test_a_task_run_eagerly_runs_under_the_request_id_which_stays_current_after_it(db, monkeypatch):
    seen = []
    monkeypatch.setattr("notifications.tasks.deliveries_due", lambda: seen.append(request_id_current()) or [])

    def publish_then_read():
        assert portal_celery.task_publish("notifications.tasks.outbox_relay") is True
        return request_id_current()

    assert in_a_request("lb-eager-3", publish_then_read) == "lb-eager-3"
    assert seen == ["lb-eager-3"]
