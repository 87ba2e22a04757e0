"""The scale set planned in memory: its shape, and each family's life with each package simulated up to now.

Nothing is written here; the plan ends with every family, reviewer, application and licence holding the primary key
(and every sent application the reference) it will be written with, by `rows.scale_rows_write`.
"""

import bisect
import datetime
import random
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db.models import Max
from django.utils import timezone

from demo.content import (
    FAMILY_NAMES,
    FATHER_NAMES,
    FIRST_NAMES,
    PATHS,
    SHARJAH_AREAS,
    TRADE_NAMES,
)
from families.emirates_id import luhn_check_digit
from families.models import FamilyProfile, HomeTenure, User
from licenses.models import OPEN_STATUSES, REVIEWER_STEPS, Application, Kind, Licence, Reason, ReferenceCounter, Status
from licenses.selectors import licence_renewal_grace
from licenses.working_days import is_working_day
from packages_catalog.models import DocumentType, FeeSchedule, Package
from packages_catalog.selectors import document_type_list_for_package

SCALE_EMAIL_DOMAIN = "families.scale.intaj.ae"
SCALE_STAFF_EMAIL_DOMAIN = "staff.scale.intaj.ae"
SCALE_LICENCE_PREFIX = "SCALE-"
YEARS = 3
# Scale families' Emirates ID serials start here, away from the demo set's (8,000,000 upwards).
EMIRATES_ID_SERIAL_BASE = 6_000_000

# How many packages a family works in, and how popular each package is.
PACKAGES_PER_FAMILY = {1: 65, 2: 25, 3: 8, 4: 2}
PACKAGE_WEIGHTS = {"tayeb": 25, "atayeb": 30, "ibdaa": 18, "anaqa": 17, "mohra": 10}
# Days between a step and the one before it: (share, fewest, most); the long tails make the overdue queue.
GAPS = {
    (Status.DRAFT, Status.SUBMITTED): [(1, 0.02, 6)],
    (Status.SUBMITTED, Status.UNDER_REVIEW): [(0.9, 0.05, 3), (0.1, 5, 18)],
    (Status.SUBMITTED, Status.WITHDRAWN): [(1, 0.5, 8)],
    (Status.UNDER_REVIEW, Status.INFO_REQUESTED): [(1, 0.3, 4)],
    (Status.INFO_REQUESTED, Status.SUBMITTED): [(1, 0.5, 10)],
    (Status.INFO_REQUESTED, Status.WITHDRAWN): [(1, 3, 20)],
    (Status.UNDER_REVIEW, Status.APPROVED): [(0.92, 0.5, 7), (0.08, 8, 20)],
    (Status.UNDER_REVIEW, Status.REJECTED): [(1, 0.5, 8)],
    (Status.UNDER_REVIEW, Status.WITHDRAWN): [(1, 1, 6)],
    (Status.APPROVED, Status.ISSUED): [(1, 2, 14)],
}
# Outcomes of an application that is sent, by kind: (withdrawn before review, rejected, withdrawn under review).
OUTCOMES = {Kind.NEW: (0.06, 0.2, 0.05), Kind.RENEWAL: (0.02, 0.05, 0.03)}
# Drafts given up (they stay drafts), requests for information, and withdrawals instead of an answer.
ABANDONED_DRAFT = {Kind.NEW: 0.005, Kind.RENEWAL: 0.005}
INFO_REQUEST_SHARE, WITHDRAWN_AFTER_INFO_REQUEST = 0.2, 0.15
# After a refusal or a withdrawal, a family applies again (share, days later); a licence holder renews each year.
APPLY_AGAIN = (0.35, 15, 150)
RENEW_SHARE, LATE_RENEWAL_SHARE = 0.8, 0.15
RENEW_AGAIN = (0.6, 5, 40)
# Families whose one application is where the present finds it, so that every status is there even in a small set:
# (status, days since its last step), in time and past the service level; one per 2,000 applications, at least one.
CURRENT = [
    (Status.DRAFT, (0.1, 5)),
    (Status.SUBMITTED, (0.05, 0.8)),
    (Status.SUBMITTED, (10, 25)),
    (Status.UNDER_REVIEW, (0.05, 0.8)),
    (Status.UNDER_REVIEW, (9, 15)),
    (Status.INFO_REQUESTED, (0.5, 8)),
    (Status.APPROVED, (0.5, 6)),
]
CURRENT_PER_APPLICATIONS = 2000
# Document metadata: (share, content type, file extension, (smallest, largest) size in bytes).
FILE_KINDS = [
    (0.7, "application/pdf", ".pdf", (60_000, 2_500_000)),
    (0.25, "image/jpeg", ".jpg", (300_000, 4_800_000)),
    (0.05, "image/png", ".png", (100_000, 3_000_000)),
]


