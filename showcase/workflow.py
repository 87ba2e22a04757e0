"""The moderation of a showcase entry: every version the family sends waits for a reviewer's approval before the
public sees it, and the last approved version stays public meanwhile.

One table of the steps allowed from each status of a version, with each step's facts beside it; anything not in
the table is refused by the one function that performs the steps (`showcase.services.version_transition`). The
empty status "" is the version before it exists: the family sending its first or next version.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FAMILY = "family", _("the licence holder")
    REVIEWER = "reviewer", _("a reviewer of the centre")
    # The portal itself: an approved version is replaced when a later one is approved.
    PORTAL = "portal", _("the portal")


class Status(models.TextChoices):
    """Stable values (they are stored): never rename them. The labels are the staff's words."""

    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Not approved")
    SUPERSEDED = "superseded", _("Replaced by a later version")


FAMILY_LABELS = {
    Status.PENDING: _("Sent — waiting for the centre's approval"),
    Status.APPROVED: _("Approved and shown on the showcase"),
    Status.REFUSED: _("Not approved: please see the centre's message"),
    Status.SUPERSEDED: _("Replaced by a later version"),
}


class Notice(models.TextChoices):
    """The notifications the showcase sends; their texts are in `showcase.notices`."""

    APPROVED = "showcase_approved", _("Showcase entry approved")
    REFUSED = "showcase_refused", _("Showcase entry not approved")


@dataclass(frozen=True)
class Step:
    """The facts of one step of a version."""

    roles: frozenset[Role]
    title: Promise
    # What the family is told; "" for nothing.
    notice: Notice | str = ""
    # A reason, written to the family, is required.
    needs_reason: bool = False
    # The version becomes the public one (the previous public one is replaced).
    publishes: bool = False


FAMILY = frozenset({Role.FAMILY})
REVIEWER = frozenset({Role.REVIEWER})
PORTAL = frozenset({Role.PORTAL})

SUBMIT = Step(FAMILY, _("Send for approval"))
APPROVE = Step(REVIEWER, _("Approve"), notice=Notice.APPROVED, publishes=True)
REFUSE = Step(REVIEWER, _("Refuse"), notice=Notice.REFUSED, needs_reason=True)
REPLACE = Step(PORTAL, _("Replaced by a later version"))

FLOW: dict[str, dict[Status, Step]] = {
    "": {Status.PENDING: SUBMIT},
    # The family changes a version still waiting: it stays in the queue, with its new content.
    Status.PENDING: {Status.PENDING: SUBMIT, Status.APPROVED: APPROVE, Status.REFUSED: REFUSE},
    Status.REFUSED: {Status.PENDING: SUBMIT},
    Status.APPROVED: {Status.SUPERSEDED: REPLACE},
    Status.SUPERSEDED: {},
}
# A version the family may still change in place (else a change is a new version).
OPEN = [Status.PENDING, Status.REFUSED]


def steps_from(status: str, *, role: Role) -> list[tuple[str, Step]]:
    """The (target status, step) pairs `role` may take from `status`, in the table's order."""
    return [(target, step) for target, step in FLOW[status].items() if role in step.roles]
