import datetime
import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.utils import DNS_NAME
from django.db import InterfaceError, OperationalError, transaction
from django.db import connection as db_connection
from django.db.models import F, Q
from django.utils import timezone

from families.models import User
from intaj_portal.celery import background_work_is_withheld, task_publish
from notifications.messages import email_render, notification_render
from notifications.models import Channel, Delivery, DeliveryStatus, Notification
from notifications.sms import sms_backend

logger = logging.getLogger(__name__)


def notification_create(
    *,
    recipient: User,
    kind: str,
    context: dict,
    channels: Iterable[Channel] = (Channel.EMAIL, Channel.SMS),
    dedupe_key: str | None = None,
) -> Notification | None:
    """Write a notification and one delivery per channel the recipient can be reached on, in the caller's
    transaction; the deliveries are handed to Celery once that transaction commits.

    Returns None, writing nothing, when a notification with the same `dedupe_key` exists: scheduled messages
    name themselves so that a schedule that runs twice sends once. Inside `background_work_withheld` (demo data)
    only the notification is written: nothing is sent.
    """
    with transaction.atomic():
        if dedupe_key and Notification.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        notification = Notification.objects.create(
            recipient=recipient,
            kind=kind,
            language=recipient.preferred_language,
            context=context,
            dedupe_key=dedupe_key,
        )
        if background_work_is_withheld():
            return notification
        addresses = {Channel.EMAIL: recipient.email, Channel.SMS: recipient.mobile}
        deliveries = Delivery.objects.bulk_create(
            [
                Delivery(notification=notification, channel=channel, address=addresses[channel])
                for channel in channels
                if addresses[channel]
            ]
        )
        ids = [delivery.pk for delivery in deliveries]
        transaction.on_commit(lambda: deliveries_enqueue(delivery_ids=ids))
    return notification


def deliveries_enqueue(*, delivery_ids: Iterable[int]) -> int:
    """Hand deliveries to Celery. A broker that is down is logged and left to the relay: nothing is lost, since
    the rows stay pending, and the request that caused them does not fail."""
    enqueued = 0
    for delivery_id in delivery_ids:
        if not task_publish("notifications.tasks.delivery_send", delivery_id):
            break
        enqueued += 1
    return enqueued


def _due(now: datetime.datetime) -> Q:
    """Pending and due, or claimed by a worker that died mid-send longer ago than the claim timeout."""
    abandoned_before = now - datetime.timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS)
    return (
        Q(status=DeliveryStatus.PENDING, next_attempt_at__isnull=True)
        | Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        | Q(status=DeliveryStatus.SENDING, claimed_at__lt=abandoned_before)
    )


def _retry_delay(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.NOTIFICATION_RETRY_BASE_SECONDS * 2 ** (attempts - 1))


def delivery_attempt(*, delivery_id: int, now: datetime.datetime | None = None) -> bool:
    """Send one delivery if it is still due; return whether this call sent it.

    The row is claimed first with a conditional update (pending and due, or abandoned by a worker that died
    mid-send longer than NOTIFICATION_CLAIM_TIMEOUT_SECONDS ago), so a duplicate task, a retry and the relay can
    never send it twice. A failure is recorded and retried with exponential back-off until
    NOTIFICATION_MAX_ATTEMPTS, then marked failed.

    Once the mail server or gateway has accepted the message, the row is marked sent at once, with retries, and only
    then is the mail server's connection closed: a database error or a server slow to answer QUIT no longer leaves
    the row claimed for the relay to send again (docs/decisions.md, "Notifications", says what window remains).
    """
    now = now or timezone.now()
    claimed = Delivery.objects.filter(_due(now), pk=delivery_id).update(
        status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return False

    delivery = Delivery.objects.select_related("notification__recipient").get(pk=delivery_id)
    with _mail_connection(delivery) as connection:
        try:
            _send(delivery, connection)
        except Exception as error:  # a gateway or SMTP failure of any kind is recorded and retried
            final = delivery.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS
            Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.SENDING, claimed_at=now).update(
                status=DeliveryStatus.FAILED if final else DeliveryStatus.PENDING,
                next_attempt_at=None if final else now + _retry_delay(delivery.attempts),
                last_error=f"{type(error).__name__}: {error}"[:2000],
            )
            logger.warning("Delivery %s failed (attempt %s): %s", delivery_id, delivery.attempts, error)
            return False
        _sent_record(delivery_id=delivery_id, claimed_at=now)
    return True


