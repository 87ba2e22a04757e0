"""The enrolments' rules: who may enrol, never more enrolled than seats, the waiting list, the cut-off, the
registers that make a course complete, and the reminders the day before each session."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from benefits import services
from benefits.exceptions import ActorNotAllowed, BenefitError, NotEligible, StepNotAllowed
from benefits.models import Audience, Enrolment, EnrolmentEvent, EnrolmentStatus, Notice, SessionAttendance
from notifications.models import Notification
from tests.benefits.conftest import licence_holder
from tests.benefits.factories import course_make, move
from tests.factories import UserFactory
from tests.licenses.conftest import eligible_family

pytestmark = pytest.mark.django_db


def enrol(family, course, **kwargs):
    return services.course_enrol(course=course, family=family, actor=family.user, **kwargs)


def cancel(enrolment, **kwargs):
    return services.enrolment_transition(
        enrolment=enrolment, to_status=EnrolmentStatus.CANCELLED, actor=enrolment.family.user, **kwargs
    )


def kinds_of(family):
    return list(Notification.objects.filter(recipient=family.user).order_by("id").values_list("kind", flat=True))


# Enrolling


def test_a_family_enrols_while_seats_are_free_then_joins_the_waiting_list(db):
    course = course_make(seats=2)
    families = [licence_holder() for _ in range(4)]
    enrolments = [enrol(family, course) for family in families]
    assert [e.status for e in enrolments] == [EnrolmentStatus.ENROLLED] * 2 + [EnrolmentStatus.WAITLISTED] * 2
    assert kinds_of(families[0]) == [Notice.ENROLLED]
    assert kinds_of(families[3]) == [Notice.ENROLMENT_WAITLISTED]
    assert Notification.objects.get(recipient=families[3].user).context["position"] == 2


def test_a_course_for_licence_holders_refuses_a_family_without_a_licence(db):
    with pytest.raises(NotEligible) as refused:
        enrol(eligible_family(UserFactory()), course_make())
    assert refused.value.code == "no_licence"


def test_a_course_of_one_package_refuses_a_licence_of_another(alice_family):
    with pytest.raises(NotEligible) as refused:
        enrol(alice_family, course_make(package="atayeb"))
    assert refused.value.code == "package_not_admitted"


def test_a_licence_that_expires_before_the_last_session_cannot_enrol(db):
    family = licence_holder(issued_days_ago=360)
    with pytest.raises(NotEligible) as refused:
        enrol(family, course_make(starts_in=10))
    assert refused.value.code == "licence_expired"


def test_a_course_for_every_registered_family_needs_no_licence(db):
    family = eligible_family(UserFactory())
    enrolment = enrol(family, course_make(audience=Audience.FAMILIES, package="atayeb"))
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_a_family_enrols_once(alice_family):
    course = course_make()
    enrol(alice_family, course)
    with pytest.raises(NotEligible) as refused:
        enrol(alice_family, course)
    assert refused.value.code == "already_enrolled"
    assert Enrolment.objects.count() == 1


def test_enrolment_closes_at_the_cut_off_before_the_first_session(alice_family, settings):
    settings.BENEFITS_COURSE_CUTOFF_HOURS = 24
    course = course_make(starts_in=2)
    late = course.starts_at - datetime.timedelta(hours=23)
    with pytest.raises(NotEligible) as refused:
        enrol(alice_family, course, now=late)
    assert refused.value.code == "enrolment_closed"
    assert enrol(alice_family, course, now=course.starts_at - datetime.timedelta(hours=25)).status == (
        EnrolmentStatus.ENROLLED
    )


def test_nobody_enrols_another_family(alice_family, charlie):
    with pytest.raises(ActorNotAllowed):
        services.course_enrol(course=course_make(), family=alice_family, actor=charlie)


# Cancelling and the waiting list


def test_a_cancelled_seat_goes_to_the_first_on_the_waiting_list_who_is_told(db):
    course = course_make(seats=1)
    holder, first, second = (licence_holder() for _ in range(3))
    taken = enrol(holder, course)
    enrol(first, course)
    enrol(second, course)
    cancel(taken)
    statuses = dict(Enrolment.objects.values_list("family_id", "status"))
    assert statuses == {
        holder.pk: EnrolmentStatus.CANCELLED,
        first.pk: EnrolmentStatus.ENROLLED,
        second.pk: EnrolmentStatus.WAITLISTED,
    }
    assert kinds_of(first) == [Notice.ENROLMENT_WAITLISTED, Notice.SEAT_OFFERED]
    assert kinds_of(holder) == [Notice.ENROLLED, Notice.ENROLMENT_CANCELLED]
    offer = EnrolmentEvent.objects.get(enrolment__family=first, to_status=EnrolmentStatus.ENROLLED)
    assert offer.actor is None


def test_leaving_the_waiting_list_gives_no_seat_away(db):
    course = course_make(seats=1)
    holder, waiting, behind = (licence_holder() for _ in range(3))
    enrol(holder, course)
    cancel(enrol(waiting, course))
    assert Enrolment.objects.get(family=holder).status == EnrolmentStatus.ENROLLED
    assert enrol(behind, course).status == EnrolmentStatus.WAITLISTED


def test_a_family_that_cancelled_may_enrol_again_at_the_end_of_the_queue(db):
    course = course_make(seats=1)
    holder, waiting, returning = (licence_holder() for _ in range(3))
    enrol(holder, course)
    cancelled = cancel(enrol(returning, course))
    enrol(waiting, course)
    again = enrol(returning, course)
    assert again.pk == cancelled.pk
    assert again.status == EnrolmentStatus.WAITLISTED
    cancel(Enrolment.objects.get(family=holder))
    assert Enrolment.objects.get(family=waiting).status == EnrolmentStatus.ENROLLED
    assert Enrolment.objects.get(family=returning).status == EnrolmentStatus.WAITLISTED


def test_no_cancelling_after_the_cut_off(alice_family):
    course = course_make(starts_in=3)
    enrolment = enrol(alice_family, course)
    with pytest.raises(StepNotAllowed) as refused:
        cancel(enrolment, now=course.starts_at - datetime.timedelta(hours=2))
    assert refused.value.code == "deadline_passed"


def test_another_family_cannot_cancel_alices_enrolment(alice_family, charlie_family):
    enrolment = enrol(alice_family, course_make())
    with pytest.raises(ActorNotAllowed):
        services.enrolment_transition(
            enrolment=enrolment, to_status=EnrolmentStatus.CANCELLED, actor=charlie_family.user
        )


def test_more_seats_go_to_the_waiting_list_in_order(manager):
    course = course_make(seats=1)
    families = [licence_holder() for _ in range(3)]
    for family in families:
        enrol(family, course)
    course.seats = 2
    services.course_save(course=course, actor=manager)
    services.course_schedule_refresh(course=course, actor=manager)
    statuses = [Enrolment.objects.get(family=family).status for family in families]
    assert statuses == [EnrolmentStatus.ENROLLED, EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED]


def test_managers_cannot_have_fewer_seats_than_families_hold(manager):
    course = course_make(seats=2)
    enrol(licence_holder(), course)
    enrol(licence_holder(), course)
    course.seats = 1
    with pytest.raises(BenefitError) as refused:
        services.course_save(course=course, actor=manager)
    assert refused.value.code == "below_places_taken"


def test_the_course_dates_follow_its_sessions(manager):
    course = course_make(sessions=3)
    first = course.sessions.first()
    first.delete()
    course = services.course_schedule_refresh(course=course, actor=manager)
    sessions = list(course.sessions.all())
    assert (course.starts_at, course.ends_at) == (sessions[0].starts_at, sessions[-1].ends_at)


# Registers


def held(course):
    """The course moved into the past: every session has started and ended."""
    return move(course, days=-20)


def test_a_family_present_at_every_session_has_attended_and_is_told_once(alice_family, charlie_family, reviewer):
    course = course_make(sessions=2, seats=2)
    alice_enrolment = enrol(alice_family, course)
    charlie_enrolment = enrol(charlie_family, course)
    held(course)
    first, second = course.sessions.all()
    services.session_attendance_record(session=first, present=[alice_enrolment.pk], actor=reviewer)
    services.session_attendance_record(
        session=second, present=[alice_enrolment.pk, charlie_enrolment.pk], actor=reviewer
    )
    alice_enrolment.refresh_from_db()
    charlie_enrolment.refresh_from_db()
    assert alice_enrolment.status == EnrolmentStatus.ATTENDED
    assert charlie_enrolment.status == EnrolmentStatus.ENROLLED
    # Recording the same register again changes nothing and tells nobody twice.
    services.session_attendance_record(
        session=second, present=[alice_enrolment.pk, charlie_enrolment.pk], actor=reviewer
    )
    assert kinds_of(alice_family).count(Notice.COURSE_COMPLETED) == 1
    assert SessionAttendance.objects.filter(enrolment=charlie_enrolment, present=False).count() == 1


def test_a_corrected_register_takes_the_completion_back(alice_family, reviewer):
    course = course_make(sessions=1)
    enrolment = enrol(alice_family, course)
    held(course)
    session = course.sessions.get()
    services.session_attendance_record(session=session, present=[enrolment.pk], actor=reviewer)
    services.session_attendance_record(session=session, present=[], actor=reviewer)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert list(enrolment.events.values_list("to_status", flat=True)) == [
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.ATTENDED,
        EnrolmentStatus.ENROLLED,
    ]


def test_a_register_is_kept_only_once_the_session_started_and_only_by_staff(alice_family, reviewer):
    course = course_make()
    enrolment = enrol(alice_family, course)
    with pytest.raises(BenefitError) as refused:
        services.session_attendance_record(session=course.sessions.first(), present=[enrolment.pk], actor=reviewer)
    assert refused.value.code == "not_started"
    held(course)
    with pytest.raises(ActorNotAllowed):
        services.session_attendance_record(
            session=course.sessions.first(), present=[enrolment.pk], actor=alice_family.user
        )


def test_a_family_not_holding_a_seat_is_not_on_the_register(alice_family, charlie_family, reviewer):
    course = course_make(seats=1)
    enrol(alice_family, course)
    waiting = enrol(charlie_family, course)
    held(course)
    with pytest.raises(BenefitError) as refused:
        services.session_attendance_record(session=course.sessions.first(), present=[waiting.pk], actor=reviewer)
    assert refused.value.code == "not_on_register"


# Reminders


def test_enrolled_families_are_reminded_the_day_before_each_session_once(
    alice_family, charlie_family, django_capture_on_commit_callbacks
):
    course = course_make(starts_in=1, sessions=2, seats=1)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    enrol(alice_family, course, now=yesterday)
    enrol(charlie_family, course, now=yesterday)  # waiting: not reminded
    mail.outbox.clear()
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.session_reminders_send(today=today) == 1
        assert services.session_reminders_send(today=today) == 0
    assert len(mail.outbox) == 1
    reminder = Notification.objects.get(kind=Notice.SESSION_REMINDER)
    assert reminder.recipient == alice_family.user
    first = course.sessions.first()
    assert reminder.context["date"] == timezone.localdate(first.starts_at).isoformat()
    assert reminder.context["time"] == "10:00"
    # The next day, the second session's reminder.
    assert services.session_reminders_send(today=today + datetime.timedelta(days=1)) == 1
    assert services.session_reminders_send(today=today + datetime.timedelta(days=2)) == 0


def test_an_online_course_reminds_the_link_is_on_its_page(alice_family):
    course = course_make(starts_in=1, sessions=1, online=True)
    enrol(alice_family, course, now=timezone.now() - datetime.timedelta(days=1))
    services.session_reminders_send(today=timezone.localdate())
    context = Notification.objects.get(kind=Notice.SESSION_REMINDER).context
    assert context["place_en"] == "online; the link is on the course page"
    assert "https://" not in str(context)


def test_beat_runs_the_reminders_every_morning():
    task = PeriodicTask.objects.get(task="benefits.tasks.session_reminders")
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == ("9", "0", "Asia/Dubai")
