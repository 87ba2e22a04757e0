"""Every log line carries the id of the request it was written for, and can be written as one JSON object.

`RequestIdMiddleware` takes the request's `X-Request-ID` (set by the load balancer, so one id follows a request
through every node) when it is a plain token, else makes one; it answers it in `X-Request-ID` and keeps it for the
request's thread. `RequestIdFilter` puts it on every record (`-` outside a request); `JsonFormatter` writes a record
as one line of JSON, for a log collector. `DJANGO_LOG_FORMAT=json` switches it on (settings.LOGGING).

A task queued during a request carries the request's id in its message (`request_id_to_task_headers`) and the
worker's lines about it carry it too (`request_id_from_task`, `request_id_after_task`); a task queued outside a
request (Celery beat, the relay) carries none, and its lines have `-`: the field says which request caused a line,
and Celery's own lines already name the task. The receivers are connected in `intaj_portal.celery`.
"""

import contextvars
import datetime
import json
import logging
import re
import uuid

from django.core.signals import request_finished

_request_id = contextvars.ContextVar("request_id", default="-")
ACCEPTED_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
HEADER = "X-Request-ID"
TASK_HEADER = "intaj_request_id"  # in a task message's headers; on the worker, an attribute of `task.request`


def request_id_current() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        request.request_id = given if ACCEPTED_ID.fullmatch(given) else uuid.uuid4().hex
        # Kept until the response is closed (request_finished), so that Django's own line about the answer
        # ("Not Found: …", written after the middleware) carries it too.
        _request_id.set(request.request_id)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


def _request_id_forget(**kwargs):
    _request_id.set("-")


request_finished.connect(_request_id_forget, dispatch_uid="intaj_request_id_forget")


# The value each running task replaced, by task id, put back when the task ends.
_replaced: dict[str, contextvars.Token] = {}


def request_id_to_task_headers(headers: dict, **kwargs):
    """Celery's `before_task_publish`: a task published while a request is current carries its id."""
    request_id = _request_id.get()
    if request_id != "-":
        headers[TASK_HEADER] = request_id


def request_id_from_task(task_id: str, task, **kwargs):
    """Celery's `task_prerun`: a worker's lines while the task runs carry the id of the request that queued it.

    A task run eagerly (the embedded default, unit tests) runs inside the request that queued it, whose id is
    already current: it is left alone, so nothing resets it when the task ends."""
    if task.request.is_eager:
        return
    _replaced[task_id] = _request_id.set(task.request.get(TASK_HEADER) or "-")


def request_id_after_task(task_id: str, **kwargs):
    """Celery's `task_postrun`: the worker's next lines are no longer the task's."""
    replaced = _replaced.pop(task_id, None)
    if replaced is not None:
        _request_id.reset(replaced)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request id, and the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", _request_id.get()),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
