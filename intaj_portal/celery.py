import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intaj_portal.settings")

logger = logging.getLogger(__name__)

app = Celery("intaj_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def task_publish(name: str, *args) -> bool:
    """Hand the task registered as `name` to the broker; False, logged, when the broker cannot be reached.

    Services name their tasks rather than import them, so that tasks import services and never the other way
    round; each app's `ready()` registers its tasks. Callers have already written what the task works on as a row,
    so a broker that is down delays the work (the relay hands it over later) but never fails the request.
    """
    task = app.tasks[name]  # an unknown name is a programming error, not an outage
    try:
        task.delay(*args)
    except Exception:  # any broker failure: connection refused, timeout, unknown host
        logger.warning("Broker unavailable: %s%r waits for the relay", name, args, exc_info=True)
        return False
    return True