@dataclass(slots=True, eq=False)
class PlannedFamily:
    """A family of the set: its account and profile (unsaved until written), and whether it is a verified
    beneficiary (from before its first application)."""

    profile: FamilyProfile
    user: User
    verified: bool
    joined: datetime.datetime


@dataclass(slots=True, eq=False)
class PlannedLicence:
    """A licence as the last application that issued or renewed it left it."""

    family: PlannedFamily
    package: Package
    application: "PlannedApplication"
    issued_on: datetime.date
    expires_on: datetime.date
    renewed_on: datetime.date | None = None
    # The application whose answers the licence carries: its first issue, or its latest renewal.
    last_issued_by: "PlannedApplication" = None
    pk: int = 0


@dataclass(slots=True, eq=False)
class PlannedApplication:
    """An application and the steps it took up to now: `path[i]` reached at `times[i]`, the first a draft."""

    family: PlannedFamily
    package: Package
    kind: str
    path: list[Status]
    times: list[datetime.datetime]
    trade_names: tuple[str, str]
    activities: list
    renews: PlannedLicence | None = None
    # For a renewal: the licence's last valid day before this renewal (the late fine is judged against it).
    renews_expired_on: datetime.date | None = None
    licence: PlannedLicence | None = None
    reviewer: User | None = None
    reference: str | None = None
    pk: int = 0
    # For an issued application: the last valid day of the licence it issued or renewed, as it left it.
    expires_on_issued: datetime.date | None = None
    # The documents current at each submission, for its history row.
    submitted_documents: list = field(default_factory=list)

    @property
    def status(self) -> Status:
        return self.path[-1]


def scale_plan(*, applications: int, seed: int) -> "ScalePlan":
    """Plan `applications` applications over the last `YEARS` years: the same seed at the same moment, on the same
    database, gives the same plan."""
    plan = ScalePlan(seed=seed)
    plan._simulate(applications)
    return plan


def first_free_pk(model) -> int:
    """The key after the highest one taken: keys are allocated before any row is written, so rows can point at
    rows not yet written."""
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


