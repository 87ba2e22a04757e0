"""A known data set for the dashboard: rows in every state the figures count, and some just outside them.

Rows are written directly with their dates (the workflow's own services are tested elsewhere): what matters here
is that each figure and the admin list it links to count the same rows.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

from django.utils import timezone

from benefits.models import (
    Audience,
    BoothApplication,
    BoothStatus,
    Course,
    CourseSession,
    Enrolment,
    EnrolmentStatus,
    Exhibition,
)
from families.models import FamilyProfile
from intaj_portal.periods import day_start
from licenses.models import Application, FeeAssessment, Licence, Status
from packages_catalog.models import Package
from tests.factories import FamilyProfileFactory
from tests.licenses.factories import ApplicationFactory, licence_record

_references = count(1)


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A moment of a local day."""
    return day_start(day) + datetime.timedelta(hours=hour, minutes=minute)


def application_make(
    *,
    package: str = "tayeb",
    status: str = Status.SUBMITTED,
    submitted: datetime.datetime | None = None,
    last_submitted: datetime.datetime | None = None,
    decided: datetime.datetime | None = None,
    issued_on: datetime.date | None = None,
    family: FamilyProfile | None = None,
) -> Application:
    """An application of its own family (so no two are open for one family and package), with its dates set."""
    application = ApplicationFactory(family=family or FamilyProfileFactory(), package=Package.objects.get(code=package))
    submitted = submitted if submitted is not None else timezone.now()
    Application.objects.filter(pk=application.pk).update(
        status=status,
        reference=f"ETM-2099-{next(_references):06d}",
        submitted_at=submitted,
        last_submitted_at=last_submitted or submitted,
        decided_at=decided,
        issued_on=issued_on,
    )
    application.refresh_from_db()
    return application


def licence_make(*, package: str = "tayeb", issued_on: datetime.date, expires_on: datetime.date | None = None):
    """A licence with the issued application behind it."""
    submitted = at(issued_on - datetime.timedelta(days=12))
    application = application_make(
        package=package,
        status=Status.ISSUED,
        submitted=submitted,
        decided=submitted + datetime.timedelta(days=5, hours=3),
        issued_on=issued_on,
    )
    return licence_record(application, issued_on=issued_on, expires_on=expires_on)


def assessment_make(application, *, total: str, discount: str = "0", computed_at=None, **fields) -> FeeAssessment:
    computed_at = computed_at or timezone.now()
    assessment = FeeAssessment.objects.create(
        application=application,
        state=FeeAssessment.State.COMPUTED,
        subtotal=Decimal(total) + Decimal(discount),
        discount_total=Decimal(discount),
        total=Decimal(total),
        **fields,
    )
    FeeAssessment.objects.filter(pk=assessment.pk).update(computed_at=computed_at)
    return assessment


@dataclass(frozen=True)
class KnownDataSet:
    today: datetime.date
    year_start: datetime.date


def known_data_set(*, today: datetime.date) -> KnownDataSet:
    """Rows inside and just outside every figure's conditions, around `today` and the start of its year."""
    year_start = today.replace(month=1, day=1)
    recent = max(today - datetime.timedelta(days=3), year_start)
    last_year = year_start - datetime.timedelta(days=1)

    # Licences: issued this year in three packages, one issued last year, one whose renewal is due, one expired. The
    # first four stay valid beyond the renewal window whatever today is (a year's validity from 1 January or from
    # the last day of last year would fall due in December).
    valid = today + datetime.timedelta(days=365)
    licence_make(package="tayeb", issued_on=recent, expires_on=valid)
    licence_make(package="tayeb", issued_on=year_start, expires_on=valid)
    licence_make(package="atayeb", issued_on=today, expires_on=valid)
    licence_make(package="ibdaa", issued_on=last_year, expires_on=valid)
    licence_make(package="anaqa", issued_on=last_year, expires_on=today + datetime.timedelta(days=10))
    licence_make(
        package="mohra",
        issued_on=last_year - datetime.timedelta(days=400),
        expires_on=today - datetime.timedelta(days=1),
    )

    # Applications in the centre's hands: one waiting since long ago (past the service level), two just sent.
    application_make(status=Status.SUBMITTED, submitted=at(today - datetime.timedelta(days=30)))
    application_make(package="atayeb", status=Status.UNDER_REVIEW, submitted=at(today))
    application_make(package="ibdaa", status=Status.SUBMITTED, submitted=at(today, 23, 59))
    # Sent back to the family: not waiting for the centre, however old.
    application_make(status=Status.INFO_REQUESTED, submitted=at(today - datetime.timedelta(days=40)))
    # Decided: approved and rejected this year, one rejected last year (outside the default period).
    approved = application_make(
        package="atayeb",
        status=Status.APPROVED,
        submitted=at(recent, 9),
        decided=at(recent, 9) + datetime.timedelta(days=2),
    )
    rejected = application_make(
        package="mohra",
        status=Status.REJECTED,
        submitted=at(year_start, 0, 0),
        decided=at(year_start, 0, 0) + datetime.timedelta(days=9),
    )
    application_make(
        status=Status.REJECTED, submitted=at(last_year - datetime.timedelta(days=20)), decided=at(last_year, 23, 59)
    )
    application_make(package="anaqa", status=Status.WITHDRAWN, submitted=at(recent))
    # A draft: the family's own, never counted.
    ApplicationFactory(family=FamilyProfileFactory(), package=Package.objects.get(code="tayeb"))

    # Fees: two current assessments this year (one with the beneficiary discount), one replaced, one pending,
    # one computed last year.
    assessment_make(approved, total="600.00", discount="600.00")
    replaced = assessment_make(rejected, total="1200.00", computed_at=at(recent))
    FeeAssessment.objects.filter(pk=replaced.pk).update(superseded_at=timezone.now())
    assessment_make(rejected, total="1000.00", computed_at=at(recent, 11))
    FeeAssessment.objects.create(application=approved, state=FeeAssessment.State.PENDING, superseded_at=timezone.now())
    old = Licence.objects.get(package__code="ibdaa").application
    assessment_make(old, total="2080.00", computed_at=at(last_year))

    benefits_data_set(today=today, year_start=year_start)

    # Families: one verified beneficiary, one registered last year.
    verified = FamilyProfile.objects.order_by("pk").first()
    FamilyProfile.objects.filter(pk=verified.pk).update(
        sssd_file_number="SSD-1", beneficiary_verified_at=timezone.now(), beneficiary_verified_file_number="SSD-1"
    )
    FamilyProfile.objects.filter(pk=FamilyProfile.objects.order_by("-pk").first().pk).update(created_at=at(last_year))
    return KnownDataSet(today=today, year_start=year_start)


