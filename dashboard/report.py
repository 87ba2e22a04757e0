"""The dashboard's figures as the page and the exports show them: labelled, grouped, each with its admin list.

A link carries the filters of the figure it belongs to, in the parameters of the admin's own list filters
(`licenses.admin`, `families.admin`), so following it lists exactly the rows the figure counts.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dashboard.selectors import DashboardFigures, DashboardFilters, Durations, PackageLicences
from intaj_portal.periods import month_end
from licenses.models import Status
from packages_catalog.models import Package


class Unit(StrEnum):
    COUNT = "count"  # a number of rows: the linked admin list has exactly that many
    AED = "aed"  # a sum of money over the rows of the linked list
    DAYS = "days"  # a median or an average over the rows of the linked list
    PERCENT = "percent"  # the share of the linked list's rows that meet the figure's condition


@dataclass(frozen=True)
class Figure:
    label: str
    value: int | Decimal | float | None
    unit: Unit
    url: str
    statistic: str = ""  # for days: "median" or "average" of the linked list's rows


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    figures: list[Figure]
    note: str = ""


@dataclass(frozen=True)
class LicenceRow:
    package: Package | None  # None: all packages
    issued_this_year: Figure
    issued_in_period: Figure


@dataclass(frozen=True)
class BenefitRow:
    """One package's places: booths its licence holders hold at the exhibitions held, seats taken in its courses.
    `package` None is the courses of every package, which no exhibition booth belongs to."""

    package: Package | None
    places: Figure | None
    seats: Figure


@dataclass(frozen=True)
class MonthColumn:
    month: datetime.date
    label: str
    cells: list[Figure]  # one per package, in the order of `Report.chart_packages`
    total: Figure


@dataclass(frozen=True)
class Report:
    filters: DashboardFilters
    figures: DashboardFigures
    licence_rows: list[LicenceRow]
    sections: list[Section]
    chart_packages: list[Package]
    months: list[MonthColumn] = field(default_factory=list)
    benefit_rows: list[BenefitRow] = field(default_factory=list)

    @property
    def section(self) -> dict[str, Section]:
        """The sections by key, for templates: `report.section.fees`."""
        return {section.key: section for section in self.sections}

    def all_figures(self) -> list[Figure]:
        """Every figure of the page, for the exports and for the test that checks them against the admin."""
        figures = [figure for row in self.licence_rows for figure in (row.issued_this_year, row.issued_in_period)]
        figures += [figure for section in self.sections for figure in section.figures]
        figures += [figure for column in self.months for figure in (*column.cells, column.total)]
        figures += [figure for row in self.benefit_rows for figure in (row.places, row.seats) if figure is not None]
        return figures


def admin_list_url(*, viewname: str, **params) -> str:
    """The admin changelist `viewname` filtered by `params`; parameters given as None are left out."""
    query = urlencode({name: value for name, value in params.items() if value is not None})
    return f"{reverse(viewname)}?{query}" if query else reverse(viewname)


def _period(prefix: str, start: datetime.date, end: datetime.date) -> dict[str, str]:
    return {f"{prefix}_from": start.isoformat(), f"{prefix}_to": end.isoformat()}


class _Links:
    """The admin lists of one dashboard's filters."""

    def __init__(self, filters: DashboardFilters):
        self.filters = filters

    def applications(self, package_id: int | None = None, **params) -> str:
        return admin_list_url(
            viewname="admin:licenses_application_changelist",
            package__id__exact=package_id or self.filters.package_id,
            **params,
        )

    def applications_in_period(self, prefix: str, **params) -> str:
        return self.applications(**_period(prefix, self.filters.start, self.filters.end), **params)

    def licences(self, package_id: int | None = None, **params) -> str:
        return admin_list_url(
            viewname="admin:licenses_licence_changelist",
            package__id__exact=package_id or self.filters.package_id,
            **params,
        )

    def fee_assessments(self, **params) -> str:
        return admin_list_url(
            viewname="admin:licenses_feeassessment_changelist",
            current="yes",
            state="computed",
            application__package__id__exact=self.filters.package_id,
            **_period("computed", self.filters.start, self.filters.end),
            **params,
        )

    def families(self, **params) -> str:
        return admin_list_url(viewname="admin:families_familyprofile_changelist", **params)

    def exhibitions(self) -> str:
        return admin_list_url(
            viewname="admin:benefits_exhibition_changelist", **_period("held", self.filters.start, self.filters.end)
        )

    def booths(self, package_id: int | None = None, **params) -> str:
        """Booths held (`place=taken`) by families whose licence is of the package, at exhibitions held."""
        return admin_list_url(
            viewname="admin:benefits_boothapplication_changelist",
            place="taken",
            licence__package__id__exact=package_id or self.filters.package_id,
            **_period("held", self.filters.start, self.filters.end),
            **params,
        )

    def follow_ups(self, **params) -> str:
        """Visits and calls by their next step, of the chosen package's licences."""
        return admin_list_url(
            viewname="admin:benefits_contact_changelist",
            file__licence__package__id__exact=self.filters.package_id,
            **params,
        )

    def courses(self) -> str:
        return admin_list_url(
            viewname="admin:benefits_course_changelist",
            package__id__exact=self.filters.package_id,
            **_period("run", self.filters.start, self.filters.end),
        )

    def enrolments(self, package_id: int | None = None, **params) -> str:
        """Enrolments in the courses run, of the package (`course__package__isnull` for courses of every package)."""
        return admin_list_url(
            viewname="admin:benefits_enrolment_changelist",
            course__package__id__exact=package_id or self.filters.package_id,
            **_period("run", self.filters.start, self.filters.end),
            **params,
        )


