"""Follow-up files, visits and next steps for the tests."""

import datetime

from django.utils import timezone

from benefits import services
from benefits.models import Contact, FollowUpFile
from licenses.models import Application

STAFF_NOTE = "STAFF-ONLY: the husband handles the money; check the kitchen hygiene again"
ADVICE = "Photograph the boxes in daylight and post twice a week."
NEXT_STEP = "Open an Instagram shop"


def assign(family, reviewer) -> None:
    """The family's applications are assigned to `reviewer`: they are the reviewer's families."""
    Application.objects.filter(family=family).update(assigned_reviewer=reviewer)


def file_open(family, reviewer) -> FollowUpFile:
    return services.follow_up_file_open(licence=family.licences.get(), actor=reviewer)


def contact_add(
    file: FollowUpFile,
    reviewer,
    *,
    staff_notes: str = STAFF_NOTE,
    advice: str = ADVICE,
    next_step: str = NEXT_STEP,
    due_in: int | None = 3,
    today: datetime.date | None = None,
    notify_family: bool = True,
) -> Contact:
    """A home visit today with staff notes, advice and a next step due in `due_in` days (none when None)."""
    today = today or timezone.localdate()
    contact = Contact(
        file=file,
        kind=Contact.Kind.VISIT,
        happened_on=today,
        staff_notes=staff_notes,
        advice=advice,
        next_step=next_step if due_in is not None else "",
        next_step_due_on=today + datetime.timedelta(days=due_in) if due_in is not None else None,
    )
    return services.contact_save(contact=contact, actor=reviewer, notify_family=notify_family, today=today)
