"""Celery tasks of the licences app: each takes ids or nothing, and calls one service."""

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from intaj_portal.periodic import DAY, periodic_once
from licenses import services


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def fee_assess_task(assessment_id: int) -> bool:
    return services.fee_assess(assessment_id=assessment_id) is not None


@shared_task
def fee_assessments_relay() -> int:
    """Hand Celery again every assessment still pending (the broker was down, or a worker died mid-task)."""
    due = services.fee_assessments_due()
    for assessment_id in due:
        services.fee_assessment_publish(assessment_id=assessment_id)
    return len(due)


@shared_task
@periodic_once(DAY)
def licence_reminders() -> int:
    return services.licence_reminders_send()


@shared_task
@periodic_once(DAY)
def licences_expire() -> int:
    return services.licence_expire_due(today=timezone.localdate())


@shared_task
@periodic_once(DAY)
def overdue_digest() -> int:
    return services.overdue_digest_send()