def _duration_figures(durations: Durations, *, url: str, what: str) -> list[Figure]:
    labels = {
        "median": _("Median days from submission to %(what)s"),
        "average": _("Average days from submission to %(what)s"),
    }
    values = {"median": durations.median_days, "average": durations.average_days}
    return [
        *(Figure(labels[name] % {"what": what}, values[name], Unit.DAYS, url, statistic=name) for name in labels),
        Figure(_("Applications counted"), durations.count, Unit.COUNT, url),
    ]


def _licence_rows(
    *, figures: DashboardFigures, filters: DashboardFilters, links: _Links, packages: list[Package]
) -> list[LicenceRow]:
    """Licences issued: for each package shown, the licences issued since the first of January and in the period
    (zero for a package without any), then a row of all packages with their sums; each figure links to the licence
    admin filtered by package and by the same `issued_on` dates."""
    today = figures.today
    year = _period("issued", today.replace(month=1, day=1), today)
    period = _period("issued", filters.start, filters.end)
    by_package = {row.package_id: row for row in figures.licence_by_package}
    rows = []
    for package in packages:
        counted = by_package.get(package.pk, PackageLicences(package.pk, 0, 0))
        rows.append(
            LicenceRow(
                package=package,
                issued_this_year=Figure(
                    package.name, counted.issued_this_year, Unit.COUNT, links.licences(package.pk, **year)
                ),
                issued_in_period=Figure(
                    package.name, counted.issued_in_period, Unit.COUNT, links.licences(package.pk, **period)
                ),
            )
        )
    rows.append(
        LicenceRow(
            package=None,
            issued_this_year=Figure(
                _("Licences issued this year"), figures.licences_issued_this_year, Unit.COUNT, links.licences(**year)
            ),
            issued_in_period=Figure(
                _("Licences issued in the period"),
                figures.licences_issued_in_period,
                Unit.COUNT,
                links.licences(**period),
            ),
        )
    )
    return rows


def _today_section(*, figures: DashboardFigures, links: _Links) -> Section:
    """Today: the applications waiting for the centre and those past the service level, the licences due for
    renewal within LICENCE_RENEWAL_WINDOW_DAYS and those expired, all as of today whatever the period; each links to
    the application admin's overdue filter or the licence admin's validity filter."""
    return Section(
        "now",
        _("Today"),
        [
            Figure(
                _("Applications waiting for the centre"),
                figures.waiting,
                Unit.COUNT,
                links.applications(overdue="waiting"),
            ),
            Figure(_("Past the service level"), figures.overdue, Unit.COUNT, links.applications(overdue="yes")),
            Figure(
                ngettext(
                    "Renewals due in the next %(days)s day",
                    "Renewals due in the next %(days)s days",
                    settings.LICENCE_RENEWAL_WINDOW_DAYS,
                )
                % {"days": settings.LICENCE_RENEWAL_WINDOW_DAYS},
                figures.renewals_due,
                Unit.COUNT,
                links.licences(validity="renewal_due"),
            ),
            Figure(_("Licences expired"), figures.licences_expired, Unit.COUNT, links.licences(validity="expired")),
        ],
    )


