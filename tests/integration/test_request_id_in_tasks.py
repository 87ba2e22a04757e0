"""The request id follows a request into the tasks it queues: a real worker, Redis and PostgreSQL."""

import json

import pytest
from django.urls import reverse

from notifications.models import Channel, Delivery, DeliveryStatus
from tests.integration.conftest import wait_for
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import complete_application

pytestmark = [pytest.mark.real_broker, pytest.mark.django_db(transaction=True)]


def test_a_line_a_worker_writes_for_a_task_carries_the_id_of_the_request_that_queued_it(real_celery, client, alice):
    worker = real_celery.start(DJANGO_LOG_FORMAT="json", SMS_BACKEND="notifications.sms.LoggingSmsBackend")
    alice.mobile = "+971501234567"  # so that the submission also sends her an SMS, which the worker logs
    alice.save(update_fields=["mobile"])
    draft = complete_application(family=eligible_family(alice))
    client.force_login(alice)
    submit = reverse("licenses:application_submit", kwargs={"pk": draft.pk})
    response = client.post(submit, {"confirm": "on"}, HTTP_X_REQUEST_ID="lb-submit-42")
    assert response.status_code == 302
    sms = Delivery.objects.get(notification__recipient=alice, channel=Channel.SMS)
    assert wait_for(lambda: Delivery.objects.get(pk=sms.pk).status == DeliveryStatus.SENT)
    worker.terminate()  # a warm shutdown: a task still running finishes and writes its last line
    output = worker.communicate(timeout=60)[0].decode(errors="replace")

    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]

    def ids_logged_by(logger: str) -> list[str]:
        return [line["request_id"] for line in lines if line["logger"] == logger]

    assert ids_logged_by("notifications.sms") == ["lb-submit-42"]  # "SMS to …", by the task's own code
    assert set(ids_logged_by("celery.app.trace")) == {"lb-submit-42"}  # "Task … succeeded"
    # The worker's own lines belong to no request: "ready", and "Task … received" (before the task runs).
    assert set(ids_logged_by("celery.apps.worker") + ids_logged_by("celery.worker.strategy")) == {"-"}
