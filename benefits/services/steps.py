"""How a step of either process is performed: the one way booth applications and enrolments change status.

`exhibitions.booth_application_transition` and `courses.enrolment_transition` are each the one function of their
process; both perform a step the same way (`transition`), reading the facts of the step from the process's table
(`benefits.models.workflow`) and what differs between the processes from `BOOTHS` and `ENROLMENTS`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benefits import selectors
from benefits.exceptions import ActorNotAllowed, BenefitError, NoPlaceLeft, NotEligible, StepNotAllowed
from benefits.models import (
    BOOTH_FAMILY_LABELS,
    BOOTH_FLOW,
    BOOTH_HOLDING,
    BOOTH_OFFER,
    ENROLMENT_FAMILY_LABELS,
    ENROLMENT_FLOW,
    ENROLMENT_HOLDING,
    ENROLMENT_OFFER,
    BoothApplication,
    BoothApplicationEvent,
    Course,
    Enrolment,
    EnrolmentEvent,
    Exhibition,
    Role,
    Step,
    Until,
)
from families.roles import user_can_review, user_is_manager
from notifications.services import notification_create


@dataclass(frozen=True)
class Process:
    """What differs between the two processes; `transition` does the rest the same way for both."""

    model: type[Model]
    event_model: type[Model]
    event_field: str
    parent_model: type[Model]
    parent_field: str
    capacity_field: str
    flow: dict
    holding: list[str]
    offer: tuple[str, str]
    family_labels: dict
    no_place: str
    below_taken: str
    eligibility: Callable
    notification_context: Callable


BOOTHS = Process(
    model=BoothApplication,
    event_model=BoothApplicationEvent,
    event_field="booth_application",
    parent_model=Exhibition,
    parent_field="exhibition",
    capacity_field="booths",
    flow=BOOTH_FLOW,
    holding=BOOTH_HOLDING,
    offer=BOOTH_OFFER,
    family_labels=BOOTH_FAMILY_LABELS,
    no_place=_("Every booth of this exhibition is taken: put the application on the waiting list instead."),
    below_taken=_("Booths already given to families: %(count)s. The exhibition cannot have fewer."),
    eligibility=lambda parent, row, now: selectors.exhibition_eligibility(
        exhibition=parent, family=row.family, now=now
    ),
    notification_context=lambda row: selectors.booth_application_notification_context(booth_application=row),
)

ENROLMENTS = Process(
    model=Enrolment,
    event_model=EnrolmentEvent,
    event_field="enrolment",
    parent_model=Course,
    parent_field="course",
    capacity_field="seats",
    flow=ENROLMENT_FLOW,
    holding=ENROLMENT_HOLDING,
    offer=ENROLMENT_OFFER,
    family_labels=ENROLMENT_FAMILY_LABELS,
    no_place=_("Every seat of this course is taken: join the waiting list instead."),
    below_taken=_("Seats already taken by families: %(count)s. The course cannot have fewer."),
    eligibility=lambda parent, row, now: selectors.course_eligibility(
        course=parent, family=row.family, now=now, enrolment=row if row.pk else None
    ),
    notification_context=lambda row: selectors.enrolment_notification_context(enrolment=row),
)

UNTIL_PASSED = {
    Until.DEADLINE: _("The deadline for this has passed."),
    Until.START: _("This is no longer possible: it has started."),
}


def _role_of(row, actor) -> Role | None:
    if actor is None:
        return Role.PORTAL
    if actor.is_active and actor.pk == row.family.user_id:
        return Role.FAMILY
    if user_can_review(actor):
        return Role.REVIEWER
    return None


def _lock_parent(process: Process, row):
    """The exhibition or course, locked until the transaction ends: of two people taking its last place at once,
    the second waits here, then counts the first one's place."""
    return process.parent_model.objects.select_for_update().get(pk=getattr(row, f"{process.parent_field}_id"))


def places_taken(process: Process, parent, *, besides=None) -> int:
    taken = process.model.objects.filter(**{process.parent_field: parent}, status__in=process.holding)
    if besides is not None and besides.pk:
        taken = taken.exclude(pk=besides.pk)
    return taken.count()


def _first_waiting(process: Process, parent):
    return (
        process.model.objects.select_for_update()
        .filter(**{process.parent_field: parent}, status=process.offer[0])
        .order_by("queued_at", "id")
        .first()
    )