def _status_section(*, figures: DashboardFigures, links: _Links) -> Section:
    """Applications by status: of the applications first submitted in the period, one figure per status they are
    in now, in the workflow's order, then their total; each links to the application admin filtered by status and
    by the same submission dates."""
    return Section(
        "status",
        _("Applications first submitted in the period, by status now"),
        [
            *(
                Figure(
                    Status(status).label,
                    count,
                    Unit.COUNT,
                    links.applications_in_period("submitted", status=status),
                )
                for status, count in figures.applications_by_status.items()
            ),
            Figure(
                _("All applications"),
                figures.applications_in_period,
                Unit.COUNT,
                links.applications_in_period("submitted"),
            ),
        ],
    )


def _processing_section(*, figures: DashboardFigures, links: _Links) -> Section:
    """Processing times: the median and average calendar days from first submission to a decision taken in the
    period, and to a licence issued in the period, each followed by how many applications they are computed over;
    each links to the application admin list of exactly those applications."""
    return Section(
        "processing",
        _("Processing times in the period"),
        [
            *_duration_figures(figures.to_decision, url=links.applications_in_period("decided"), what=_("decision")),
            *_duration_figures(
                figures.to_issue,
                url=links.applications_in_period("issued", status="issued"),
                what=_("licence issue"),
            ),
        ],
        note=_(
            "Calendar days from the first submission: to the approval or rejection decided in the period, and "
            "to the licence issued or renewed in the period."
        ),
    )


def _fees_section(*, figures: DashboardFigures, links: _Links) -> Section:
    """Fees and discounts: the current fee assessments computed in the period, their count and total in AED, then
    those that granted a beneficiary discount, their count and the discounts' total; each links to the fee
    assessment admin filtered alike, whose list shows the same sums."""
    return Section(
        "fees",
        _("Fees assessed in the period"),
        [
            Figure(_("Fees assessed"), figures.fees_assessed, Unit.COUNT, links.fee_assessments()),
            Figure(_("Total fees assessed (AED)"), figures.fees_total, Unit.AED, links.fee_assessments()),
            Figure(
                _("Beneficiary discounts granted"),
                figures.discounts_granted,
                Unit.COUNT,
                links.fee_assessments(discount="yes"),
            ),
            Figure(
                _("Total of the discounts (AED)"),
                figures.discounts_total,
                Unit.AED,
                links.fee_assessments(discount="yes"),
            ),
        ],
    )


def _families_section(*, figures: DashboardFigures, filters: DashboardFilters, links: _Links) -> Section:
    """Families: the families registered in the period and in all, and the verified Social Services beneficiaries,
    never narrowed to a package; each links to the family admin filtered by registration date or verification."""
    return Section(
        "families",
        _("Families"),
        [
            Figure(
                _("Families registered in the period"),
                figures.families_registered_in_period,
                Unit.COUNT,
                links.families(**_period("registered", filters.start, filters.end)),
            ),
            Figure(_("Families registered in all"), figures.families_registered, Unit.COUNT, links.families()),
            Figure(
                _("Verified Social Services beneficiaries"),
                figures.beneficiaries_verified,
                Unit.COUNT,
                links.families(beneficiary="verified"),
            ),
        ],
        note=_("Families are not counted by package: one family may apply under several."),
    )


def _exhibitions_section(*, figures: DashboardFigures, links: _Links) -> Section:
    """Exhibitions: how many were held in the period (published, opened in it and by today), and the families'
    places there (booths held), the article's kind of figure; places only of the chosen package's licence holders.
    Each links to the exhibition or booth application admin filtered alike."""
    return Section(
        "exhibitions",
        _("Exhibitions held in the period"),
        [
            Figure(_("Exhibitions held"), figures.exhibitions_held, Unit.COUNT, links.exhibitions()),
            Figure(_("Family places (booths held)"), figures.family_places, Unit.COUNT, links.booths()),
        ],
        note=_("Exhibitions are counted whatever the package; places by the package of the family's licence."),
    )


def _booths_section(*, figures: DashboardFigures, links: _Links) -> Section:
    """Booths filled per exhibition: for each exhibition held in the period, in date order, the booths families hold
    there (of the chosen package), named with its booths; each links to that exhibition's booth applications."""
    return Section(
        "booths",
        _("Booths filled per exhibition"),
        [
            Figure(
                _("%(exhibition)s · booths: %(booths)s")
                % {"exhibition": row.exhibition.name, "booths": row.exhibition.booths},
                row.filled,
                Unit.COUNT,
                links.booths(exhibition__id__exact=row.exhibition.pk),
            )
            for row in figures.booths_by_exhibition
        ],
    )


