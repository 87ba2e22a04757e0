import datetime

import pytest
from django.core import mail
from django.db import OperationalError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from licenses.models import Notice as Kind
from notifications.models import Channel, Delivery, DeliveryStatus, Notification
from notifications.services import (
    deliveries_due,
    deliveries_enqueue,
    deliveries_retry,
    delivery_attempt,
    notification_create,
    notifications_mark_read,
)
from tests.notifications.mail import StatusAtCloseBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_reachable(alice):
    alice.mobile = "+971501234567"
    alice.save()
    return alice


def create(recipient, context, **kwargs):
    return notification_create(recipient=recipient, kind=Kind.APPLICATION_RECEIVED, context=context, **kwargs)


def test_a_notification_is_written_with_one_delivery_per_reachable_channel(alice_reachable, received_context):
    notification = create(alice_reachable, received_context)
    assert sorted(notification.deliveries.values_list("channel", "address")) == [
        ("email", "alice@example.ae"),
        ("sms", "+971501234567"),
    ]
    assert set(notification.deliveries.values_list("status", flat=True)) == {DeliveryStatus.PENDING}


def test_no_sms_delivery_without_a_mobile_number(alice, received_context):
    notification = create(alice, received_context)
    assert list(notification.deliveries.values_list("channel", flat=True)) == [Channel.EMAIL]


def test_deliveries_are_sent_only_after_the_transaction_commits(
    alice_reachable, received_context, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        create(alice_reachable, received_context)
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert len(sms_outbox) == 1
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_a_rolled_back_change_sends_nothing(alice, received_context, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        create(alice, received_context)
        raise RuntimeError("the change failed")
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_the_email_is_in_the_recipients_language_with_text_and_html(alice, received_context):
    alice.preferred_language = "ar"
    alice.save()
    delivery = create(alice, received_context, channels=[Channel.EMAIL]).deliveries.get()
    assert delivery_attempt(delivery_id=delivery.pk)
    email = mail.outbox[0]
    assert email.subject == "تم استلام الطلب ETM-2026-000042"
    assert "باقة طيب" in email.body
    assert "http://127.0.0.1:8000/ar/applications/42/" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert 'dir="rtl"' in html


def test_an_english_speaking_family_gets_english(alice, received_context):
    alice.preferred_language = "en"
    alice.save()
    delivery = create(alice, received_context, channels=[Channel.EMAIL]).deliveries.get()
    delivery_attempt(delivery_id=delivery.pk)
    assert mail.outbox[0].subject == "Application ETM-2026-000042 received"
    assert "the Tayeb package" in mail.outbox[0].body
    assert "/en/applications/42/" in mail.outbox[0].body


def test_a_delivery_is_never_sent_twice(alice, received_context):
    delivery = create(alice, received_context, channels=[Channel.EMAIL]).deliveries.get()
    assert delivery_attempt(delivery_id=delivery.pk) is True
    assert delivery_attempt(delivery_id=delivery.pk) is False
    assert len(mail.outbox) == 1


def test_a_claimed_delivery_is_not_taken_by_a_second_worker(alice, received_context):
    delivery = create(alice, received_context, channels=[Channel.EMAIL]).deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENDING, claimed_at=timezone.now())
    assert delivery_attempt(delivery_id=delivery.pk) is False
    assert mail.outbox == []


def test_a_delivery_abandoned_by_a_dead_worker_is_taken_up_after_the_timeout(alice, received_context, settings):
    delivery = create(alice, received_context, channels=[Channel.EMAIL]).deliveries.get()
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS + 1)
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENDING, claimed_at=long_ago, attempts=1)
    assert delivery.pk in deliveries_due()
    assert delivery_attempt(delivery_id=delivery.pk) is True
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(mail.outbox)) == (DeliveryStatus.SENT, 2, 1)


def test_every_copy_of_an_email_carries_the_deliverys_message_id(alice, received_context):
    """The remaining window (the server took the message, the row was not marked sent) resends the same message."""
    delivery = create(alice, received_context, channels=[Channel.EMAIL]).deliveries.get()
    assert delivery_attempt(delivery_id=delivery.pk) is True
    long_ago = timezone.now() - datetime.timedelta(days=1)
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENDING, claimed_at=long_ago)
    assert delivery_attempt(delivery_id=delivery.pk) is True
    ids = [message.message()["Message-ID"] for message in mail.outbox]
    assert ids == [f"<delivery-{delivery.pk}@intaj.sssd.shj.ae>"] * 2


def test_the_mail_connection_is_closed_only_after_the_delivery_is_marked_sent(alice, received_context, settings):
    settings.EMAIL_BACKEND = "tests.notifications.mail.StatusAtCloseBackend"
    StatusAtCloseBackend.statuses = []
    delivery = create(alice, received_context, channels=[Channel.EMAIL]).deliveries.get()
    assert delivery_attempt(delivery_id=delivery.pk) is True
    assert StatusAtCloseBackend.statuses == [[DeliveryStatus.SENT]]
    assert len(mail.outbox) == 1


