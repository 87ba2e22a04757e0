import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intaj_portal.settings")

logger = logging.getLogger(__name__)

app = Celery("intaj_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def task_publish(task, *args) -> bool:
    """Hand `task` to the broker; False, logged, when the broker cannot be reached.

    Callers have already written what the task works on as a row, so a broker that is down delays the work (the
    relay hands it over later) but never fails the request that caused it.
    """
    try:
        task.delay(*args)
    except Exception:  # any broker failure: connection refused, timeout, unknown host
        logger.warning("Broker unavailable: %s%r waits for the relay", task.name, args, exc_info=True)
        return False
    return True
