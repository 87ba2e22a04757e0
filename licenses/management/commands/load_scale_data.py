"""National-scale synthetic data for benchmarks: by default 100,000 applications over the last three years.

Unlike `load_demo_data`, nothing goes through the services: walking a hundred thousand applications through the
workflow one by one would take hours. Each family's life with each package is simulated forward in time instead
(apply, be reviewed, be decided, hold a licence, renew it or let it lapse), stopped where the present moment finds
it. The rows the services would have written are then written in batches (COPY on PostgreSQL), in one transaction,
with primary keys allocated up front: the history of every step, document metadata (no files), licences,
references by year of first submission (and each year's counter moved past them), and fee assessments computed by
the real rules (`packages_catalog.fees`).

Everything it writes is marked: its families' e-mail addresses end in @families.scale.intaj.ae, its reviewers'
in @staff.scale.intaj.ae, its licence numbers start with SCALE-. `--replace` deletes a previous scale set first.
Never run in production.
"""

import bisect
import datetime
import io
import json
import random
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone

from families.emirates_id import luhn_check_digit
from families.models import FamilyProfile, HomeTenure, HouseholdMember, User
from families.roles import REVIEWERS
from families.selectors import family_snapshot
from licenses.management.demo_content import (
    CENTRE_MESSAGES,
    FAMILY_NAMES,
    FAMILY_REPLY,
    FATHER_NAMES,
    FIRST_NAMES,
    PRODUCTS,
    SHARJAH_AREAS,
    TRADE_NAMES,
)
from licenses.models import (
    OPEN_STATUSES,
    REASON_KIND_FOR,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    FeeAssessment,
    Kind,
    Licence,
    ProductionPlace,
    Reason,
    ReferenceCounter,
    Status,
)
from licenses.selectors import applications_overdue, document_requirement, overdue_cutoff
from licenses.services import licence_expiry_for
from licenses.working_days import is_working_day
from packages_catalog.fees import fee_compute
from packages_catalog.models import DocumentType, FeeSchedule, Package
from packages_catalog.selectors import document_types_for_package

SCALE_EMAIL_DOMAIN = "families.scale.intaj.ae"
SCALE_STAFF_EMAIL_DOMAIN = "staff.scale.intaj.ae"
SCALE_LICENCE_PREFIX = "SCALE-"
YEARS = 3
# Applications written per round (with their history, documents and fees); rows per INSERT where COPY is not used.
CHUNK = 5000
BATCH_SIZE = 2000
# Scale families' Emirates ID serials start here, away from the demo set's (8,000,000 upwards).
EMIRATES_ID_SERIAL_BASE = 6_000_000
REVIEWER_STEPS = {Status.UNDER_REVIEW, Status.INFO_REQUESTED, Status.APPROVED, Status.REJECTED, Status.ISSUED}

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
PATHS = {
    Status.DRAFT: [Status.DRAFT],
    Status.SUBMITTED: [Status.DRAFT, Status.SUBMITTED],
    Status.UNDER_REVIEW: [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW],
    Status.INFO_REQUESTED: [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW, Status.INFO_REQUESTED],
    Status.APPROVED: [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REVIEW, Status.APPROVED],
}
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


@contextmanager
def timestamps_as_given(*models):
    """bulk_create stamps auto_now and auto_now_add fields with the present; the scale set has a past to keep.

    The fields are switched off for the duration of the load, in this process only, and always switched back.
    """
    fields = [
        model_field
        for model in models
        for model_field in model._meta.concrete_fields
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)
    ]
    saved = [(model_field, model_field.auto_now, model_field.auto_now_add) for model_field in fields]
    for model_field in fields:
        model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def scale_families() -> Q:
    return Q(user__email__endswith=f"@{SCALE_EMAIL_DOMAIN}")


def scale_applications():
    return Application.objects.filter(family__user__email__endswith=f"@{SCALE_EMAIL_DOMAIN}")


