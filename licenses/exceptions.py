"""Refusals of the licensing rules: each carries a translated message for people and, where useful, a link."""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class SubmissionProblem:
    """One thing that stops an application being sent; `step` names the form step where it is fixed."""

    code: str
    message: Promise | str
    step: str | None = None


class ApplicationError(Exception):
    """A refusal of the licensing rules, with a message in the active language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class TransitionNotAllowed(ApplicationError):
    """The step is not in the transition table from the application's current status."""


class ActorNotAllowed(ApplicationError):
    """The step is in the table, but not for this person."""


class ApplicationNotEditable(ApplicationError):
    """The family can change an application only while it is a draft or the centre has asked for information."""


class ApplicationIncomplete(ApplicationError):
    """Submission refused: every problem is listed at once."""

    def __init__(self, message, *, problems: list[SubmissionProblem]):
        super().__init__(message)
        self.problems = problems


class ApplicationAlreadyOpen(ApplicationError):
    """The family already has an open application for the package: `application` is it."""

    def __init__(self, message, *, application):
        super().__init__(message)
        self.application = application


class LicenceAlreadyHeld(ApplicationError):
    """The family holds a licence for the package: it renews that licence instead (`licence`)."""

    def __init__(self, message, *, licence):
        super().__init__(message)
        self.licence = licence


class RenewalNotOpen(ApplicationError):
    """The licence cannot be renewed yet."""


class PackageClosed(ApplicationError):
    """The package is not open for applications."""


class ProfileMissing(ApplicationError):
    """An account needs a family profile before it can apply."""
