"""Two people taking the last place at once, on real separate database connections: the exhibition or course row
is locked before its places are counted, so there are never more families accepted than booths, or enrolled than
seats. PostgreSQL only (SQLite serialises every write, so it cannot show the race); CI uses it."""

import time

import pytest

from benefits import services
from benefits.exceptions import NoPlaceLeft, NotEligible
from benefits.models import BoothApplication, BoothStatus, Enrolment, EnrolmentStatus
from benefits.services import steps
from tests.benefits.conftest import licence_holder
from tests.benefits.factories import course_make, exhibition_make

# The same rules as the licensing races: PostgreSQL only (failing in CI without it), the data migrations put back.
from tests.licenses.test_concurrency import _restore_migration_data, at_once, postgresql_only  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def slow_commit(monkeypatch):
    """The first to take the lock holds it a moment, so the other is surely waiting on it."""
    original = steps.notification_create

    def slow(**kwargs):
        notification = original(**kwargs)
        time.sleep(0.3)
        return notification

    monkeypatch.setattr(steps, "notification_create", slow)


def apply(family, exhibition):
    return services.exhibition_apply(exhibition=exhibition, family=family, products="Oud", actor=family.user)


def test_two_reviewers_accepting_the_last_booth_at_once_give_it_once(reviewer, manager):
    exhibition = exhibition_make(booths=1)
    first, second = (apply(licence_holder(), exhibition) for _ in range(2))
    results = at_once(
        lambda: services.booth_application_transition(
            booth_application=first, to_status=BoothStatus.ACCEPTED, actor=reviewer
        ),
        lambda: services.booth_application_transition(
            booth_application=second, to_status=BoothStatus.ACCEPTED, actor=manager
        ),
    )
    assert sum(isinstance(result, BoothApplication) for result in results) == 1, results
    assert sum(isinstance(result, NoPlaceLeft) for result in results) == 1, results
    assert BoothApplication.objects.filter(status=BoothStatus.ACCEPTED).count() == 1


def test_a_withdrawal_and_an_acceptance_at_once_never_give_more_booths_than_there_are(reviewer):
    exhibition = exhibition_make(booths=1)
    holder_family = licence_holder()
    holder, waiting, undecided = (
        apply(family, exhibition) for family in (holder_family, licence_holder(), licence_holder())
    )
    services.booth_application_transition(booth_application=holder, to_status=BoothStatus.ACCEPTED, actor=reviewer)
    services.booth_application_transition(booth_application=waiting, to_status=BoothStatus.WAITLISTED, actor=reviewer)
    at_once(
        lambda: services.booth_application_transition(
            booth_application=holder, to_status=BoothStatus.WITHDRAWN, actor=holder_family.user
        ),
        lambda: services.booth_application_transition(
            booth_application=undecided, to_status=BoothStatus.ACCEPTED, actor=reviewer
        ),
    )
    assert BoothApplication.objects.filter(status=BoothStatus.ACCEPTED).count() == 1


def test_two_families_taking_the_last_seat_at_once_one_enrols_the_other_waits():
    course = course_make(seats=1)
    families = [licence_holder(), licence_holder()]
    results = at_once(
        *(
            lambda family=family: services.course_enrol(course=course, family=family, actor=family.user)
            for family in families
        )
    )
    assert all(isinstance(result, Enrolment) for result in results), results
    assert sorted(result.status for result in results) == [EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED]
    assert Enrolment.objects.filter(status=EnrolmentStatus.ENROLLED).count() == 1


def test_many_families_at_once_never_take_more_seats_than_there_are():
    course = course_make(seats=3)
    families = [licence_holder() for _ in range(8)]
    results = at_once(
        *(
            lambda family=family: services.course_enrol(course=course, family=family, actor=family.user)
            for family in families
        )
    )
    assert all(isinstance(result, Enrolment) for result in results), results
    assert Enrolment.objects.filter(status=EnrolmentStatus.ENROLLED).count() == 3
    assert Enrolment.objects.filter(status=EnrolmentStatus.WAITLISTED).count() == 5


def test_a_double_click_on_apply_sends_one_application():
    exhibition = exhibition_make()
    family = licence_holder()
    results = at_once(lambda: apply(family, exhibition), lambda: apply(family, exhibition))
    assert sum(isinstance(result, BoothApplication) for result in results) == 1, results
    assert sum(isinstance(result, NotEligible) for result in results) == 1, results
    assert BoothApplication.objects.count() == 1
