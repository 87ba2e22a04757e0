"""The application's life: its statuses, who moves it on, and the one table of allowed transitions.

`TRANSITIONS[from][to]` names the role that may make the step; anything not in the table is refused.
DOMAIN.md's "draft → deleted" is not a transition: a draft that was never sent is simply deleted.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Stable values (they are stored): never rename them. The labels are the staff's words."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    INFO_REQUESTED = "info_requested", _("Information requested")
    APPROVED = "approved", _("Approved")
    ISSUED = "issued", _("Licence issued")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What the family reads for each status (DOMAIN.md).
FAMILY_LABELS = {
    Status.DRAFT: _("Draft — not sent"),
    Status.SUBMITTED: _("Received"),
    Status.UNDER_REVIEW: _("Under review"),
    Status.INFO_REQUESTED: _("Action needed: information requested"),
    Status.APPROVED: _("Approved by the centre, sent to DED"),
    Status.ISSUED: _("Licence issued"),
    Status.REJECTED: _("Not approved"),
    Status.WITHDRAWN: _("Withdrawn"),
}


class Role(models.TextChoices):
    FAMILY = "family", _("the family that owns the application")
    REVIEWER = "reviewer", _("a reviewer of the centre")


TRANSITIONS: dict[Status, dict[Status, Role]] = {
    Status.DRAFT: {Status.SUBMITTED: Role.FAMILY},
    Status.SUBMITTED: {Status.UNDER_REVIEW: Role.REVIEWER, Status.WITHDRAWN: Role.FAMILY},
    Status.UNDER_REVIEW: {
        Status.INFO_REQUESTED: Role.REVIEWER,
        Status.APPROVED: Role.REVIEWER,
        Status.REJECTED: Role.REVIEWER,
        Status.WITHDRAWN: Role.FAMILY,
    },
    Status.INFO_REQUESTED: {Status.SUBMITTED: Role.FAMILY, Status.WITHDRAWN: Role.FAMILY},
    Status.APPROVED: {Status.ISSUED: Role.REVIEWER},
    Status.ISSUED: {},
    Status.REJECTED: {},
    Status.WITHDRAWN: {},
}

# An open application blocks another one for the same family and package (a database constraint).
OPEN_STATUSES = [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW, Status.INFO_REQUESTED, Status.APPROVED]
# The family may change its answers and documents only while the application is in its hands.
EDITABLE_STATUSES = [Status.DRAFT, Status.INFO_REQUESTED]
# The centre's part: from a (re)submission until it asks for information or decides. Counted for the service level.
WAITING_FOR_CENTRE = [Status.SUBMITTED, Status.UNDER_REVIEW]


def transitions_from(status: str, *, role: Role) -> list[Status]:
    """The statuses `role` may move an application to from `status`, in the table's order."""
    return [target for target, allowed in TRANSITIONS[Status(status)].items() if allowed == role]
