"""Celery tasks of the benefits app: each takes ids or nothing, and calls one service."""

from celery import shared_task

from benefits import services


@shared_task
def session_reminders() -> int:
    return services.session_reminders_send()
