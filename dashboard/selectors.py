"""The centre's figures, read with a few aggregate queries whatever the number of rows.

Each figure counts with the same conditions as the admin list it links to (`intaj_portal.periods` and the
`*_q` selectors of `licenses.selectors`), so the two always agree. Drafts are the families' own and are never
counted, as the admin never lists them.
"""

import datetime
import statistics
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    Expression,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from benefits.models import BoothApplication, Contact, Course, Exhibition
from benefits.selectors import (
    booth_place_q,
    course_finished_q,
    course_run_q,
    enrolment_completed_q,
    enrolment_seat_q,
    exhibition_held_q,
)
from benefits.selectors.follow_up import next_step_due_q, next_step_overdue_q
from dashboard.models import ApplicationDay, LicenceDay
from dashboard.summaries import summaries_kept
from families.models import FamilyProfile
from intaj_portal.periods import day_start, months_back, period_q
from licenses.models import Application, FeeAssessment, Licence, Status
from licenses.selectors import (
    application_overdue_cutoff,
    application_overdue_q,
    application_waiting_q,
    fee_assessment_discount_q,
    licence_expired_q,
    licence_renewal_due_q,
)
from packages_catalog.models import Package
from showcase.selectors import showcase_counts

CHART_MONTHS = 12
# The statuses the centre counts, in the workflow's order (drafts are not the centre's yet).
COUNTED_STATUSES = [status for status in Status if status != Status.DRAFT]


@dataclass(frozen=True)
class DashboardFilters:
    """A period of local dates, both included, and optionally one package."""

    start: datetime.date
    end: datetime.date
    package: Package | None = None

    @property
    def package_id(self) -> int | None:
        return self.package.pk if self.package else None


@dataclass(frozen=True)
class PackageLicences:
    package_id: int
    issued_this_year: int
    issued_in_period: int


@dataclass(frozen=True)
class Durations:
    """Days from first submission to an event, over the applications that reached it in the period."""

    count: int
    median_days: float | None
    average_days: float | None


@dataclass(frozen=True)
class ExhibitionBooths:
    """An exhibition held in the period: its booths, and how many families (of the chosen package) hold one."""

    exhibition: Exhibition
    filled: int


@dataclass(frozen=True)
class PackageCourses:
    """The courses of one package (None: of every package) run in the period, and their seats."""

    package_id: int | None
    courses: int
    seats_taken: int
    finished_seats: int
    completed: int


@dataclass(frozen=True)
class DashboardFigures:
    today: datetime.date
    computed_at: datetime.datetime
    licence_by_package: list[PackageLicences]
    renewals_due: int
    licences_expired: int
    applications_by_status: dict[str, int]
    waiting: int
    overdue: int
    to_decision: Durations
    to_issue: Durations
    # {month's first day: {package id: applications first submitted that month}}
    monthly: dict[datetime.date, dict[int, int]]
    fees_assessed: int
    fees_total: Decimal
    discounts_granted: int
    discounts_total: Decimal
    families_registered_in_period: int
    families_registered: int
    beneficiaries_verified: int
    booths_by_exhibition: list[ExhibitionBooths]
    # {package id: booths held by families whose licence is of that package}
    places_by_package: dict[int, int]
    courses_by_package: list[PackageCourses]
    # The incubation follow-up's next steps, as of today: due this week, and past their due date.
    follow_ups_due: int
    follow_ups_overdue: int
    # The public showcase today: {package id: entries shown}, and versions waiting for a reviewer's approval.
    showcase_by_package: dict[int, int]
    showcase_pending: int

    @property
    def licences_issued_this_year(self) -> int:
        return sum(row.issued_this_year for row in self.licence_by_package)

    @property
    def licences_issued_in_period(self) -> int:
        return sum(row.issued_in_period for row in self.licence_by_package)

    @property
    def applications_in_period(self) -> int:
        return sum(self.applications_by_status.values())

    @property
    def exhibitions_held(self) -> int:
        return len(self.booths_by_exhibition)

    @property
    def family_places(self) -> int:
        return sum(row.filled for row in self.booths_by_exhibition)

    @property
    def courses_run(self) -> int:
        return sum(row.courses for row in self.courses_by_package)

    @property
    def seats_taken(self) -> int:
        return sum(row.seats_taken for row in self.courses_by_package)

    @property
    def completed(self) -> int:
        return sum(row.completed for row in self.courses_by_package)

    @property
    def completion_rate(self) -> float | None:
        """Of the seats taken in courses already over, the share (in %) of families that attended every session."""
        finished = sum(row.finished_seats for row in self.courses_by_package)
        return 100 * self.completed / finished if finished else None


