"""The steps of the application form, in order. Choosing the package comes first and starts the draft."""

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


def step_after(slug: str) -> str:
    slugs = [step.slug for step in STEPS]
    return slugs[min(slugs.index(slug) + 1, len(slugs) - 1)]
