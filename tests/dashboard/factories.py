"""A known data set for the dashboard: rows in every state the figures count, and some just outside them.

Rows are written directly with their dates (the workflow's own services are tested elsewhere): what matters here
is that each figure and the admin list it links to count the same rows.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

from django.utils import timezone

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

    # Licences: issued this year in three packages, one issued last year, one whose renewal is due, one expired.
    licence_make(package="tayeb", issued_on=recent)
    licence_make(package="tayeb", issued_on=year_start)
    licence_make(package="atayeb", issued_on=today)
    licence_make(package="ibdaa", issued_on=last_year)
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

    # Families: one verified beneficiary, one registered last year.
    verified = FamilyProfile.objects.order_by("pk").first()
    FamilyProfile.objects.filter(pk=verified.pk).update(
        sssd_file_number="SSD-1", beneficiary_verified_at=timezone.now(), beneficiary_verified_file_number="SSD-1"
    )
    FamilyProfile.objects.filter(pk=FamilyProfile.objects.order_by("-pk").first().pk).update(created_at=at(last_year))
    return KnownDataSet(today=today, year_start=year_start)
