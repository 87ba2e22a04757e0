import pytest

from licenses.models import Notice as Kind
from notifications.models import Channel, Delivery, DeliveryStatus
from notifications.services import notification_create

pytestmark = pytest.mark.django_db

DELIVERIES = "/en/admin/notifications/delivery/"


@pytest.fixture
def failed(alice, received_context):
    notification = notification_create(
        recipient=alice, kind=Kind.APPLICATION_RECEIVED, context=received_context, channels=[Channel.EMAIL]
    )
    delivery = notification.deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, attempts=6, last_error="SMTPServerDisconnected: gone"
    )
    return delivery


def test_reviewers_see_delivery_status_attempts_and_last_error(client, reviewer, failed):
    client.force_login(reviewer)
    content = client.get(DELIVERIES).content.decode()
    assert "SMTPServerDisconnected: gone" in content


def test_a_reviewer_cannot_retry_deliveries(client, reviewer, failed):
    client.force_login(reviewer)
    client.post(DELIVERIES, {"action": "retry_now", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert failed.status == DeliveryStatus.FAILED


def test_a_manager_retries_a_failed_delivery(client, manager, failed, django_capture_on_commit_callbacks):
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELIVERIES, {"action": "retry_now", "_selected_action": [failed.pk]}, follow=True)
    assert "1 delivery will be tried again." in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == DeliveryStatus.SENT


def test_managers_see_the_schedules(client, manager):
    client.force_login(manager)
    content = client.get("/en/admin/django_celery_beat/periodictask/").content.decode()
    assert "Send licence renewal reminders" in content


def test_a_family_cannot_open_the_outbox(client, alice, failed):
    client.force_login(alice)
    assert "/admin/login/" in client.get(DELIVERIES)["Location"]
