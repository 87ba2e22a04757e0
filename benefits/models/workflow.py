"""The two processes of the members' benefits: a family's booth application at an exhibition, and its enrolment
in a training course. Each has its statuses, the family's label of each, and one table of the steps allowed from
each status, with each step's facts beside it (who may take it, its title, whether it needs a reason, a free place
or an open deadline, whether it gives its place to the first on the waiting list, which notice the family gets).

Anything not in a table is refused by the one function that performs the process's steps
(`benefits.services.booth_application_transition`, `benefits.services.enrolment_transition`). The empty status ""
is the row before it exists: the family's request (applying, enrolling) is the first step of the table.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FAMILY = "family", _("the family that asked for the place")
    REVIEWER = "reviewer", _("a reviewer of the centre")
    # The portal itself, by its own rule: the first on the waiting list takes the place another family gave up.
    PORTAL = "portal", _("the portal, by the waiting list's order")


class Until(models.TextChoices):
    """The moment after which a family's step is no longer possible (`Exhibition.closes_at`, `Course.closes_at`)."""

    DEADLINE = "deadline", _("the deadline for requests")
    START = "start", _("the start")


class Notice(models.TextChoices):
    """The notifications the benefits send; their texts are in `benefits.notices`."""

    BOOTH_APPLIED = "booth_applied", _("Booth application received")
    BOOTH_ACCEPTED = "booth_accepted", _("Booth application accepted")
    BOOTH_WAITLISTED = "booth_waitlisted", _("Booth application on the waiting list")
    BOOTH_DECLINED = "booth_declined", _("Booth application declined")
    BOOTH_WITHDRAWN = "booth_withdrawn", _("Booth application withdrawn")
    ENROLLED = "course_enrolled", _("Enrolled in a course")
    ENROLMENT_WAITLISTED = "course_waitlisted", _("On a course's waiting list")
    ENROLMENT_CANCELLED = "course_cancelled", _("Course enrolment cancelled")
    SEAT_OFFERED = "course_seat_offered", _("A course seat became free")
    COURSE_COMPLETED = "course_completed", _("Course completed")
    SESSION_REMINDER = "course_session_reminder", _("Course session tomorrow")
    FOLLOW_UP_NEXT_STEP = "follow_up_next_step", _("A next step agreed with the centre")
    FOLLOW_UP_ADVICE = "follow_up_advice", _("Advice from the centre's follow-up")


@dataclass(frozen=True)
class Step:
    """The facts of one step of a process."""

    # Who may take it: the owning family, a reviewer, or the portal itself.
    roles: frozenset[Role]
    # The button and page title (the staff's for their steps, the family's for its own).
    title: Promise
    # What the family is told, unless the one who acts switches it off; "" for nothing.
    notice: Notice | str = ""
    # A reason, written to the family, is required.
    needs_reason: bool = False
    # The step takes a booth or a seat: the exhibition or course is locked and its places counted first.
    takes_place: bool = False
    # The step gives a place back: the first on the waiting list takes it, in the same transaction.
    frees_place: bool = False
    # The family asks for a place: the exhibition or course must be published and the family eligible.
    is_request: bool = False
    # The family may take the step only until this moment of the exhibition or course; None: any time.
    until: Until | None = None


FAMILY = frozenset({Role.FAMILY})
REVIEWER = frozenset({Role.REVIEWER})
PORTAL = frozenset({Role.PORTAL})


class BoothStatus(models.TextChoices):
    """Stable values (they are stored): never rename them. The labels are the staff's words."""

    APPLIED = "applied", _("Applied")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("On the waiting list")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


BOOTH_FAMILY_LABELS = {
    BoothStatus.APPLIED: _("Received — waiting for the centre's answer"),
    BoothStatus.ACCEPTED: _("Accepted: your booth is confirmed"),
    BoothStatus.WAITLISTED: _("On the waiting list"),
    BoothStatus.DECLINED: _("Not accepted"),
    BoothStatus.WITHDRAWN: _("Withdrawn"),
}

APPLY = Step(FAMILY, _("Apply for a booth"), notice=Notice.BOOTH_APPLIED, is_request=True, until=Until.DEADLINE)
ACCEPT = Step(REVIEWER, _("Accept"), notice=Notice.BOOTH_ACCEPTED, takes_place=True)
WAITLIST = Step(REVIEWER, _("Put on the waiting list"), notice=Notice.BOOTH_WAITLISTED)
DECLINE = Step(REVIEWER, _("Decline"), notice=Notice.BOOTH_DECLINED, needs_reason=True)
WITHDRAW = Step(
    FAMILY, _("Withdraw from the exhibition"), notice=Notice.BOOTH_WITHDRAWN, frees_place=True, until=Until.START
)
# From the waiting list: a reviewer's choice, or the portal's when a booth is given back (the first in line).
ACCEPT_WAITING = Step(REVIEWER | PORTAL, _("Accept"), notice=Notice.BOOTH_ACCEPTED, takes_place=True)

