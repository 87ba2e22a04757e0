"""Writes of training courses: managers publish courses and their sessions, families enrol and cancel, reviewers keep
the registers, and families are reminded the day before each session."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benefits import selectors
from benefits.exceptions import BenefitError, NotEligible
from benefits.models import (
    ENROLMENT_HOLDING,
    Course,
    CourseSession,
    Enrolment,
    EnrolmentStatus,
    Notice,
    SessionAttendance,
)
from benefits.services.steps import (
    ENROLMENTS,
    capacity_check,
    places_offer,
    places_taken,
    require_manager,
    require_reviewer,
    transition,
)
from families.models import FamilyProfile
from intaj_portal.periods import day_start
from notifications.services import notification_create


@transaction.atomic
def enrolment_transition(
    *,
    enrolment: Enrolment,
    to_status: str,
    actor,
    reason: str = "",
    notify_family: bool = True,
    now: datetime.datetime | None = None,
) -> Enrolment:
    """Move an enrolment to `to_status`: the one way any enrolment changes status.

    The rule (`workflow.ENROLMENT_FLOW`): until the cut-off (BENEFITS_COURSE_CUTOFF_HOURS before the first session)
    an eligible family enrols while a seat is free (the course is locked and its seats counted, so two families never
    take more seats than there are) or joins the waiting list, and cancels; a seat it gives back goes to the first
    on the waiting list, who is told. The attendance registers mark a family that came to every session as having
    attended (and take it back when a register is corrected).
    """
    return transition(
        ENROLMENTS,
        row=enrolment,
        to_status=to_status,
        actor=actor,
        reason=reason,
        notify_family=notify_family,
        now=now,
    )


@transaction.atomic
def course_enrol(
    *,
    course: Course,
    family: FamilyProfile,
    actor,
    notify_family: bool = True,
    now: datetime.datetime | None = None,
) -> Enrolment:
    """A family enrols in a course: in a free seat when there is one and nobody is waiting for it, otherwise on the
    waiting list. A cancelled enrolment is taken up again, at the end of the queue."""
    locked_course = Course.objects.select_for_update().get(pk=course.pk)
    enrolment = Enrolment.objects.select_for_update().filter(course=locked_course, family=family).first()
    eligibility = selectors.course_eligibility(course=locked_course, family=family, now=now or timezone.now())
    if not eligibility.allowed:
        raise NotEligible(eligibility.problems[0])
    if enrolment is None:
        enrolment = Enrolment(course=locked_course, family=family, status="")
    waiting = Enrolment.objects.filter(course=locked_course, status=EnrolmentStatus.WAITLISTED).exists()
    free = places_taken(ENROLMENTS, locked_course, besides=enrolment) < locked_course.seats
    return enrolment_transition(
        enrolment=enrolment,
        to_status=EnrolmentStatus.ENROLLED if free and not waiting else EnrolmentStatus.WAITLISTED,
        actor=actor,
        notify_family=notify_family,
        now=now,
    )


@transaction.atomic
def course_save(*, course: Course, actor) -> Course:
    """A manager publishes or changes a course. Never fewer seats than families hold (the row is locked while they
    are counted). Its sessions are saved next (`course_schedule_refresh`)."""
    require_manager(actor)
    if course.pk:
        Course.objects.select_for_update().filter(pk=course.pk).first()
        capacity_check(ENROLMENTS, course)
    course.save()
    return course


@transaction.atomic
def course_schedule_refresh(*, course: Course, actor) -> Course:
    """After its sessions are saved: the course's first start and last end follow its sessions, and free seats
    (more seats than before) go to the waiting list in order."""
    require_manager(actor)
    locked = Course.objects.select_for_update().get(pk=course.pk)
    sessions = list(locked.sessions.order_by("starts_at"))
    locked.starts_at = sessions[0].starts_at if sessions else None
    locked.ends_at = max(session.ends_at for session in sessions) if sessions else None
    locked.save(update_fields=["starts_at", "ends_at", "updated_at"])
    places_offer(ENROLMENTS, parent=locked, now=timezone.now())
    return locked


@transaction.atomic
def session_attendance_record(
    *,
    session: CourseSession,
    present: Iterable[int],
    actor,
    notify_family: bool = True,
    now: datetime.datetime | None = None,
) -> list[Enrolment]:
    """Once a session has started, a reviewer records its register: of the families holding a seat, those in
    `present` (enrolment ids) came, the others did not. A family present at every session of the course has attended
    it (and is told its completion letter is ready); one no longer present at every session after a correction is
    enrolled again."""
    require_reviewer(actor)
    now = now or timezone.now()
    course = Course.objects.select_for_update().get(pk=session.course_id)
    if session.starts_at > now:
        raise BenefitError(_("The register of a session is kept once the session has started."), code="not_started")
    enrolments = list(
        Enrolment.objects.select_for_update()
        .filter(course=course, status__in=ENROLMENT_HOLDING)
        .select_related("family__user")
    )
    present = set(present)
    if not present <= {enrolment.pk for enrolment in enrolments}:
        raise BenefitError(_("Only families holding a seat are on the register."), code="not_on_register")
    for enrolment in enrolments:
        SessionAttendance.objects.update_or_create(
            session=session,
            enrolment=enrolment,
            defaults={"present": enrolment.pk in present, "recorded_by": actor, "recorded_at": now},
        )
    sessions = course.sessions.count()
    attended = dict(
        SessionAttendance.objects.filter(enrolment__in=enrolments, present=True)
        .values_list("enrolment")
        .annotate(count=Count("pk"))
    )
    changed = []
    for enrolment in enrolments:
        complete = attended.get(enrolment.pk, 0) == sessions
        target = EnrolmentStatus.ATTENDED if complete else EnrolmentStatus.ENROLLED
        if enrolment.status != target:
            changed.append(
                enrolment_transition(
                    enrolment=enrolment, to_status=target, actor=actor, notify_family=notify_family, now=now
                )
            )
    return changed


def session_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind every enrolled family of each session of a published course held tomorrow; returns how many reminders
    were written. Each names itself (the session and the enrolment), so a second run the same day writes none."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    sessions = CourseSession.objects.filter(
        course__is_published=True,
        starts_at__gte=day_start(tomorrow),
        starts_at__lt=day_start(tomorrow + datetime.timedelta(days=1)),
    ).select_related("course")
    written = 0
    for session in sessions:
        context = selectors.course_session_context(course=session.course, session=session)
        enrolments = session.course.enrolments.filter(status=EnrolmentStatus.ENROLLED).select_related("family__user")
        for enrolment in enrolments:
            with transaction.atomic():
                notification = notification_create(
                    recipient=enrolment.family.user,
                    kind=Notice.SESSION_REMINDER,
                    context=context,
                    dedupe_key=f"course-session:{session.pk}:{enrolment.pk}",
                )
            written += notification is not None
    return written
