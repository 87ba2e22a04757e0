from celery import shared_task
from django.db import OperationalError

from notifications.services import deliveries_due, deliveries_enqueue, delivery_attempt


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def delivery_send(delivery_id: int) -> bool:
    return delivery_attempt(delivery_id=delivery_id)


@shared_task
def outbox_relay() -> int:
    """Hand Celery every delivery still waiting: those enqueued while the broker was down, retries now due, and
    those a killed worker left half-done."""
    return deliveries_enqueue(delivery_ids=deliveries_due())
