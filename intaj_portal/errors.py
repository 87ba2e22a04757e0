"""How a service refuses, for every app, and the one way a page shows the refusal.

A service raises `ServiceError` (or a subclass) with a message for people; views, the admin and management commands
catch it and show `message`: on the form (`form_error_add`), as a message (`message_add`) or as a `CommandError`.
Validation inside forms and validators stays Django's `ValidationError`; a service that calls such a validator (or
`full_clean`) turns its refusal into a `ServiceError` with `validation_refused`.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# django-simple-history keeps a change reason of at most 100 characters.
HISTORY_REASON_MAX_LENGTH = 100


class ServiceError(Exception):
    """A service refuses: `message` says why to people, in the active language; `code` says it to code and tests.

    `field` names the form field the message belongs to, or is None when it concerns the whole form.
    """

    code = "refused"

    def __init__(self, message: Promise | str, *, code: str | None = None, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        if code is not None:
            self.code = code
        self.field = field


class ActorNotAllowed(ServiceError, PermissionDenied):
    """This person may not do this. Where nobody catches it, Django answers 403, as for PermissionDenied."""

    code = "actor_not_allowed"


@contextmanager
def validation_refused(*, field: str | None = None) -> Iterator[None]:
    """Inside a service, a Django validator's refusal becomes a ServiceError: its messages, on `field`.

    An error keyed by field (a model's `full_clean`) goes on its first field; the messages are joined into one.
    """
    try:
        yield
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            field, errors = next(iter(error.error_dict.items()))
            error = ValidationError(errors)
        code = error.error_list[0].code or ServiceError.code
        raise ServiceError(
            " ".join(error.messages), code=code, field=None if field == NON_FIELD_ERRORS else field
        ) from None


def history_reason_clean(reason: str | None, *, missing: Promise | str) -> str:
    """The reason staff give for a change the history records, on one line; a ServiceError (on the form's `reason`
    field) saying `missing` when it is empty, or when it is longer than the history keeps."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ServiceError(missing, code="reason_missing", field="reason")
    if len(reason) > HISTORY_REASON_MAX_LENGTH:
        raise ServiceError(
            _("Keep the reason to %(limit)d characters.") % {"limit": HISTORY_REASON_MAX_LENGTH},
            code="reason_too_long",
            field="reason",
        )
    return reason


def form_error_add(form, error: ServiceError) -> None:
    """Show the refusal on the form: beside `error.field` when the form has that field, else above the form."""
    form.add_error(error.field if error.field in form.fields else None, ValidationError(error.message, code=error.code))


def message_add(request, error: ServiceError, *, level: int = messages.ERROR, about: object = None) -> None:
    """Show the refusal as a message on the next page; `about` names what was refused when a page acts on several."""
    text = error.message if about is None else f"{about}: {error.message}"
    messages.add_message(request, level, text)