@pytest.fixture
def database_fails_when_marking_sent(monkeypatch):
    """The first `failures` attempts to mark a delivery sent fail as a dropped database connection would."""
    monkeypatch.setattr("notifications.services.SENT_RECORD_PAUSE_SECONDS", 0)
    real_update = QuerySet.update
    failing = {"left": 0}

    def update(queryset, **values):
        if values.get("status") == DeliveryStatus.SENT and failing["left"]:
            failing["left"] -= 1
            raise OperationalError("server closed the connection unexpectedly")
        return real_update(queryset, **values)

    monkeypatch.setattr(QuerySet, "update", update)
    return failing


def test_a_database_error_after_the_server_took_the_email_is_retried_and_sends_once(
    alice, received_context, database_fails_when_marking_sent
):
    database_fails_when_marking_sent["left"] = 2
    delivery = create(alice, received_context, channels=[Channel.EMAIL]).deliveries.get()
    assert delivery_attempt(delivery_id=delivery.pk) is True
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, len(mail.outbox)) == (DeliveryStatus.SENT, 1, 1)


def test_a_database_down_after_the_server_took_the_email_leaves_it_claimed(
    alice, received_context, database_fails_when_marking_sent
):
    """The window that remains: the relay sends it again once the claim times out (docs/decisions.md)."""
    database_fails_when_marking_sent["left"] = 99
    delivery = create(alice, received_context, channels=[Channel.EMAIL]).deliveries.get()
    with pytest.raises(OperationalError):
        delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, len(mail.outbox)) == (DeliveryStatus.SENDING, 1)


def test_a_failure_is_recorded_and_retried_with_backoff(alice, received_context, sms_outbox, monkeypatch, settings):
    alice.mobile = "+971501234567"
    alice.save()
    delivery = create(alice, received_context, channels=[Channel.SMS]).deliveries.get()

    def gateway_down(self, *, to, text):
        raise ConnectionError("gateway unreachable")

    monkeypatch.setattr("notifications.sms.LocmemSmsBackend.send", gateway_down)
    now = timezone.now()
    assert delivery_attempt(delivery_id=delivery.pk, now=now) is False
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.last_error == "ConnectionError: gateway unreachable"
    assert delivery.next_attempt_at == now + datetime.timedelta(seconds=settings.NOTIFICATION_RETRY_BASE_SECONDS)
    # Not due yet: nothing happens before the back-off has passed.
    assert delivery_attempt(delivery_id=delivery.pk, now=now) is False
    assert delivery.pk not in deliveries_due(now=now)
    later = delivery.next_attempt_at + datetime.timedelta(seconds=1)
    assert delivery.pk in deliveries_due(now=later)

    monkeypatch.undo()
    assert delivery_attempt(delivery_id=delivery.pk, now=later) is True
    assert len(sms_outbox) == 1


def test_attempts_stop_at_the_limit_and_the_delivery_is_marked_failed(alice, received_context, monkeypatch, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    delivery = create(alice, received_context, channels=[Channel.EMAIL]).deliveries.get()
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", lambda self: 1 / 0)
    moment = timezone.now()
    for _attempt in range(2):
        delivery_attempt(delivery_id=delivery.pk, now=moment)
        moment += datetime.timedelta(days=1)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 2)
    assert delivery.pk not in deliveries_due(now=moment)


def test_retrying_failed_deliveries_gives_them_new_attempts(
    alice, received_context, django_capture_on_commit_callbacks
):
    delivery = create(alice, received_context, channels=[Channel.EMAIL]).deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, attempts=6)
    with django_capture_on_commit_callbacks(execute=True):
        assert deliveries_retry(delivery_ids=[delivery.pk]) == 1
    delivery.refresh_from_db()
    assert (delivery.status, len(mail.outbox)) == (DeliveryStatus.SENT, 1)


def test_retry_leaves_sent_deliveries_alone(alice, received_context):
    delivery = create(alice, received_context, channels=[Channel.EMAIL]).deliveries.get()
    delivery_attempt(delivery_id=delivery.pk)
    assert deliveries_retry(delivery_ids=[delivery.pk]) == 0


def test_a_dedupe_key_makes_a_scheduled_message_once(alice, received_context):
    assert create(alice, received_context, dedupe_key="renewal:1:30") is not None
    assert create(alice, received_context, dedupe_key="renewal:1:30") is None
    assert Notification.objects.count() == 1


def test_a_broker_that_is_down_loses_nothing(alice, received_context, monkeypatch):
    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr("notifications.tasks.delivery_send.apply_async", broker_down)
    delivery = create(alice, received_context, channels=[Channel.EMAIL]).deliveries.get()
    assert deliveries_enqueue(delivery_ids=[delivery.pk]) == 0
    assert deliveries_due() == [delivery.pk]
    monkeypatch.undo()
    assert deliveries_enqueue(delivery_ids=deliveries_due()) == 1
    assert len(mail.outbox) == 1


def test_marking_read_touches_only_the_recipients_notifications(alice, charlie, received_context):
    mine = create(alice, received_context)
    theirs = create(charlie, received_context)
    assert notifications_mark_read(recipient=alice, notification_ids=[mine.pk, theirs.pk]) == 1
    theirs.refresh_from_db()
    assert theirs.read_at is None
