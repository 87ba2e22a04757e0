"""The centre's figures, read with a few aggregate queries whatever the number of rows.

Each figure counts with the same conditions as the admin list it links to (`intaj_portal.periods` and the
`*_q` selectors of `licenses.selectors`), so the two always agree. Drafts are the families' own and are never
counted, as the admin never lists them.
"""

import datetime
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from families.models import FamilyProfile
from intaj_portal.periods import day_start, months_back, period_q
from licenses.models import Application, FeeAssessment, Licence, Status
from licenses.selectors import (
    application_overdue_q,
    application_waiting_q,
    discount_granted_q,
    licence_expired_q,
    licence_renewal_due_q,
    overdue_cutoff,
)
from packages_catalog.models import Package

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
class DashboardFigures:
    today: datetime.date
    computed_at: datetime.datetime
    licences_by_package: list[PackageLicences]
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

    @property
    def licences_issued_this_year(self) -> int:
        return sum(row.issued_this_year for row in self.licences_by_package)

    @property
    def licences_issued_in_period(self) -> int:
        return sum(row.issued_in_period for row in self.licences_by_package)

    @property
    def applications_in_period(self) -> int:
        return sum(self.applications_by_status.values())


def _days(duration: datetime.timedelta) -> float:
    return duration.total_seconds() / 86400


class _Median(Aggregate):
    """PostgreSQL's exact median: the middle value, or the mean of the two middle values for an even count."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


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


def _average_days(total: datetime.timedelta | None, count: int) -> float | None:
    return _days(total) / count if count and total is not None else None


def _licence_figures(filters: DashboardFilters, *, today: datetime.date) -> tuple[list[PackageLicences], int, int]:
    licences = Licence.objects.all()
    if filters.package:
        licences = licences.filter(package=filters.package)
    this_year = period_q("issued_on", start=today.replace(month=1, day=1), end=today, is_datetime=False)
    in_period = period_q("issued_on", start=filters.start, end=filters.end, is_datetime=False)
    rows = (
        licences.order_by()
        .values("package_id")
        .annotate(
            this_year=Count("pk", filter=this_year),
            in_period=Count("pk", filter=in_period),
            renewals_due=Count("pk", filter=licence_renewal_due_q(today=today)),
            expired=Count("pk", filter=licence_expired_q(today=today)),
        )
    )
    by_package, renewals_due, expired = [], 0, 0
    for row in rows:
        by_package.append(PackageLicences(row["package_id"], row["this_year"], row["in_period"]))
        renewals_due += row["renewals_due"]
        expired += row["expired"]
    return by_package, renewals_due, expired


def _to_decision():
    return ExpressionWrapper(F("decided_at") - F("submitted_at"), output_field=DurationField())


def _to_issue():
    return ExpressionWrapper(F("issued_on") - TruncDate("submitted_at"), output_field=DurationField())


def dashboard_figures(*, filters: DashboardFilters, today: datetime.date | None = None) -> DashboardFigures:
    """Every figure of the dashboard, in five queries whatever the number of applications (seven on SQLite)."""
    today = today or timezone.localdate()
    applications = Application.objects.exclude(status=Status.DRAFT)
    if filters.package:
        applications = applications.filter(package=filters.package)
    submitted = period_q("submitted_at", start=filters.start, end=filters.end, is_datetime=True)
    decided = period_q("decided_at", start=filters.start, end=filters.end, is_datetime=True)
    issued = Q(status=Status.ISSUED) & period_q("issued_on", start=filters.start, end=filters.end, is_datetime=False)

    # On PostgreSQL the medians come with the counts; elsewhere each takes a query of its own.
    in_one_query = connection.vendor == "postgresql"
    counts = applications.aggregate(
        **{f"status_{status}": Count("pk", filter=submitted & Q(status=status)) for status in COUNTED_STATUSES},
        waiting=Count("pk", filter=application_waiting_q()),
        overdue=Count("pk", filter=application_overdue_q(cutoff=overdue_cutoff(today=today))),
        decided=Count("pk", filter=decided),
        decided_total=Sum(_to_decision(), filter=decided),
        issued=Count("pk", filter=issued),
        issued_total=Sum(_to_issue(), filter=issued),
        **(
            {
                "decided_median": _Median(_to_decision(), filter=decided),
                "issued_median": _Median(_to_issue(), filter=issued),
            }
            if in_one_query
            else {}
        ),
    )

    def durations(name: str, condition: Q, expression) -> Durations:
        count = counts[name]
        if in_one_query:
            median = _days(counts[f"{name}_median"]) if counts[f"{name}_median"] is not None else None
        else:
            median = _median_days(applications.filter(condition), expression=expression, count=count)
        return Durations(count=count, median_days=median, average_days=_average_days(counts[f"{name}_total"], count))

    to_decision = durations("decided", decided, _to_decision())
    to_issue = durations("issued", issued, _to_issue())

    months = months_back(today, CHART_MONTHS)
    monthly = {month: {} for month in months}
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
        discounts=Count("pk", filter=discount_granted_q()),
        discount_total=Sum("discount_total"),
    )

    families = FamilyProfile.objects.aggregate(
        in_period=Count("pk", filter=period_q("created_at", start=filters.start, end=filters.end, is_datetime=True)),
        registered=Count("pk"),
        verified=Count("pk", filter=Q(beneficiary_verified_at__isnull=False)),
    )

    by_package, renewals_due, expired = _licence_figures(filters, today=today)
    return DashboardFigures(
        today=today,
        computed_at=timezone.now(),
        licences_by_package=by_package,
        renewals_due=renewals_due,
        licences_expired=expired,
        applications_by_status={status.value: counts[f"status_{status}"] for status in COUNTED_STATUSES},
        waiting=counts["waiting"],
        overdue=counts["overdue"],
        to_decision=to_decision,
        to_issue=to_issue,
        monthly=monthly,
        fees_assessed=fees["assessed"],
        fees_total=fees["total"] or Decimal("0"),
        discounts_granted=fees["discounts"],
        discounts_total=fees["discount_total"] or Decimal("0"),
        families_registered_in_period=families["in_period"],
        families_registered=families["registered"],
        beneficiaries_verified=families["verified"],
    )


def packages_for_dashboard() -> list[Package]:
    return list(Package.objects.order_by("display_order", "code"))
