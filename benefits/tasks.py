"""Celery tasks of the benefits app: each takes ids or nothing, and calls one service."""

from celery import shared_task

from benefits import services
from intaj_portal.periodic import DAY, periodic_once


@shared_task
@periodic_once(DAY)
def session_reminders() -> int:
    return services.session_reminders_send()
