"""The application's life: its statuses, every fact of each step, and the one table of allowed transitions.

`STEPS[to]` says everything about the step to a status: who may take it, its title for staff, whether it needs a
reason (and of which kind) with a message to the family, what it records, and how the family and the staff are
told. `FLOW[from]` lists the steps possible from a status; `TRANSITIONS[from][to]` is derived from the two and
names the role that may make the step. Anything not in the table is refused by `application_transition`.

Adding a status is a change to this file (its value, the family's label, its step, its place in `FLOW`), plus a
migration for the new choice, its templates and its translations. DOMAIN.md's "draft → deleted" is not a
transition: a draft that was never sent is simply deleted.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
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


class ReasonKind(models.TextChoices):
    """The lists of reasons staff choose from (`Reason.kind`)."""

    INFO_REQUEST = "info_request", _("Request for information")
    REJECTION = "rejection", _("Rejection")


class Notice(models.TextChoices):
    """The notifications the licensing workflow sends; their texts are in `licenses.notices`."""

    APPLICATION_RECEIVED = "application_received", _("Application received")
    UNDER_REVIEW = "under_review", _("Application under review")
    INFO_REQUESTED = "info_requested", _("Information requested")
    APPROVED = "approved", _("Application approved")
    ISSUED = "issued", _("Licence issued")
    REJECTED = "rejected", _("Application not approved")
    WITHDRAWN = "withdrawn", _("Application withdrawn")
    RENEWAL_REMINDER = "renewal_reminder", _("Licence renewal reminder")
    STAFF_APPLICATION_SUBMITTED = "staff_application_submitted", _("Application submitted (staff)")
    STAFF_OVERDUE_DIGEST = "staff_overdue_digest", _("Overdue applications (staff digest)")


@dataclass(frozen=True)
class Step:
    """The facts of the step that moves an application to one status."""

    role: Role
    # The step's button and page title for staff (and the family's button, for the family's steps).
    title: Promise
    # A reason from the list of this kind, and a message to the family, are required; other steps take no reason.
    reason_kind: ReasonKind | None = None
    # What the family is told, unless the one who acts switches it off; "" for nothing.
    family_notice: Notice | str = ""
    # Told only once the fee is assessed (the notice carries the amount), not at the step itself.
    family_notice_after_fee: bool = False
    # What the reviewers are told (by e-mail): the assigned one, or every active reviewer.
    staff_notice: Notice | str = ""
    # The family sends the application: it must be complete and eligible, and gets its reference.
    is_submission: bool = False
    # The centre decides: the decision time is recorded (service level and dashboard medians).
    is_decision: bool = False
    # The reviewer records the licence DED issued: its number and issue date are required.
    records_licence: bool = False
    # The reviewer may name documents of the application's checklist to provide (again): "Answer the request"
    # then opens the documents step with those marked.
    names_documents: bool = False


STEPS: dict[Status, Step] = {
    Status.SUBMITTED: Step(
        role=Role.FAMILY,
        title=_("Send the application"),
        family_notice=Notice.APPLICATION_RECEIVED,
        staff_notice=Notice.STAFF_APPLICATION_SUBMITTED,
        is_submission=True,
    ),
    Status.UNDER_REVIEW: Step(role=Role.REVIEWER, title=_("Start review"), family_notice=Notice.UNDER_REVIEW),
    Status.INFO_REQUESTED: Step(
        role=Role.REVIEWER,
        title=_("Request information"),
        reason_kind=ReasonKind.INFO_REQUEST,
        family_notice=Notice.INFO_REQUESTED,
        names_documents=True,
    ),
    Status.APPROVED: Step(
        role=Role.REVIEWER,
        title=_("Approve"),
        family_notice=Notice.APPROVED,
        family_notice_after_fee=True,
        is_decision=True,
    ),
    Status.REJECTED: Step(
        role=Role.REVIEWER,
        title=_("Reject"),
        reason_kind=ReasonKind.REJECTION,
        family_notice=Notice.REJECTED,
        is_decision=True,
    ),
    Status.ISSUED: Step(
        role=Role.REVIEWER,
        title=_("Record the issued licence"),
        family_notice=Notice.ISSUED,
        records_licence=True,
    ),
    Status.WITHDRAWN: Step(role=Role.FAMILY, title=_("Withdraw the application"), family_notice=Notice.WITHDRAWN),
}

FLOW: dict[Status, list[Status]] = {
    Status.DRAFT: [Status.SUBMITTED],
    Status.SUBMITTED: [Status.UNDER_REVIEW, Status.WITHDRAWN],
    Status.UNDER_REVIEW: [Status.INFO_REQUESTED, Status.APPROVED, Status.REJECTED, Status.WITHDRAWN],
    Status.INFO_REQUESTED: [Status.SUBMITTED, Status.WITHDRAWN],
    Status.APPROVED: [Status.ISSUED],
    Status.ISSUED: [],
    Status.REJECTED: [],
    Status.WITHDRAWN: [],
}

TRANSITIONS: dict[Status, dict[Status, Role]] = {
    source: {target: STEPS[target].role for target in targets} for source, targets in FLOW.items()
}

# The steps the centre's reviewers take (the rest are the family's).
REVIEWER_STEPS = frozenset(status for status, step in STEPS.items() if step.role == Role.REVIEWER)

# An open application blocks another one for the same family and package (a database constraint).
OPEN_STATUSES = [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW, Status.INFO_REQUESTED, Status.APPROVED]
# The family may change its answers and documents only while the application is in its hands.
EDITABLE_STATUSES = [Status.DRAFT, Status.INFO_REQUESTED]
# The centre's part: from a (re)submission until it asks for information or decides. Counted for the service level.
WAITING_FOR_CENTRE = [Status.SUBMITTED, Status.UNDER_REVIEW]


def transitions_from(status: str, *, role: Role) -> list[Status]:
    """The statuses `role` may move an application to from `status`, in the table's order."""
    return [target for target, allowed in TRANSITIONS[Status(status)].items() if allowed == role]