def _courses_section(*, figures: DashboardFigures, links: _Links) -> Section:
    """Training courses: the courses run in the period, the seats their families hold, the families that attended
    every session of a course already over, and that number as a share of the seats held in those courses (the
    completion rate); each links to the course or enrolment admin filtered alike."""
    return Section(
        "courses",
        _("Training courses run in the period"),
        [
            Figure(_("Courses run"), figures.courses_run, Unit.COUNT, links.courses()),
            Figure(_("Seats taken"), figures.seats_taken, Unit.COUNT, links.enrolments(seat="taken")),
            Figure(
                _("Attended every session"),
                figures.completed,
                Unit.COUNT,
                links.enrolments(status__exact="attended", finished="yes"),
            ),
            Figure(
                _("Completion rate (%)"),
                figures.completion_rate,
                Unit.PERCENT,
                links.enrolments(seat="taken", finished="yes"),
            ),
        ],
        note=_("The completion rate counts the courses whose last session is over."),
    )


def _follow_ups_section(*, figures: DashboardFigures, links: _Links) -> Section:
    """Incubation follow-up, as of today: the next steps due this week and those overdue, each linked to the
    visits and calls admin filtered alike (and by the chosen package's licences)."""
    return Section(
        "follow_ups",
        _("Incubation follow-up today"),
        [
            Figure(_("Next steps due this week"), figures.follow_ups_due, Unit.COUNT, links.follow_ups(due="week")),
            Figure(_("Next steps overdue"), figures.follow_ups_overdue, Unit.COUNT, links.follow_ups(due="overdue")),
        ],
    )


def _benefit_rows(*, figures: DashboardFigures, links: _Links, packages: list[Package]) -> list[BenefitRow]:
    """Places by package: for each package shown, the booths its licence holders hold at the exhibitions held and
    the seats taken in its courses run (zero for none), then, for all packages, the seats taken in the courses of
    every package; each links to the booth or enrolment admin filtered by that package."""
    seats = {row.package_id: row.seats_taken for row in figures.courses_by_package}
    rows = [
        BenefitRow(
            package=package,
            places=Figure(
                package.name, figures.places_by_package.get(package.pk, 0), Unit.COUNT, links.booths(package.pk)
            ),
            seats=Figure(
                package.name, seats.get(package.pk, 0), Unit.COUNT, links.enrolments(package.pk, seat="taken")
            ),
        )
        for package in packages
    ]
    if links.filters.package is None:
        every = _("Courses of every package")
        rows.append(
            BenefitRow(
                package=None,
                places=None,
                seats=Figure(
                    every,
                    seats.get(None, 0),
                    Unit.COUNT,
                    links.enrolments(seat="taken", course__package__isnull="True"),
                ),
            )
        )
    return rows


def _month_columns(*, figures: DashboardFigures, links: _Links, packages: list[Package]) -> list[MonthColumn]:
    """The monthly chart: for each of the chart's months, the applications first submitted that month under each
    package shown (zero for none) and under all packages; each links to the application admin filtered by package
    and by that month's submission dates."""
    columns = []
    for month, counts in figures.monthly.items():
        month_period = _period("submitted", month, month_end(month))
        columns.append(
            MonthColumn(
                month=month,
                label=formats.date_format(month, "YEAR_MONTH_FORMAT"),
                cells=[
                    Figure(
                        package.name,
                        counts.get(package.pk, 0),
                        Unit.COUNT,
                        links.applications(package.pk, **month_period),
                    )
                    for package in packages
                ],
                total=Figure(_("All packages"), sum(counts.values()), Unit.COUNT, links.applications(**month_period)),
            )
        )
    return columns


def dashboard_report(*, figures: DashboardFigures, filters: DashboardFilters, packages: list[Package]) -> Report:
    """The dashboard's figures labelled, grouped in sections and each linked to the admin list it counts."""
    links = _Links(filters)
    shown_packages = [filters.package] if filters.package else packages
    return Report(
        filters=filters,
        figures=figures,
        licence_rows=_licence_rows(figures=figures, filters=filters, links=links, packages=shown_packages),
        sections=[
            _today_section(figures=figures, links=links),
            _status_section(figures=figures, links=links),
            _processing_section(figures=figures, links=links),
            _fees_section(figures=figures, links=links),
            _families_section(figures=figures, filters=filters, links=links),
            _exhibitions_section(figures=figures, links=links),
            _booths_section(figures=figures, links=links),
            _courses_section(figures=figures, links=links),
            _follow_ups_section(figures=figures, links=links),
        ],
        chart_packages=shown_packages,
        months=_month_columns(figures=figures, links=links, packages=shown_packages),
        benefit_rows=_benefit_rows(figures=figures, links=links, packages=shown_packages),
    )