# Marking a delivery sent after the server accepted it: tries, and the pause before each retry.
SENT_RECORD_TRIES = 4
SENT_RECORD_PAUSE_SECONDS = 0.5


def _sent_record(*, delivery_id: int, claimed_at: datetime.datetime) -> None:
    """Mark a delivery sent in a transaction of its own, retrying on a new database connection: the message is gone,
    and a row left "sending" would be sent again once its claim times out."""
    for attempt in range(1, SENT_RECORD_TRIES + 1):
        try:
            Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.SENDING, claimed_at=claimed_at).update(
                status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error=""
            )
            return
        except (OperationalError, InterfaceError):
            if attempt == SENT_RECORD_TRIES:
                logger.error("Delivery %s was sent but could not be marked sent: it may be sent again", delivery_id)
                raise
            logger.warning("Delivery %s sent; marking it sent failed (try %s), trying again", delivery_id, attempt)
            if not db_connection.in_atomic_block:
                db_connection.close()  # a broken connection is replaced by a new one on the next query
            time.sleep(SENT_RECORD_PAUSE_SECONDS * attempt)


@contextmanager
def _mail_connection(delivery: Delivery) -> Iterator[BaseEmailBackend | None]:
    """The mail server's connection for an e-mail delivery (None for SMS), closed (QUIT) when the block ends.

    Closing is the last step: a server that is slow to answer QUIT or fails then only holds the worker up to
    EMAIL_TIMEOUT, after the delivery is marked sent.
    """
    if delivery.channel != Channel.EMAIL:
        yield None
        return
    connection = get_connection()
    try:
        yield connection
    finally:
        try:
            connection.close()
        except Exception as error:  # the message was handed over or the failure recorded: nothing left to do
            logger.info("Closing the mail connection of delivery %s failed: %s", delivery.pk, error)


def delivery_message_id(delivery: Delivery) -> str:
    """The same Message-ID for every attempt of a delivery, so that a copy sent twice is recognisably the same."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or DNS_NAME.get_fqdn()
    return f"<delivery-{delivery.pk}@{domain}>"


def _send(delivery: Delivery, connection: BaseEmailBackend | None) -> None:
    notification = delivery.notification
    if delivery.channel == Channel.EMAIL:
        subject, text, html = email_render(notification)
        email = EmailMultiAlternatives(
            subject=subject,
            body=text,
            to=[delivery.address],
            headers={"Message-ID": delivery_message_id(delivery)},
            connection=connection,
        )
        email.attach_alternative(html, "text/html")
        # Opened here, so that sending leaves it open: it is closed after the delivery is marked sent.
        connection.open()
        email.send()
    else:
        sms_backend().send(to=delivery.address, text=notification_render(notification).sms)


def deliveries_due(*, now: datetime.datetime | None = None) -> list[int]:
    """Deliveries the relay should hand to Celery again: pending and due, or abandoned mid-send."""
    return list(
        Delivery.objects.filter(_due(now or timezone.now()))
        .order_by("id")
        .values_list("pk", flat=True)[: settings.NOTIFICATION_RELAY_BATCH]
    )


def deliveries_retry(*, delivery_ids: Iterable[int]) -> int:
    """Give failed deliveries a fresh set of attempts and hand them to Celery; others are left as they are."""
    with transaction.atomic():
        ids = list(
            Delivery.objects.filter(pk__in=list(delivery_ids), status=DeliveryStatus.FAILED).values_list(
                "pk", flat=True
            )
        )
        Delivery.objects.filter(pk__in=ids).update(status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=None)
        transaction.on_commit(lambda: deliveries_enqueue(delivery_ids=ids))
    return len(ids)


def notifications_mark_read(*, recipient: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the recipient's notifications read (all of them when no ids are given); others' are never touched."""
    unread = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
