"""Refusals of the showcase's rules: each a `ServiceError` (intaj_portal.errors) with a `code` and a message."""

from intaj_portal import errors


class ShowcaseError(errors.ServiceError):
    code = "showcase_refused"


class StepNotAllowed(ShowcaseError):
    code = "step_not_allowed"


class ActorNotAllowed(errors.ActorNotAllowed, ShowcaseError):
    """The step is in the table, but not for this person."""
