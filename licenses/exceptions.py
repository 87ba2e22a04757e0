"""Refusals of the licensing rules: each carries a translated message for people and, where useful, a link.

Every one is a `ServiceError` (intaj_portal.errors), shown the same way as the other apps' refusals.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from intaj_portal import errors


@dataclass(frozen=True)
class SubmissionProblem:
    """One thing that stops an application being sent; `step` names the form step where it is fixed."""

    code: str
    message: Promise | str
    step: str | None = None


class ApplicationError(errors.ServiceError):
    """A refusal of the licensing rules, with a message in the active language."""

    code = "application_refused"


class TransitionNotAllowed(ApplicationError):
    """The step is not in the transition table from the application's current status."""

    code = "transition_not_allowed"


class ActorNotAllowed(errors.ActorNotAllowed, ApplicationError):
    """The step is in the table, but not for this person."""


class ApplicationNotEditable(ApplicationError):
    """The family can change an application only while it is a draft or the centre has asked for information."""

    code = "not_editable"


class ApplicationIncomplete(ApplicationError):
    """Submission refused: every problem is listed at once."""

    code = "incomplete"

    def __init__(self, message, *, problems: list[SubmissionProblem]):
        super().__init__(message)
        self.problems = problems


class ApplicationAlreadyOpen(ApplicationError):
    """The family already has an open application for the package: `application` is it."""

    code = "already_open"

    def __init__(self, message, *, application):
        super().__init__(message)
        self.application = application


class LicenceAlreadyHeld(ApplicationError):
    """The family holds a licence for the package: it renews that licence instead (`licence`)."""

    code = "licence_held"

    def __init__(self, message, *, licence):
        super().__init__(message)
        self.licence = licence


class RenewalNotOpen(ApplicationError):
    """The licence cannot be renewed yet."""

    code = "renewal_not_open"


class PackageClosed(ApplicationError):
    """The package is not open for applications."""

    code = "package_closed"


class ProfileMissing(ApplicationError):
    """An account needs a family profile before it can apply."""

    code = "profile_missing"


class CertificateUnavailable(errors.ServiceError):
    """The PDF library cannot run on this server: WeasyPrint, or the Pango library it loads, is missing.
    `missing` is the library's own word on what is missing, for the page that explains it."""

    code = "certificate_unavailable"

    def __init__(self, *, missing: str):
        super().__init__(_("The certificate cannot be made on this server at the moment."))
        self.missing = missing


class DocumentStorageUnavailable(ApplicationError):
    """The documents storage did not take the file (down, hanging past its timeouts, refusing): nothing was saved."""

    code = "storage_unavailable"

    def __init__(self):
        super().__init__(
            _(
                "The file could not be saved because the documents store is not answering. "
                "Please try again in a few minutes."
            ),
            field="file",
        )