class ScalePlan:
    """What the set is made of (the catalogue, read once) and what was planned with it.

    `rows` goes on drawing from the same `rng` (document metadata, history): the order in which random numbers are
    drawn is part of what a seed gives.
    """

    def __init__(self, *, seed: int):
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.tz = timezone.get_current_timezone()
        self.today = self.now.astimezone(self.tz).date()
        self.start = self.now - datetime.timedelta(days=365 * YEARS)
        self.packages = [
            package
            for package in Package.objects.filter(is_active=True).prefetch_related("activities")
            if any(activity.is_active for activity in package.activities.all())
        ]
        if not self.packages:
            raise CommandError("No active package with activities: run `manage.py migrate` first.")
        self.package_weights = [PACKAGE_WEIGHTS.get(package.code, 10) for package in self.packages]
        self.document_types = {package.pk: document_type_list_for_package(package=package) for package in self.packages}
        self.photos = {
            package_pk: document_type
            for package_pk, types in self.document_types.items()
            for document_type in types
            if document_type.condition == DocumentType.Condition.OPTIONAL
        }
        self.reasons = {kind: list(Reason.objects.filter(kind=kind, is_active=True)) for kind in Reason.Kind.values}
        if not all(self.reasons.values()):
            raise CommandError("The reasons for information requests and rejections are missing: run migrate.")
        self.schedules = list(FeeSchedule.objects.order_by("effective_from"))
        self.schedule_days = [schedule.effective_from for schedule in self.schedules]
        self.graces = {}
        self.password = make_password(None)
        self.serials = iter(range(EMIRATES_ID_SERIAL_BASE, 10**7))
        self.taken_emirates_ids = set(FamilyProfile.objects.values_list("emirates_id", flat=True))

    def licence_renewal_grace(self, day: datetime.date) -> datetime.timedelta:
        """`licenses.selectors.licence_renewal_grace` on `day`, read once per day."""
        if day not in self.graces:
            self.graces[day] = licence_renewal_grace(on=day)
        return self.graces[day]

    def _moment(self, day: datetime.date, minutes: float) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(), tzinfo=self.tz) + datetime.timedelta(minutes=minutes)

    def _office_hours(self, moment: datetime.datetime) -> datetime.datetime:
        """The moment itself if the centre is open then (08:00 to 15:00, Monday to Friday), else early in the next
        opening: staff steps happen at work. Never earlier than `moment`, so steps stay in order."""
        local = moment.astimezone(self.tz)
        if is_working_day(local.date()) and 8 <= local.hour < 15:
            return moment
        day = local.date() + datetime.timedelta(days=0 if local.hour < 8 else 1)
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
        return self._moment(day, 8 * 60 + self.rng.uniform(5, 180))

    def _gap(self, before: Status, after: Status) -> datetime.timedelta:
        _share, fewest, most = self.weighted(GAPS[(before, after)])
        return datetime.timedelta(days=self.rng.uniform(fewest, most))

    def weighted(self, options: list[tuple]) -> tuple:
        """One of `options`, each a tuple whose first item is its share."""
        return self.rng.choices(options, weights=[option[0] for option in options])[0]

    def _path(self, kind: str) -> list[Status]:
        """The whole path an application will take, from its draft to its end."""
        rng = self.rng
        if rng.random() < ABANDONED_DRAFT[kind]:
            return [Status.DRAFT]
        withdrawn_early, rejected, withdrawn_in_review = OUTCOMES[kind]
        if rng.random() < withdrawn_early:
            return [Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN]
        path = [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW]
        if rng.random() < INFO_REQUEST_SHARE:
            path.append(Status.INFO_REQUESTED)
            if rng.random() < WITHDRAWN_AFTER_INFO_REQUEST:
                return [*path, Status.WITHDRAWN]
            path += [Status.SUBMITTED, Status.UNDER_REVIEW]
        outcome = rng.random()
        if outcome < rejected:
            return [*path, Status.REJECTED]
        if outcome < rejected + withdrawn_in_review:
            return [*path, Status.WITHDRAWN]
        return [*path, Status.APPROVED, Status.ISSUED]

    def _times(self, path: list[Status], created: datetime.datetime) -> list[datetime.datetime]:
        times = [created]
        for before, after in zip(path, path[1:], strict=False):
            moment = times[-1] + self._gap(before, after)
            times.append(self._office_hours(moment) if after in REVIEWER_STEPS else moment)
        return times

    def _family(self, joined: datetime.datetime) -> PlannedFamily:
        rng = self.rng
        birth = datetime.date(rng.randint(self.today.year - 62, self.today.year - 22), rng.randint(1, 12), 1)
        birth += datetime.timedelta(days=rng.randrange(28))
        while True:
            digits = f"784{birth.year:04d}{next(self.serials):07d}"
            emirates_id = f"784-{digits[3:7]}-{digits[7:]}-{luhn_check_digit(digits)}"
            if emirates_id not in self.taken_emirates_ids:
                break
        first, father, family_name = rng.choice(FIRST_NAMES), rng.choice(FATHER_NAMES), rng.choice(FAMILY_NAMES)
        area = rng.choice(SHARJAH_AREAS)
        beneficiary = rng.random()
        verified = beneficiary < 0.3
        sssd_file_number = (
            f"SSSD-{rng.randint(2012, 2024)}-{rng.randint(1000, 99999):05d}" if beneficiary < 0.35 else ""
        )
        user = User(
            password=self.password,
            preferred_language="en" if rng.random() < 0.2 else "ar",
            mobile=f"+9715{rng.randrange(10**8):08d}",
        )
        profile = FamilyProfile(
            full_name_ar=f"{first[0]} {father[0]} {family_name[0]}",
            full_name_en=f"{first[1]} {father[1]} {family_name[1]}",
            emirates_id=emirates_id,
            date_of_birth=birth,
            nationality="AE",
            emirate="sharjah",
            area=area,
            address=f"Villa {rng.randint(1, 80)}, Street {rng.randint(1, 40)}, {area}, Sharjah",
            home_tenure=HomeTenure.RENTED if rng.random() < 0.25 else HomeTenure.OWNED,
            sssd_file_number=sssd_file_number,
            beneficiary_verified_file_number=sssd_file_number if verified else "",
        )
        return PlannedFamily(profile=profile, user=user, verified=verified, joined=joined)

    def _application(self, family, package, *, kind, path, times, licence=None) -> PlannedApplication:
        rng = self.rng
        if licence is not None:
            source = licence.last_issued_by
            trade_names, activities = source.trade_names, source.activities
        else:
            names = TRADE_NAMES.get(package.code) or [(package.name_ar, package.name_en)]
            trade_names = rng.choice(names)
            offered = [activity for activity in package.activities.all() if activity.is_active]
            activities = rng.sample(offered, k=min(len(offered), rng.randint(1, 2)))
        return PlannedApplication(
            family=family,
            package=package,
            kind=kind,
            path=path,
            times=times,
            trade_names=trade_names,
            activities=activities,
            renews=licence,
            renews_expired_on=licence.expires_on if licence else None,
        )

    def _chain(self, family: PlannedFamily, package: Package, start: datetime.datetime, limit: int) -> list:
        """A family's applications for one package from `start` on, up to the present or `limit` applications.

        Each one is taken as far along its path as the present allows; one still open ends the chain (the
        constraint allows one open application per family and package, and a draft given up stays a draft).
        """
        rng, chain, licence, created = self.rng, [], None, start
        while len(chain) < limit:
            kind = Kind.RENEWAL if licence else Kind.NEW
            path = self._path(kind)
            times = self._times(path, created)
            taken = bisect.bisect_right(times, self.now)
            if taken == 0:
                break
            application = self._application(
                family, package, kind=kind, path=path[:taken], times=times[:taken], licence=licence
            )
            chain.append(application)
            if taken < len(path) or application.status in OPEN_STATUSES:
                break
            if application.status == Status.ISSUED:
                issued_on = times[-1].astimezone(self.tz).date()
                if licence is None:
                    licence = PlannedLicence(family, package, application, issued_on, Licence.expiry_for(issued_on))
                    application.licence = licence
                else:
                    licence.renewed_on = issued_on
                    start_on = max(licence.expires_on + datetime.timedelta(days=1), issued_on)
                    licence.expires_on = Licence.expiry_for(start_on)
                licence.last_issued_by = application
                application.expires_on_issued = licence.expires_on
                if rng.random() > RENEW_SHARE:
                    break
                opens_on = licence.expires_on - datetime.timedelta(days=settings.LICENCE_RENEWAL_WINDOW_DAYS)
                if rng.random() < LATE_RENEWAL_SHARE:
                    # Past the grace, so that the renewal pays the late fine.
                    late_from = licence.expires_on + self.licence_renewal_grace(licence.expires_on)
                    day = late_from + datetime.timedelta(days=rng.uniform(1, 120))
                else:
                    day = opens_on + datetime.timedelta(days=rng.uniform(0, 40))
                created = self._moment(day, rng.uniform(7 * 60, 23 * 60))
            else:
                share, fewest, most = RENEW_AGAIN if licence else APPLY_AGAIN
                if rng.random() > share:
                    break
                created = times[-1] + datetime.timedelta(days=rng.uniform(fewest, most))
                if licence is not None:
                    opens_on = licence.expires_on - datetime.timedelta(days=settings.LICENCE_RENEWAL_WINDOW_DAYS)
                    created = max(created, self._moment(opens_on, rng.uniform(7 * 60, 23 * 60)))
        return chain

    def _current(self, status: Status, age_days: tuple[float, float]) -> PlannedApplication:
        """A new family's first application, whose last step was `age_days` ago."""
        rng, path = self.rng, PATHS[status]
        times = [self.now - datetime.timedelta(days=rng.uniform(*age_days))]
        for before, after in reversed(list(zip(path, path[1:], strict=False))):
            fewest, most = GAPS[(before, after)][0][1:]
            times.insert(0, times[0] - datetime.timedelta(days=rng.uniform(fewest, most)))
        family = self._family(joined=times[0] - datetime.timedelta(days=rng.uniform(1, 30)))
        package = rng.choices(self.packages, self.package_weights)[0]
        return self._application(family, package, kind=Kind.NEW, path=path, times=times)

    def _simulate(self, count: int) -> None:
        rng = self.rng
        per_status = max(1, count // CURRENT_PER_APPLICATIONS)
        applications = [self._current(status, age) for status, age in CURRENT for _ in range(per_status)]
        applications = applications[:count]
        span = (self.now - self.start).total_seconds()
        while len(applications) < count:
            how_many = rng.choices(list(PACKAGES_PER_FAMILY), list(PACKAGES_PER_FAMILY.values()))[0]
            packages = []
            while len(packages) < min(how_many, len(self.packages)):
                package = rng.choices(self.packages, self.package_weights)[0]
                if package not in packages:
                    packages.append(package)
            starts = sorted(self.start + datetime.timedelta(seconds=rng.uniform(0, span)) for _ in packages)
            family = self._family(joined=starts[0] - datetime.timedelta(days=rng.uniform(1, 30)))
            for package, start in zip(packages, starts, strict=True):
                applications += self._chain(family, package, start, limit=count - len(applications))
        self.applications = sorted(applications, key=lambda application: application.times[0])
        self._allocate()

    def _allocate(self) -> None:
        """Primary keys in the order things happened, references by year of first submission, reviewers."""
        rng = self.rng
        families = {}
        for application in self.applications:
            families.setdefault(id(application.family), application.family)
        self.families = sorted(families.values(), key=lambda family: family.joined)
        reviewer_count = max(3, len(self.applications) // 8000)
        self.reviewers = [
            User(
                email=f"reviewer{number:02d}@{SCALE_STAFF_EMAIL_DOMAIN}",
                password=self.password,
                is_staff=True,
                date_joined=self.start - datetime.timedelta(days=30),
                email_confirmed_at=self.start - datetime.timedelta(days=30),
                preferred_language="ar",
            )
            for number in range(1, reviewer_count + 1)
        ]
        user_pk, profile_pk = first_free_pk(User), first_free_pk(FamilyProfile)
        for number, reviewer in enumerate(self.reviewers):
            reviewer.pk = user_pk + number
        user_pk += len(self.reviewers)
        for number, family in enumerate(self.families):
            user, profile = family.user, family.profile
            user.pk, profile.pk, profile.user_id = user_pk + number, profile_pk + number, user_pk + number
            user.email = f"family{number + 1:06d}@{SCALE_EMAIL_DOMAIN}"
            user.date_joined = user.email_confirmed_at = family.joined
            profile.created_at = profile.updated_at = family.joined
            if family.verified:
                # Verified before the family's first application, which comes at least a day after it joined.
                profile.beneficiary_verified_at = profile.updated_at = family.joined + datetime.timedelta(hours=12)
                profile.beneficiary_verified_by_id = rng.choice(self.reviewers).pk
        application_pk = first_free_pk(Application)
        counters = dict(ReferenceCounter.objects.values_list("year", "last_number"))
        sent = []
        for number, application in enumerate(self.applications):
            application.pk = application_pk + number
            if Status.UNDER_REVIEW in application.path:
                application.reviewer = rng.choice(self.reviewers)
            if len(application.path) > 1:
                sent.append(application)
        for application in sorted(sent, key=lambda application: application.times[1]):
            year = application.times[1].astimezone(self.tz).year
            counters[year] = counters.get(year, 0) + 1
            application.reference = f"ETM-{year}-{counters[year]:06d}"
        self.counters = counters
        licences = sorted(
            (application.licence for application in self.applications if application.licence),
            key=lambda licence: (licence.issued_on, licence.application.pk),
        )
        licence_pk = first_free_pk(Licence)
        for number, licence in enumerate(licences):
            licence.pk = licence_pk + number
        self.licences = licences