def _days(duration: datetime.timedelta | float) -> float:
    """A duration in days: a timedelta, or a number of days already (PostgreSQL's whole days from `_to_issue`)."""
    if isinstance(duration, datetime.timedelta):
        return duration.total_seconds() / 86400
    return float(duration)


class _Median(Aggregate):
    """PostgreSQL's exact median: the middle value, or the mean of the two middle values for an even count; an
    interval for intervals, a double for numbers."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"

    def _resolve_output_field(self):
        source = self.get_source_fields()[0]
        return source if isinstance(source, DurationField) else FloatField()


class _DaysBetween(Func):
    """Whole days from the second date to the first: PostgreSQL's subtraction of dates, an integer."""

    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()


def _median_days(queryset: QuerySet, *, expression, count: int) -> float | None:
    """The median of `expression` over `count` rows, reading only the one or two middle rows (one query).

    For databases without PostgreSQL's PERCENTILE_CONT (SQLite, the embedded default).
    """
    if count == 0:
        return None
    first = (count - 1) // 2
    middle = (
        queryset.annotate(duration=expression)
        .order_by("duration")
        .values_list("duration", flat=True)[first : count // 2 + 1]
    )
    return statistics.fmean(_days(value) for value in middle)


def _average_days(total: datetime.timedelta | int | None, count: int) -> float | None:
    return _days(total) / count if count and total is not None else None


def _to_decision():
    return ExpressionWrapper(F("decided_at") - F("submitted_at"), output_field=DurationField())


def _to_issue():
    """From the local day of first submission to `issued_on`: on PostgreSQL whole days, an integer, which sorts and
    sums about twice as fast as the interval and gives the same median and average to the last digit (a median of
    whole days is whole or a half, exact in both); elsewhere a duration."""
    if _medians_in_sql():
        return _DaysBetween("issued_on", TruncDate("submitted_at"))
    return ExpressionWrapper(F("issued_on") - TruncDate("submitted_at"), output_field=DurationField())


def _medians_in_sql() -> bool:
    """Whether the database computes medians in the aggregate query (PostgreSQL's PERCENTILE_CONT)."""
    return connection.vendor == "postgresql"


def _counted_applications(*, filters: DashboardFilters) -> QuerySet[Application]:
    applications = Application.objects.exclude(status=Status.DRAFT)
    if filters.package:
        applications = applications.filter(package=filters.package)
    return applications


def _licence_figures(*, filters: DashboardFilters, today: datetime.date) -> dict:
    """Licences: how many were issued this calendar year and in the period, per package, and how many are due for
    renewal or expired today, in one query grouped by package (narrowed to the chosen package): on PostgreSQL
    summing the summary's days (`LicenceDay`), elsewhere counting the licences. The periods count `issued_on` as local
    dates; renewal and expiry use the same conditions as the licence admin's validity filter
    (`licence_renewal_due_q`, `licence_expired_q`), summed over the packages. The packages are listed in id order,
    leaving out those with no licence issued this year or in the period (the report shows them as zero)."""
    if summaries_kept():
        rows, issued_on, expires_on = LicenceDay.objects.all(), "day", "day"
        issued, expiring = partial(Sum, "issued"), partial(Sum, "expiring")
    else:
        rows, issued_on, expires_on = Licence.objects.all(), "issued_on", "expires_on"
        issued = expiring = partial(Count, "pk")
    if filters.package:
        rows = rows.filter(package=filters.package)
    year_start = today.replace(month=1, day=1)
    rows = (
        rows.order_by("package_id")
        .values("package_id")
        .annotate(
            this_year=issued(filter=period_q(issued_on, start=year_start, end=today, is_datetime=False)),
            in_period=issued(filter=period_q(issued_on, start=filters.start, end=filters.end, is_datetime=False)),
            renewals_due=expiring(filter=licence_renewal_due_q(today=today, field=expires_on)),
            expired=expiring(filter=licence_expired_q(today=today, field=expires_on)),
        )
    )
    by_package, renewals_due, expired = [], 0, 0
    for row in rows:
        if row["this_year"] or row["in_period"]:
            by_package.append(PackageLicences(row["package_id"], row["this_year"] or 0, row["in_period"] or 0))
        renewals_due += row["renewals_due"] or 0
        expired += row["expired"] or 0
    return {"licence_by_package": by_package, "renewals_due": renewals_due, "licences_expired": expired}


def _application_days(*, filters: DashboardFilters) -> QuerySet[ApplicationDay]:
    """The summary of the applications by local day of first submission, package and status (kept on PostgreSQL),
    narrowed to the chosen package."""
    days = ApplicationDay.objects.order_by()
    if filters.package:
        days = days.filter(package=filters.package)
    return days


def _status_figures(*, applications: QuerySet[Application], filters: DashboardFilters) -> dict:
    """Applications by status: of the applications first submitted in the period (`submitted_at`, local days), how
    many are in each counted status now, in one query grouped by status: on PostgreSQL summing the summary's days of
    the period (`ApplicationDay`), elsewhere counting the applications. Drafts are never counted; the counts add up to
    the period's total of applications."""
    if summaries_kept():
        days = _application_days(filters=filters).filter(day__gte=filters.start, day__lte=filters.end)
        rows = days.values_list("status").annotate(count=Sum("count"))
    else:
        submitted = period_q("submitted_at", start=filters.start, end=filters.end, is_datetime=True)
        rows = applications.filter(submitted).order_by().values_list("status").annotate(count=Count("pk"))
    counts = dict(rows)
    return {"applications_by_status": {status.value: counts.get(status.value, 0) for status in COUNTED_STATUSES}}


def _queue_aggregates(*, today: datetime.date) -> dict[str, Aggregate]:
    """Waiting and overdue: how many applications wait for the centre now, whatever their period, and how many of
    those are past the service level, counted in the applications' shared aggregate query with the conditions of the
    application admin's overdue filter (`application_waiting_q`, `application_overdue_q` with today's cutoff)."""
    return {
        "waiting": Count("pk", filter=application_waiting_q()),
        "overdue": Count("pk", filter=application_overdue_q(cutoff=application_overdue_cutoff(today=today))),
    }


def _queue_figures(*, counts: dict) -> dict[str, int]:
    """The counts of `_queue_aggregates`."""
    return {"waiting": counts["waiting"], "overdue": counts["overdue"]}


def _processing_events(*, filters: DashboardFilters) -> dict[str, tuple[Q, Expression]]:
    """Each processing time by name: which applications it counts, and the duration it measures for each."""
    decided = period_q("decided_at", start=filters.start, end=filters.end, is_datetime=True)
    issued = Q(status=Status.ISSUED) & period_q("issued_on", start=filters.start, end=filters.end, is_datetime=False)
    return {"to_decision": (decided, _to_decision()), "to_issue": (issued, _to_issue())}


def _processing_aggregates(*, filters: DashboardFilters) -> dict[str, Aggregate]:
    """Processing times: for the applications decided in the period (from first submission to the approval or
    rejection) and those whose licence was issued in the period (from the local day of first submission to
    `issued_on`), how many there are and the sum of their durations, for the average, in the applications' shared
    aggregate query; on PostgreSQL their medians too, which other databases read afterwards (`_median_days`)."""
    aggregates = {}
    for name, (condition, expression) in _processing_events(filters=filters).items():
        aggregates.update(_processing_event_aggregates(name, condition=condition, expression=expression))
    return aggregates


def _processing_event_aggregates(name: str, *, condition: Q | None, expression: Expression) -> dict[str, Aggregate]:
    """One processing time's count, total and (on PostgreSQL) median, named after it, over the rows meeting
    `condition` (None: every row of a query that holds only those)."""
    aggregates = {name: Count("pk", filter=condition), f"{name}_total": Sum(expression, filter=condition)}
    if _medians_in_sql():
        aggregates[f"{name}_median"] = _Median(expression, filter=condition)
    return aggregates


def _processing_figures(*, counts: dict, applications: QuerySet[Application], filters: DashboardFilters) -> dict:
    """The durations of `_processing_aggregates`; without medians in SQL, one more query for each median."""
    figures = {}
    for name, (condition, expression) in _processing_events(filters=filters).items():
        count = counts[name]
        if _medians_in_sql():
            median = _days(counts[f"{name}_median"]) if counts[f"{name}_median"] is not None else None
        else:
            median = _median_days(applications.filter(condition), expression=expression, count=count)
        figures[name] = Durations(
            count=count, median_days=median, average_days=_average_days(counts[f"{name}_total"], count)
        )
    return figures


def _monthly_figures(*, applications: QuerySet[Application], filters: DashboardFilters, today: datetime.date) -> dict:
    """The monthly chart: how many applications were first submitted in each of the last CHART_MONTHS months, this
    one included, per package, in one query grouped by local month and package: on PostgreSQL summing the summary's
    days (`ApplicationDay`), elsewhere counting the applications by `TruncMonth` of `submitted_at`. Every month is
    present, with no package for a month without applications; the period filter does not apply."""
    months = months_back(today, CHART_MONTHS)
    monthly = {month: {} for month in months}
    if summaries_kept():
        days = _application_days(filters=filters).filter(day__gte=months[0]).annotate(month=TruncMonth("day"))
        # A summary row stays at zero once its applications have moved on: a month shows only packages it counts.
        per_month = days.values("month", "package_id").annotate(count=Sum("count")).filter(count__gt=0)
    else:
        per_month = (
            applications.filter(submitted_at__gte=day_start(months[0]))
            .annotate(month=TruncMonth("submitted_at"))
            .order_by()
            .values("month", "package_id")
            .annotate(count=Count("pk"))
        )
    for row in per_month:
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        monthly[month][row["package_id"]] = row["count"]
    return {"monthly": monthly}


def _fee_figures(*, filters: DashboardFilters) -> dict:
    """Fees and discounts: of the fee assessments computed in the period that are current (not superseded) and in
    the computed state, narrowed to the chosen package's applications, how many there are and the sum of their
    totals, and how many granted a beneficiary discount (`fee_assessment_discount_q`) with the sum of the discounts,
    in one aggregate query; an empty sum is zero AED."""
    assessments = FeeAssessment.objects.filter(
        period_q("computed_at", start=filters.start, end=filters.end, is_datetime=True),
        superseded_at__isnull=True,
        state=FeeAssessment.State.COMPUTED,
    )
    if filters.package:
        assessments = assessments.filter(application__package=filters.package)
    fees = assessments.aggregate(
        assessed=Count("pk"),
        total=Sum("total"),
        discounts=Count("pk", filter=fee_assessment_discount_q()),
        discount_total=Sum("discount_total"),
    )
    return {
        "fees_assessed": fees["assessed"],
        "fees_total": fees["total"] or Decimal("0"),
        "discounts_granted": fees["discounts"],
        "discounts_total": fees["discount_total"] or Decimal("0"),
    }


def _family_figures(*, filters: DashboardFilters) -> dict[str, int]:
    """Families: how many family profiles were created in the period, how many there are in all, and how many are
    verified Social Services beneficiaries, over every family whatever the package filter (a family may apply under
    several packages); in one query, each count over only its own rows (on PostgreSQL from an index alone:
    `family_created_cover`, the primary key, `family_verified`)."""
    families = FamilyProfile.objects.all()
    in_period = period_q("created_at", start=filters.start, end=filters.end, is_datetime=True)
    counts = _one_row_aggregates(
        [
            (families.filter(in_period), {"in_period": Count("pk")}),
            (families, {"registered": Count("pk")}),
            (families.filter(beneficiary_verified_at__isnull=False), {"verified": Count("pk")}),
        ]
    )
    return {
        "families_registered_in_period": counts["in_period"],
        "families_registered": counts["registered"],
        "beneficiaries_verified": counts["verified"],
    }


def _exhibition_figures(*, filters: DashboardFilters, today: datetime.date) -> dict:
    """Exhibitions: the exhibitions held in the period (published, opened in it and by today:
    `exhibition_held_q`), whatever the package, each with how many families hold a booth there (`booth_place_q`),
    narrowed to the families whose licence is of the chosen package; in one query grouped by exhibition. Then the
    same booths by the package of the family's licence, in one query grouped by package."""
    held = exhibition_held_q(start=filters.start, end=filters.end, today=today)
    places = booth_place_q(prefix="booth_applications__")
    if filters.package:
        places &= Q(booth_applications__licence__package=filters.package)
    exhibitions = Exhibition.objects.filter(held).annotate(filled=Count("booth_applications", filter=places))
    booths = BoothApplication.objects.filter(
        booth_place_q(), exhibition_held_q(start=filters.start, end=filters.end, today=today, prefix="exhibition__")
    )
    if filters.package:
        booths = booths.filter(licence__package=filters.package)
    by_package = booths.order_by().values("licence__package_id").annotate(count=Count("pk"))
    return {
        "booths_by_exhibition": [
            ExhibitionBooths(exhibition, exhibition.filled) for exhibition in exhibitions.order_by("starts_on", "id")
        ],
        "places_by_package": {row["licence__package_id"]: row["count"] for row in by_package},
    }


def _course_figures(*, filters: DashboardFilters, today: datetime.date, now: datetime.datetime) -> dict:
    """Training courses: the courses run in the period (published, first session in it and by today:
    `course_run_q`), of the chosen package only when one is chosen, grouped by package in one query: how many, the
    seats their families hold (`enrolment_seat_q`), and, of the courses already over (`course_finished_q`), the
    seats held and those of families that attended every session (`enrolment_completed_q`)."""
    courses = Course.objects.filter(course_run_q(start=filters.start, end=filters.end, today=today))
    if filters.package:
        courses = courses.filter(package=filters.package)
    seat = enrolment_seat_q(prefix="enrolments__")
    finished = course_finished_q(now=now)
    rows = (
        courses.order_by()
        .values("package_id")
        .annotate(
            courses=Count("pk", distinct=True),
            seats_taken=Count("enrolments", filter=seat),
            finished_seats=Count("enrolments", filter=seat & finished),
            completed=Count("enrolments", filter=enrolment_completed_q(prefix="enrolments__") & finished),
        )
    )
    return {
        "courses_by_package": [
            PackageCourses(
                row["package_id"], row["courses"], row["seats_taken"], row["finished_seats"], row["completed"]
            )
            for row in rows
        ]
    }


def _follow_up_figures(*, filters: DashboardFilters, today: datetime.date) -> dict[str, int]:
    """The follow-up's next steps waiting for the family, as of today whatever the period (`next_step_due_q`: due
    from today to the end of the week; `next_step_overdue_q`: past their due date), of the chosen package's
    licences only when one is chosen; in one query."""
    contacts = Contact.objects.all()
    if filters.package:
        contacts = contacts.filter(file__licence__package=filters.package)
    counts = contacts.aggregate(
        due=Count("pk", filter=next_step_due_q(today=today)),
        overdue=Count("pk", filter=next_step_overdue_q(today=today)),
    )
    return {"follow_ups_due": counts["due"], "follow_ups_overdue": counts["overdue"]}


def _application_counts(*, applications: QuerySet[Application], filters: DashboardFilters, today) -> dict:
    """The aggregates of the waiting queue and the processing times, in one query.

    On PostgreSQL each reads only its own rows, through its own covering index (an index-only scan: the waiting
    queue, the decisions and the licences issued in the period), each a one-row aggregate cross-joined with the
    others in one statement: one pass over every application would read each wide row (the family's snapshot sits
    before the dates). A part's aggregates do not test again the condition its WHERE holds. Elsewhere, one pass
    with the same aggregates.
    """
    if not _medians_in_sql():
        return applications.aggregate(**_queue_aggregates(today=today), **_processing_aggregates(filters=filters))
    parts = [(applications.filter(application_waiting_q()), _queue_aggregates(today=today))]
    parts += [
        (applications.filter(condition), _processing_event_aggregates(name, condition=None, expression=expression))
        for name, (condition, expression) in _processing_events(filters=filters).items()
    ]
    return _one_row_aggregates(parts)


def _one_row_aggregates(parts: list[tuple[QuerySet, dict[str, Aggregate]]]) -> dict:
    """Several aggregates, each over its own queryset, read in one statement (each part a derived table of one row,
    cross-joined); by the aggregates' names."""
    selects, params = [], []
    for number, (queryset, aggregates) in enumerate(parts):
        part = queryset.order_by().values(part=Value(number)).annotate(**aggregates)
        sql, part_params = part.query.sql_with_params()
        selects.append(f"({sql}) AS part_{number}")
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {' CROSS JOIN '.join(selects)}", params)
        names = [column[0] for column in cursor.description]
        row = cursor.fetchone()
    return {name: value for name, value in zip(names, row, strict=True) if name != "part"}


def dashboard_figures(*, filters: DashboardFilters, today: datetime.date | None = None) -> DashboardFigures:
    """Every figure of the dashboard, in eleven queries whatever the number of rows (thirteen on SQLite)."""
    today = today or timezone.localdate()
    applications = _counted_applications(filters=filters)
    # The waiting queue and the processing times share one query.
    counts = _application_counts(applications=applications, filters=filters, today=today)
    return DashboardFigures(
        today=today,
        **_licence_figures(filters=filters, today=today),
        **_status_figures(applications=applications, filters=filters),
        **_queue_figures(counts=counts),
        **_processing_figures(counts=counts, applications=applications, filters=filters),
        **_monthly_figures(applications=applications, filters=filters, today=today),
        **_fee_figures(filters=filters),
        **_family_figures(filters=filters),
        **_exhibition_figures(filters=filters, today=today),
        **_course_figures(filters=filters, today=today, now=timezone.now()),
        **_follow_up_figures(filters=filters, today=today),
        **showcase_counts(today=today, package_id=filters.package_id),
        computed_at=timezone.now(),
    )


def package_list_for_dashboard() -> list[Package]:
    """Every package, in display order, for the dashboard's filter and chart."""
    return list(Package.objects.order_by("display_order", "code"))