BOOTH_FLOW: dict[str, dict[BoothStatus, Step]] = {
    "": {BoothStatus.APPLIED: APPLY},
    BoothStatus.APPLIED: {
        BoothStatus.ACCEPTED: ACCEPT,
        BoothStatus.WAITLISTED: WAITLIST,
        BoothStatus.DECLINED: DECLINE,
        BoothStatus.WITHDRAWN: WITHDRAW,
    },
    BoothStatus.WAITLISTED: {
        BoothStatus.ACCEPTED: ACCEPT_WAITING,
        BoothStatus.DECLINED: DECLINE,
        BoothStatus.WITHDRAWN: WITHDRAW,
    },
    BoothStatus.ACCEPTED: {BoothStatus.WITHDRAWN: WITHDRAW},
    BoothStatus.DECLINED: {},
    BoothStatus.WITHDRAWN: {},
}
# A booth another family gave up goes to the first on the waiting list by this step, taken by the portal.
BOOTH_OFFER = (BoothStatus.WAITLISTED, BoothStatus.ACCEPTED)
# An accepted family holds a booth; the waiting list is the families waitlisted by a reviewer.
BOOTH_HOLDING = [BoothStatus.ACCEPTED]
# A family has one booth application per exhibition; these are still alive.
BOOTH_OPEN = [BoothStatus.APPLIED, BoothStatus.ACCEPTED, BoothStatus.WAITLISTED]


class EnrolmentStatus(models.TextChoices):
    """Stable values (they are stored): never rename them. The labels are the staff's words."""

    ENROLLED = "enrolled", _("Enrolled")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended every session")


ENROLMENT_FAMILY_LABELS = {
    EnrolmentStatus.ENROLLED: _("Enrolled: your seat is kept"),
    EnrolmentStatus.WAITLISTED: _("On the waiting list"),
    EnrolmentStatus.CANCELLED: _("Cancelled"),
    EnrolmentStatus.ATTENDED: _("Completed"),
}

ENROL = Step(FAMILY, _("Enrol"), notice=Notice.ENROLLED, takes_place=True, is_request=True, until=Until.DEADLINE)
JOIN_WAITING_LIST = Step(
    FAMILY, _("Join the waiting list"), notice=Notice.ENROLMENT_WAITLISTED, is_request=True, until=Until.DEADLINE
)
CANCEL = Step(
    FAMILY, _("Cancel my enrolment"), notice=Notice.ENROLMENT_CANCELLED, frees_place=True, until=Until.DEADLINE
)
OFFER_SEAT = Step(PORTAL, _("Give the free seat"), notice=Notice.SEAT_OFFERED, takes_place=True)
COMPLETE = Step(REVIEWER, _("Attended every session"), notice=Notice.COURSE_COMPLETED)
# A register corrected after the course was complete: the seat stays taken, the letter is withdrawn, nobody is told.
REOPEN = Step(REVIEWER, _("Attendance corrected"))

ENROLMENT_FLOW: dict[str, dict[EnrolmentStatus, Step]] = {
    "": {EnrolmentStatus.ENROLLED: ENROL, EnrolmentStatus.WAITLISTED: JOIN_WAITING_LIST},
    EnrolmentStatus.CANCELLED: {EnrolmentStatus.ENROLLED: ENROL, EnrolmentStatus.WAITLISTED: JOIN_WAITING_LIST},
    EnrolmentStatus.WAITLISTED: {EnrolmentStatus.ENROLLED: OFFER_SEAT, EnrolmentStatus.CANCELLED: CANCEL},
    EnrolmentStatus.ENROLLED: {EnrolmentStatus.CANCELLED: CANCEL, EnrolmentStatus.ATTENDED: COMPLETE},
    EnrolmentStatus.ATTENDED: {EnrolmentStatus.ENROLLED: REOPEN},
}
ENROLMENT_OFFER = (EnrolmentStatus.WAITLISTED, EnrolmentStatus.ENROLLED)
# A seat is taken by an enrolled family and kept by one that attended.
ENROLMENT_HOLDING = [EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED]


def steps_from(flow: dict[str, dict], status: str, *, role: Role) -> list[tuple[str, Step]]:
    """The (target status, step) pairs `role` may take from `status`, in the table's order."""
    return [(target, step) for target, step in flow[status].items() if role in step.roles]
