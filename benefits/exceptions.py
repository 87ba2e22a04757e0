"""Refusals of the benefits' rules. Every one is a `ServiceError` (intaj_portal.errors) with a `code` and a
translated message, shown the same way as the other apps' refusals."""

from dataclasses import dataclass

from django.utils.functional import Promise

from intaj_portal import errors


@dataclass(frozen=True)
class Problem:
    """One reason a family cannot take a place, as the detail page shows it and the service refuses with it."""

    code: str
    message: Promise | str


class BenefitError(errors.ServiceError):
    """A refusal of the benefits' rules."""

    code = "benefit_refused"


class StepNotAllowed(BenefitError):
    """The step is not in the process's table from the request's current status, or its moment has passed."""

    code = "step_not_allowed"


class ActorNotAllowed(errors.ActorNotAllowed, BenefitError):
    """The step is in the table, but not for this person."""


class NotEligible(BenefitError):
    """The family cannot ask for this place: `problem` says why (no licence, deadline passed, …)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message, code=problem.code)
        self.problem = problem


class NoPlaceLeft(BenefitError):
    """Every booth or seat is taken."""

    code = "no_place_left"