def _check(process: Process, *, locked, parent, step: Step, role: Role | None, reason: str, now) -> None:
    """What the step needs beyond the table: the actor's role, its moment, the family's eligibility, a reason, a
    free place."""
    if role not in step.roles:
        if role == Role.FAMILY or Role.FAMILY in step.roles:
            raise ActorNotAllowed(_("Only the family that asked for this place can do this."))
        raise ActorNotAllowed(_("Only the centre's reviewers can do this."))
    if step.is_request:
        # The family's request: its eligibility says why not in the family's terms (the deadline's date too).
        eligibility = process.eligibility(parent, locked, now)
        if not eligibility.allowed:
            raise NotEligible(eligibility.problems[0])
        if eligibility.licence is not None:
            locked.licence = eligibility.licence
    if step.until is not None:
        closes_at = parent.closes_at(step.until)
        if closes_at is None or now >= closes_at:
            raise StepNotAllowed(UNTIL_PASSED[step.until], code=f"{step.until}_passed")
    if step.needs_reason and not reason.strip():
        raise BenefitError(_("Write the reason to the family."), code="reason_missing", field="reason")
    if step.takes_place and places_taken(process, parent, besides=locked) >= getattr(parent, process.capacity_field):
        raise NoPlaceLeft(process.no_place)


def transition(process: Process, *, row, to_status: str, actor, reason: str = "", notify_family: bool = True, now=None):
    """Perform one step of `process` on `row` (a new, unsaved row for the family's request).

    The exhibition or course is locked first, then the row, read afresh: of two people acting at once, the second
    sees the first one's result. The step must be in the process's table from the row's status now, and the actor
    must hold one of its roles. The step's facts say what else it needs (`_check`). Then the row is saved, one
    history row is written, the family is told (unless `notify_family` is off), and a place given back goes to the
    first on the waiting list, all in one transaction.
    """
    now = now or timezone.now()
    parent = _lock_parent(process, row)
    if row.pk is None:
        locked, from_status = row, ""
    else:
        locked = process.model.objects.select_for_update(of=("self",)).select_related("family__user").get(pk=row.pk)
        from_status = locked.status
    step = process.flow[from_status].get(to_status)
    if step is None:
        raise StepNotAllowed(
            _("This is now “%(current)s”, so it cannot become “%(target)s”. Reload the page to see its latest state.")
            % {
                "current": process.family_labels[from_status] if from_status else "—",
                "target": process.family_labels[to_status],
            }
        )
    _check(process, locked=locked, parent=parent, step=step, role=_role_of(locked, actor), reason=reason, now=now)
    locked.status = to_status
    if step.is_request:
        locked.queued_at = now
    if locked.pk is None:
        try:
            with transaction.atomic():
                locked.save()
        except IntegrityError:
            # The same request arrived twice (a double click): the first one's row is the family's request.
            raise NotEligible(process.eligibility(parent, locked, now).problems[0]) from None
    else:
        locked.save(update_fields=["status", "queued_at", "updated_at"])
    process.event_model.objects.create(
        **{process.event_field: locked},
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        at=now,
        reason=reason.strip(),
        notify_family=notify_family,
    )
    if step.notice and notify_family:
        context = process.notification_context(locked)
        if reason.strip():
            context["message"] = reason.strip()
        notification_create(recipient=locked.family.user, kind=step.notice, context=context)
    if step.frees_place and from_status in process.holding:
        places_offer(process, parent=parent, now=now)
    return locked


def places_offer(process: Process, *, parent, now) -> int:
    """While a place is free, the first on the waiting list (in the order families asked) takes it and is told."""
    offered = 0
    _waiting, holding_status = process.offer
    while places_taken(process, parent) < getattr(parent, process.capacity_field):
        first = _first_waiting(process, parent)
        if first is None:
            break
        transition(process, row=first, to_status=holding_status, actor=None, now=now)
        offered += 1
    return offered


def require_manager(actor) -> None:
    if not user_is_manager(actor):
        raise ActorNotAllowed(_("Only the centre's managers can publish exhibitions and courses."))


def require_reviewer(actor) -> None:
    if not user_can_review(actor):
        raise ActorNotAllowed(_("Only the centre's reviewers can do this."))


def capacity_check(process: Process, parent) -> None:
    """Never fewer booths or seats than families hold: the caller holds the exhibition's or course's lock."""
    taken = places_taken(process, parent)
    if getattr(parent, process.capacity_field) < taken:
        raise BenefitError(
            process.below_taken % {"count": taken}, code="below_places_taken", field=process.capacity_field
        )