def scale_users():
    return User.objects.filter(
        Q(email__endswith=f"@{SCALE_EMAIL_DOMAIN}") | Q(email__endswith=f"@{SCALE_STAFF_EMAIL_DOMAIN}")
    )


def _delete_rows(queryset) -> int:
    """DELETE … WHERE pk IN (the queryset) in one statement: no rows fetched, no signals (the scale families'
    profiles must not each write a "deleted" history row). The caller deletes what points at them first; foreign
    keys are checked at commit."""
    model = queryset.model
    subquery, params = queryset.values("pk").query.sql_with_params()
    table, column = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT * FROM ({subquery}) AS scale)", params)
        return cursor.rowcount


def scale_data_delete() -> Counter:
    """Delete the scale set, children first, each table in one statement. Returns the rows deleted per model."""
    deleted = Counter()
    applications = scale_applications()
    licences = Licence.objects.filter(family__user__email__endswith=f"@{SCALE_EMAIL_DOMAIN}")
    profiles = FamilyProfile.objects.filter(scale_families())
    for queryset in (
        FeeAssessment.objects.filter(application__in=applications),
        ApplicationDocument.objects.filter(application__in=applications),
        ApplicationEvent.objects.filter(application__in=applications),
        Application.activities.through.objects.filter(application__in=applications),
        Licence.activities.through.objects.filter(licence__in=licences),
        licences,
        applications,
        FamilyProfile.history.model.objects.filter(id__in=profiles.values("pk")),
        HouseholdMember.history.model.objects.filter(profile_id__in=profiles.values("pk")),
        HouseholdMember.objects.filter(profile__in=profiles),
        profiles,
    ):
        deleted[queryset.model._meta.label] += _delete_rows(queryset)
    # What is left points at the accounts only (their groups, admin log, notifications and their deliveries): few
    # rows, left to Django's own delete, which also refuses if anything else still needs one of these accounts.
    _total, per_model = scale_users().delete()
    deleted.update(per_model)
    return deleted


COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """A value in PostgreSQL's COPY text format: only text (and JSON) can hold the characters it escapes."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return value.translate(COPY_ESCAPES)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False).translate(COPY_ESCAPES)
    return str(value)


class RowWriter:
    """Inserts rows, dicts of field attnames to values, one model at a time, and counts them.

    On PostgreSQL with COPY: 100,000 applications (1.7 million rows) load in 75 s rather than the 150 s of
    bulk_create's INSERTs, most of whose cost is Django compiling the statements. Elsewhere (SQLite, in tests) with
    bulk_create. Fields a row leaves out get their default; an automatic primary key, the next of its sequence.
    """

    def __init__(self):
        self.copy = connection.vendor == "postgresql"
        self.written = Counter()

    def __call__(self, model, rows: list[dict]) -> None:
        self.written[model._meta.label] += len(rows)
        if not rows:
            return
        if not self.copy:
            model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH_SIZE)
            return
        fields = [f for f in model._meta.concrete_fields if f.attname in rows[0] or not f.primary_key]
        defaults = {f.attname: f.get_default() for f in fields}
        names = [f.attname for f in fields]
        buffer = io.StringIO()
        for row in rows:
            values = {**defaults, **row}
            buffer.write("\t".join([_copy_text(values[name]) for name in names]))
            buffer.write("\n")
        buffer.seek(0)
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN", buffer)


def _row(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def statistics_refresh() -> str:
    """On PostgreSQL, do at once what autovacuum would do some time after so many new rows: gather the planner's
    statistics, and set the visibility map that lets a count read an index alone. VACUUM cannot run inside a
    transaction (a test's): there, statistics only. Returns the statement run."""
    models = [User, FamilyProfile, Application, ApplicationDocument, ApplicationEvent, FeeAssessment, Licence]
    tables = [model._meta.db_table for model in models]
    tables += [Application.activities.through._meta.db_table, Licence.activities.through._meta.db_table]
    statement = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        cursor.execute(f"{statement} {', '.join(connection.ops.quote_name(table) for table in tables)}")
    return statement


class Command(BaseCommand):
    help = "Load a national-scale synthetic data set (default 100,000 applications over 3 years) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--applications", type=int, default=100_000, help="How many applications (100,000).")
        parser.add_argument("--seed", type=int, default=2009, help="The same seed on the same day gives the same set.")
        parser.add_argument("--replace", action="store_true", help="Delete a previously loaded scale set first.")

    def handle(self, *args, applications, seed, replace, **options):
        if settings.PRODUCTION:
            raise CommandError("Scale data is never loaded in production.")
        if applications < len(CURRENT):
            raise CommandError(f"--applications must be at least {len(CURRENT)}.")
        started = time.monotonic()
        with transaction.atomic():
            existing = scale_applications().count()
            if existing or scale_users().exists():
                if not replace:
                    raise CommandError(
                        f"Scale data is already loaded ({existing} applications): use --replace to load it again."
                    )
                deleted = scale_data_delete()
                self.stdout.write(
                    f"Deleted the previous scale set in {time.monotonic() - started:.1f} s: "
                    + ", ".join(f"{label} {count}" for label, count in sorted(deleted.items()) if count)
                )
            self._setup(seed=seed)
            self._plan(applications)
            with timestamps_as_given(User, FamilyProfile, Application, Licence, FeeAssessment):
                written = self._write()
        loaded = time.monotonic()
        self.stdout.write(f"Loaded {applications} scale applications in {loaded - started:.1f} s. Rows written:")
        for label, count in written.items():
            self.stdout.write(f"  {label:<34} {count:>9}")
        if connection.vendor == "postgresql":
            statement = statistics_refresh()
            self.stdout.write(f"{statement} of the tables written in {time.monotonic() - loaded:.1f} s.")
        self._summary()

    # What the set is made of

    def _setup(self, *, seed: int) -> None:
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
        self.document_types = {package.pk: document_types_for_package(package=package) for package in self.packages}
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
        self.password = make_password(None)
        self.fees = {}
        self.required_documents = {}
        self.serials = iter(range(EMIRATES_ID_SERIAL_BASE, 10**7))
        self.taken_emirates_ids = set(FamilyProfile.objects.values_list("emirates_id", flat=True))

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
        _share, fewest, most = self._weighted(GAPS[(before, after)])
        return datetime.timedelta(days=self.rng.uniform(fewest, most))

    def _weighted(self, options: list[tuple]) -> tuple:
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
                    licence = PlannedLicence(family, package, application, issued_on, licence_expiry_for(issued_on))
                    application.licence = licence
                else:
                    licence.renewed_on = issued_on
                    start_on = max(licence.expires_on + datetime.timedelta(days=1), issued_on)
                    licence.expires_on = licence_expiry_for(start_on)
                licence.last_issued_by = application
                application.expires_on_issued = licence.expires_on
                if rng.random() > RENEW_SHARE:
                    break
                opens_on = licence.expires_on - datetime.timedelta(days=settings.LICENCE_RENEWAL_WINDOW_DAYS)
                if rng.random() < LATE_RENEWAL_SHARE:
                    day = licence.expires_on + datetime.timedelta(days=rng.uniform(31, 150))
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

    def _plan(self, count: int) -> None:
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

        def next_pk(model) -> int:
            return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

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
        user_pk, profile_pk = next_pk(User), next_pk(FamilyProfile)
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
        application_pk = next_pk(Application)
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
        licence_pk = next_pk(Licence)
        for number, licence in enumerate(licences):
            licence.pk = licence_pk + number
        self.licences = licences
        self.next_pk = {model: next_pk(model) for model in (ApplicationEvent, ApplicationDocument, FeeAssessment)}

    # The rows

    def _write(self) -> dict[str, int]:
        insert = RowWriter()
        insert(User, [_row(user) for user in self.reviewers] + [_row(family.user) for family in self.families])
        group = Group.objects.get(name=REVIEWERS)
        insert(User.groups.through, [{"user_id": user.pk, "group_id": group.pk} for user in self.reviewers])
        insert(FamilyProfile, [_row(family.profile) for family in self.families])
        self.snapshots = {id(family): self._snapshot(family) for family in self.families}
        for first in range(0, len(self.applications), CHUNK):
            chunk = self.applications[first : first + CHUNK]
            insert(Application, [self._application_row(application) for application in chunk])
            insert(
                Application.activities.through,
                [
                    {"application_id": application.pk, "activity_id": activity.pk}
                    for application in chunk
                    for activity in application.activities
                ],
            )
            insert(ApplicationDocument, [row for application in chunk for row in self._documents(application)])
            insert(ApplicationEvent, [row for application in chunk for row in self._events(application)])
            insert(FeeAssessment, [row for application in chunk if (row := self._fee_assessment(application))])
        insert(Licence, [self._licence_row(licence) for licence in self.licences])
        insert(
            Licence.activities.through,
            [
                {"licence_id": licence.pk, "activity_id": activity.pk}
                for licence in self.licences
                for activity in licence.last_issued_by.activities
            ],
        )
        for year, last_number in self.counters.items():
            ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": last_number})
        models = [User, FamilyProfile, Application, Licence, ApplicationEvent, ApplicationDocument, FeeAssessment]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        return dict(insert.written)

    def _snapshot(self, family: PlannedFamily) -> dict:
        profile = family.profile
        # family_snapshot reads the user and the household through the profile: hand it both, without a query.
        profile.user = family.user
        profile._prefetched_objects_cache = {"household_members": []}
        return family_snapshot(profile=profile)

    def _application_row(self, application: PlannedApplication) -> dict:
        path, times = application.path, application.times
        submissions = [moment for status, moment in zip(path, times, strict=True) if status == Status.SUBMITTED]
        decisions = [m for s, m in zip(path, times, strict=True) if s in (Status.APPROVED, Status.REJECTED)]
        family = application.family
        return {
            "id": application.pk,
            "reference": application.reference,
            "kind": application.kind,
            "family_id": family.profile.pk,
            "package_id": application.package.pk,
            "renews_id": application.renews.pk if application.renews else None,
            "trade_name_ar": application.trade_names[0],
            "trade_name_en": application.trade_names[1],
            "products_description": PRODUCTS.get(application.package.code, application.package.summary_en),
            "production_place": ProductionPlace.values[application.pk % len(ProductionPlace.values)],
            "production_address": family.profile.address,
            "status": application.status,
            "assigned_reviewer_id": application.reviewer.pk if application.reviewer else None,
            "family_snapshot": self.snapshots[id(family)] if submissions else {},
            "created_at": times[0],
            "updated_at": times[-1],
            "submitted_at": submissions[0] if submissions else None,
            "last_submitted_at": submissions[-1] if submissions else None,
            "decided_at": decisions[-1] if decisions else None,
            "issued_on": times[-1].astimezone(self.tz).date() if application.status == Status.ISSUED else None,
        }

    def _required_document_types(self, application: PlannedApplication) -> list:
        """The documents the application's checklist requires (the real rule; every scale family is an adult, so
        the answer depends on the package, the home and the beneficiary claim only)."""
        profile = application.family.profile
        key = (application.package.pk, profile.home_tenure, bool(profile.sssd_file_number))
        if key not in self.required_documents:
            on = application.times[0].astimezone(self.tz).date()
            self.required_documents[key] = [
                document_type
                for document_type in self.document_types[application.package.pk]
                if document_requirement(document_type, profile=profile, on=on)
            ]
        return self.required_documents[key]

    def _document(self, application, document_type, at: datetime.datetime) -> dict:
        rng = self.rng
        _share, content_type, extension, sizes = self._weighted(FILE_KINDS)
        name = f"{rng.getrandbits(128):032x}"
        stem = rng.choice([document_type.code.replace("_", "-"), f"scan_{rng.randint(1, 9999):04d}"])
        self.next_pk[ApplicationDocument] += 1
        return {
            "id": self.next_pk[ApplicationDocument] - 1,
            "application_id": application.pk,
            "document_type_id": document_type.pk,
            "file": f"{name[:2]}/{name}{extension}",
            "original_name": f"{stem}{extension}",
            "content_type": content_type,
            "size": rng.randint(*sizes),
            "uploaded_by_id": application.family.user.pk,
            "uploaded_at": at,
            "superseded_at": None,
        }

    def _documents(self, application: PlannedApplication) -> list[dict]:
        """The required documents, uploaded soon after the draft was started (a draft may have only some of them),
        sometimes product photos; before a resubmission one of them is replaced, the old file kept superseded.

        Notes on the application, for its history, the documents current at each submission.
        """
        rng, path, times = self.rng, application.path, application.times
        required = self._required_document_types(application)
        if application.status == Status.DRAFT:
            required = required[: rng.randint(0, len(required))]
        documents = [
            self._document(application, document_type, times[0] + datetime.timedelta(minutes=5 + 3 * number))
            for number, document_type in enumerate(required)
        ]
        replaceable = list(documents)
        photos = self.photos.get(application.package.pk)
        if photos is not None and Status.SUBMITTED in path and rng.random() < 0.3:
            documents += [
                self._document(application, photos, times[0] + datetime.timedelta(minutes=40 + number))
                for number in range(rng.randint(1, 3))
            ]
        application.submitted_documents = []
        for index, status in enumerate(path):
            if status != Status.SUBMITTED:
                continue
            if index > 1 and replaceable:
                old = replaceable.pop(rng.randrange(len(replaceable)))
                old["superseded_at"] = times[index] - datetime.timedelta(minutes=rng.uniform(5, 60))
                document_type = next(t for t in required if t.pk == old["document_type_id"])
                documents.append(self._document(application, document_type, old["superseded_at"]))
            application.submitted_documents.append([d["id"] for d in documents if d["superseded_at"] is None])
        return documents

    def _events(self, application: PlannedApplication) -> list[dict]:
        """One history row per step, as `application_transition` writes them: who, when, the reason and message
        of a request or a refusal, the answers and profile as sent, the licence as issued."""
        rng, family = self.rng, application.family
        arabic = family.user.preferred_language == "ar"
        answers = {
            "trade_name_ar": application.trade_names[0],
            "trade_name_en": application.trade_names[1],
            "activities": [activity.name_en for activity in application.activities],
        }
        submissions = iter(application.submitted_documents)
        events, previous = [], ""
        for index, (status, moment) in enumerate(zip(application.path, application.times, strict=True)):
            details = {}
            if status in REASON_KIND_FOR:
                details["reason_id"] = rng.choice(self.reasons[REASON_KIND_FOR[status]]).pk
                details["message"] = CENTRE_MESSAGES[status][0 if arabic else 1]
            if status == Status.SUBMITTED:
                snapshot = self.snapshots[id(family)]
                details["data"] = {"answers": answers, "family": snapshot, "documents": next(submissions)}
                if index > 1:
                    details["message"] = FAMILY_REPLY[0 if arabic else 1]
            if status == Status.ISSUED:
                licence = application.licence or application.renews
                details["data"] = {
                    "licence_number": licence_number(licence),
                    "issued_on": str(moment.astimezone(self.tz).date()),
                    "expires_on": str(application.expires_on_issued),
                }
            actor = application.reviewer if status in REVIEWER_STEPS else family.user
            self.next_pk[ApplicationEvent] += 1
            events.append(
                {
                    "id": self.next_pk[ApplicationEvent] - 1,
                    "application_id": application.pk,
                    "from_status": previous,
                    "to_status": status,
                    "actor_id": actor.pk,
                    "at": moment,
                    "notify_family": False,
                    **details,
                }
            )
            previous = status
        return events

    def _fee_assessment(self, application: PlannedApplication) -> dict | None:
        """The fee of an approved application, as the task computes it from the schedule in force on the day of
        approval; a renewal sent more than the schedule's grace days after expiry pays the late fine."""
        if Status.APPROVED not in application.path:
            return None
        approved_at = application.times[application.path.index(Status.APPROVED)]
        schedule = self._schedule_on(approved_at.astimezone(self.tz).date())
        late = False
        if application.kind == Kind.RENEWAL:
            sent_on = application.times[1].astimezone(self.tz).date()
            grace = self._schedule_on(sent_on).late_renewal_grace_days
            late = sent_on > application.renews_expired_on + datetime.timedelta(days=grace)
        key = (schedule.pk, application.package.pk, application.kind, application.family.verified, late)
        if key not in self.fees:
            self.fees[key] = fee_compute(
                schedule=schedule,
                package=application.package,
                kind=application.kind,
                beneficiary_verified=application.family.verified,
                late_renewal=late,
            )
        breakdown = self.fees[key]
        self.next_pk[FeeAssessment] += 1
        return {
            "id": self.next_pk[FeeAssessment] - 1,
            "application_id": application.pk,
            "state": FeeAssessment.State.COMPUTED,
            "schedule_id": schedule.pk,
            "breakdown": breakdown.as_json(),
            "subtotal": breakdown.subtotal,
            "discount_total": breakdown.discount_total,
            "total": breakdown.total,
            "requested_by_id": application.reviewer.pk,
            "notify_family": False,
            "created_at": approved_at,
            "computed_at": min(approved_at + datetime.timedelta(minutes=2), self.now),
        }

    def _schedule_on(self, day: datetime.date) -> FeeSchedule:
        """The schedule in force on `day` (`fee_schedule_in_force`, with the schedules read once)."""
        index = bisect.bisect_right(self.schedule_days, day)
        if index == 0:
            raise CommandError(f"No fee schedule is in force on {day}: add one that starts earlier.")
        return self.schedules[index - 1]

    def _licence_row(self, licence: PlannedLicence) -> dict:
        source = licence.last_issued_by
        recorded = licence.application.times[-1]
        return {
            "id": licence.pk,
            "number": licence_number(licence),
            "family_id": licence.family.profile.pk,
            "package_id": licence.package.pk,
            "application_id": licence.application.pk,
            "trade_name_ar": source.trade_names[0],
            "trade_name_en": source.trade_names[1],
            "issued_on": licence.issued_on,
            "renewed_on": licence.renewed_on,
            "expires_on": licence.expires_on,
            "status": Licence.Status.ACTIVE if licence.expires_on >= self.today else Licence.Status.EXPIRED,
            "created_at": recorded,
            "updated_at": source.times[-1],
        }

    # The summary

    def _summary(self) -> None:
        applications = scale_applications()
        by_status = Counter(applications.values_list("status", flat=True))
        self.stdout.write("Scale applications by status:")
        for status in Status:
            self.stdout.write(f"  {status.value:<16} {by_status.get(status.value, 0):>9}")
        overdue = applications_overdue(applications, cutoff=overdue_cutoff()).count()
        licences = Licence.objects.filter(number__startswith=SCALE_LICENCE_PREFIX)
        today = timezone.localdate()
        due = licences.filter(
            status=Licence.Status.ACTIVE, expires_on__range=(today, today + datetime.timedelta(days=30))
        ).count()
        expired = licences.filter(status=Licence.Status.EXPIRED).count()
        renewals = applications.filter(kind=Kind.RENEWAL).count()
        self.stdout.write(
            f"Past the service level: {overdue}   Renewals: {renewals}   Licences expiring within 30 days: {due}"
            f"   Expired licences: {expired}"
        )


def licence_number(licence: PlannedLicence) -> str:
    return f"{SCALE_LICENCE_PREFIX}{licence.issued_on.year}-{licence.pk:07d}"
