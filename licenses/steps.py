"""The steps of the application form, in order. Choosing the package comes first and starts the draft.

Also what the stepper shows of them: which steps are complete (ticked), and which step a request for information
is about (where "Answer the request" opens).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise


STEPS = [
    Step("activities", _("Activities")),
    Step("business", _("Trade name and products")),
    Step("production", _("Place of production")),
    Step("documents", _("Documents")),
    Step("review", _("Review and send")),
]

# The step a request for information is about, by its reason's code (the reasons of `0002_load_reasons`). A reason
# staff add later, or "Set out in the centre's message", opens the first step: the family reads the message there.
REQUEST_STEPS = {
    "missing_document": "documents",
    "unclear_document": "documents",
    "expired_document": "documents",
    "details_mismatch": "documents",
    "trade_name": "business",
    "activities": "activities",
    "production_place": "production",
}


def step_after(slug: str) -> str:
    slugs = [step.slug for step in STEPS]
    return slugs[min(slugs.index(slug) + 1, len(slugs) - 1)]


def step_for_request(*, reason_code: str | None, documents_requested: Iterable[str] = ()) -> str:
    """The step a request for information sends the family to: the documents when the reviewer named documents to
    provide, otherwise the step its reason is about."""
    if documents_requested:
        return "documents"
    return REQUEST_STEPS.get(reason_code or "", STEPS[0].slug)


def steps_complete(problem_steps: Iterable[str | None]) -> set[str]:
    """The form steps with nothing left to put right (`problem_steps`: the steps of the application's submission
    problems). The last step is the sending itself, so it is never ticked."""
    unfinished = set(problem_steps)
    return {step.slug for step in STEPS[:-1] if step.slug not in unfinished}
