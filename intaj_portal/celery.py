import contextvars
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from celery import Celery, signals
from django.conf import settings
from django.utils.log import configure_logging

from intaj_portal import logs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intaj_portal.settings")

logger = logging.getLogger(__name__)

app = Celery("intaj_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# A task queued during a request carries the request's id, and a worker's lines about it carry it too.
signals.before_task_publish.connect(logs.request_id_to_task_headers, dispatch_uid="intaj_request_id_publish")
signals.task_prerun.connect(logs.request_id_from_task, dispatch_uid="intaj_request_id_prerun")
signals.task_postrun.connect(logs.request_id_after_task, dispatch_uid="intaj_request_id_postrun")


@signals.setup_logging.connect(dispatch_uid="intaj_worker_logging")
def _worker_logging_from_settings(**kwargs):
    """Workers and beat log as the web processes do (settings.LOGGING: the request id, DJANGO_LOG_FORMAT,
    DJANGO_LOG_LEVEL), instead of Celery replacing the root logger's handler with its own."""
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


# Until this moment (time.monotonic()) publishes give up at once: the broker failed or hung a moment ago.
_paused_until = 0.0
# Set while demo or scale data is loaded: nothing is handed to Celery, and no message is queued for sending.
_withheld = contextvars.ContextVar("background_work_withheld", default=False)


@contextmanager
def background_work_withheld() -> Iterator[None]:
    """Inside this block no task is published or run, and `notification_create` writes the notification (the bell)
    but no delivery: demo and scale data never send an e-mail or an SMS, whether a real worker listens or not."""
    token = _withheld.set(True)
    try:
        yield
    finally:
        _withheld.reset(token)


def background_work_is_withheld() -> bool:
    """Whether the caller runs inside `background_work_withheld`."""
    return _withheld.get()


def _publish_waiting_at_most(task, args: tuple, timeout: float) -> None:
    """Publish from a thread of its own and wait for it at most `timeout` seconds; raise what publishing raised, or
    TimeoutError. A daemon thread: a process that exits does not wait for a hung broker either."""
    outcome: list[Exception | None] = []

    def publish():
        try:
            task.apply_async(args)
        except Exception as error:  # handed to the caller, which decides
            outcome.append(error)
        else:
            outcome.append(None)

    # In the caller's context: the request id it runs under goes into the task's headers (intaj_portal.logs).
    context = contextvars.copy_context()
    thread = threading.Thread(target=context.run, args=(publish,), name=f"publish-{task.name}", daemon=True)
    thread.start()
    thread.join(timeout)
    if not outcome:
        raise TimeoutError(f"the broker did not take {task.name} within {timeout} s")
    if outcome[0] is not None:
        raise outcome[0]


def task_publish(name: str, *args) -> bool:
    """Hand the task registered as `name` to the broker; False, logged, when the broker cannot take it at once.

    Services name their tasks rather than import them, so that tasks import services and never the other way
    round; each app's `ready()` registers its tasks. Callers have already written what the task works on as a row,
    so a broker that is down or hangs delays the work (the relay, run by Celery beat every minute, hands it over
    later) but never fails or holds up the request:
    - each publish waits at most TASK_PUBLISH_TIMEOUT_SECONDS for the broker;
    - after a publish failed or timed out, every publish of this process gives up at once for
      TASK_PUBLISH_PAUSE_SECONDS, so a request that writes many rows waits for a hung broker once, not per row.
    A publish that goes through after its caller stopped waiting is harmless: the relay may publish the same task
    again, and every task claims its row idempotently (a conditional update or a lock), so the work is done once.

    In eager mode (the embedded default, unit tests) the task runs here, synchronously, as before. Inside
    `background_work_withheld` nothing is published or run.
    """
    global _paused_until
    task = app.tasks[name]  # an unknown name is a programming error, not an outage
    if background_work_is_withheld():
        return False
    if app.conf.task_always_eager:
        try:
            task.apply_async(args)
        except Exception:  # the request that caused the row has committed: the row waits for the relay
            logger.exception("Task %s%r failed in-process and waits for the relay", name, args)
            return False
        return True
    if time.monotonic() < _paused_until:
        logger.warning("Broker unavailable a moment ago: %s%r waits for the relay", name, args)
        return False
    try:
        _publish_waiting_at_most(task, args, settings.TASK_PUBLISH_TIMEOUT_SECONDS)
    except Exception:  # any broker failure: refused, timed out, hung, unknown host
        _paused_until = time.monotonic() + settings.TASK_PUBLISH_PAUSE_SECONDS
        logger.warning("Broker unavailable: %s%r waits for the relay", name, args, exc_info=True)
        return False
    return True
