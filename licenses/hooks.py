"""The one place the rest of the portal learns that an application changed status.

`application_status_changed` is called by `services.application_transition` for every step, inside the step's
transaction, after the history row is written. The notifications and fee-assessment issue fills it in: it will
record the e-mail to send and the fee assessment to compute (submission received, information requested,
approved, issued, rejected, withdrawn) as rows in the same transaction, and enqueue the Celery tasks with
`transaction.on_commit`. Until then the history row (`event`) is the whole record, and this function does nothing.
"""

from licenses.models import Application, ApplicationEvent


def application_status_changed(*, application: Application, event: ApplicationEvent) -> None:
    """Deliberately empty for now: no notification is sent and no fee is assessed yet (see the module doc)."""
    return None