def exhibition_held(*, starts_on: datetime.date, booths: int = 3, is_published: bool = True) -> Exhibition:
    return Exhibition.objects.create(
        name_ar=f"معرض {starts_on}",
        name_en=f"Fair of {starts_on}",
        description_ar="-",
        description_en="-",
        venue_ar="الشارقة",
        venue_en="Sharjah",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=2),
        application_deadline=starts_on - datetime.timedelta(days=10),
        booths=booths,
        is_published=is_published,
    )


def booth_make(exhibition: Exhibition, *, package: str = "tayeb", status: str = BoothStatus.ACCEPTED):
    """A booth application of a licence holder of `package`, whose licence was issued long before any period the
    tests choose (so that it changes no licence or application figure)."""
    long_ago = timezone.localdate() - datetime.timedelta(days=3 * 365)
    licence = licence_make(package=package, issued_on=long_ago, expires_on=long_ago + datetime.timedelta(days=1500))
    return BoothApplication.objects.create(
        exhibition=exhibition, family=licence.family, licence=licence, products="Crafts", status=status
    )


def course_held(
    *, starts_at: datetime.datetime, ends_at: datetime.datetime, package: str | None = None, is_published=True
) -> Course:
    course = Course.objects.create(
        title_ar="دورة",
        title_en=f"Course of {starts_at:%Y-%m-%d}",
        description_ar="-",
        description_en="-",
        package=Package.objects.get(code=package) if package else None,
        audience=Audience.FAMILIES,
        place_ar="الشارقة",
        place_en="Sharjah",
        seats=5,
        is_published=is_published,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    CourseSession.objects.create(course=course, starts_at=starts_at, ends_at=ends_at)
    return course


def enrolments_make(course: Course, *statuses: str) -> None:
    for status in statuses:
        Enrolment.objects.create(course=course, family=FamilyProfileFactory(), status=status)


def benefits_data_set(*, today: datetime.date, year_start: datetime.date) -> None:
    """Exhibitions and courses inside and just outside the benefits' figures of the year to date."""
    recent = max(today - datetime.timedelta(days=10), year_start)
    now = timezone.now()
    # Held this year: two published exhibitions opened by today; three families hold booths (two of Tayeb).
    fair = exhibition_held(starts_on=recent)
    booth_make(fair)
    booth_make(fair, package="atayeb")
    booth_make(fair, status=BoothStatus.WAITLISTED)
    booth_make(fair, status=BoothStatus.DECLINED)
    booth_make(exhibition_held(starts_on=today, booths=2))
    # Not held this year: one to come, one never published, one of last year.
    booth_make(exhibition_held(starts_on=today + datetime.timedelta(days=20)))
    booth_make(exhibition_held(starts_on=recent, is_published=False))
    booth_make(exhibition_held(starts_on=year_start - datetime.timedelta(days=30)))

    # Run this year: a Tayeb course already over (one family attended every session, one did not, one waited,
    # one cancelled) and a course of every package under way (two families enrolled).
    over = course_held(
        starts_at=day_start(recent) + datetime.timedelta(minutes=1),
        ends_at=day_start(recent) + datetime.timedelta(minutes=2),
        package="tayeb",
    )
    enrolments_make(
        over, EnrolmentStatus.ATTENDED, EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED, EnrolmentStatus.CANCELLED
    )
    under_way = course_held(starts_at=day_start(today), ends_at=now + datetime.timedelta(days=1))
    enrolments_make(under_way, EnrolmentStatus.ENROLLED, EnrolmentStatus.ENROLLED)
    # Not run this year: one to come, one never published, one of last year.
    tomorrow = day_start(today + datetime.timedelta(days=1))
    enrolments_make(course_held(starts_at=tomorrow, ends_at=tomorrow + datetime.timedelta(hours=2)), "enrolled")
    hidden = day_start(recent)
    enrolments_make(
        course_held(starts_at=hidden, ends_at=hidden + datetime.timedelta(hours=1), is_published=False), "enrolled"
    )
    last_year = day_start(year_start - datetime.timedelta(days=30))
    enrolments_make(course_held(starts_at=last_year, ends_at=last_year + datetime.timedelta(hours=2)), "attended")
