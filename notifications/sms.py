"""SMS gateways. The portal talks to one through `send(to=, text=)`; settings.SMS_BACKEND chooses which.

The default writes each message to the log, for the embedded mode and for centres without a gateway contract.
A real gateway is a class with the same method, named in SMS_BACKEND. Its `send` returns once the gateway has
accepted the message and raises on anything else (the outbox records the error and tries again later), and it
gives up after `settings.SMS_TIMEOUT_SECONDS`: pass that as the timeout of every call to the gateway (connect and
read, e.g. `requests.post(..., timeout=settings.SMS_TIMEOUT_SECONDS)`). A backend that hangs regardless is stopped
by the task's time limit (CELERY_TASK_SOFT_TIME_LIMIT), which holds the worker far longer.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class LoggingSmsBackend:
    def send(self, *, to: str, text: str) -> None:
        # The number is partly masked: logs are read by more people than the family's file is.
        logger.info("SMS to %s: %s", f"{to[:6]}•••{to[-2:]}", text)


class LocmemSmsBackend:
    """Keeps messages in `outbox`, like Django's locmem e-mail backend: for tests."""

    outbox: list[dict] = []

    def send(self, *, to: str, text: str) -> None:
        LocmemSmsBackend.outbox.append({"to": to, "text": text})


def sms_backend():
    return import_string(settings.SMS_BACKEND)()
