import csv
import datetime
import io
import statistics
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from benefits.models import BoothApplication, Enrolment
from dashboard.models import ExportRecord
from dashboard.report import Unit
from dashboard.selectors import DashboardFilters, dashboard_figures
from intaj_portal.periods import day_start
from licenses.models import Application, Status
from packages_catalog.models import Package
from tests.benefits.factories import courses_bulk, exhibitions_bulk
from tests.dashboard.factories import application_make, at, booth_make, exhibition_held, known_data_set

URL = reverse("dashboard:home")
with translation.override("en"):
    URL_EN = reverse("dashboard:home")


@pytest.fixture(autouse=True)
def fresh_figures(settings):
    """Figures are read anew by every request unless a test asks for the cache."""
    settings.DASHBOARD_CACHE_SECONDS = 0
    cache.clear()


@pytest.fixture
def data_set(db):
    return known_data_set(today=timezone.localdate())


def _days(duration: datetime.timedelta) -> float:
    return duration.total_seconds() / 86400


def _admin_list(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert "cl" in response.context, f"{url} is not an admin list (filters refused?)"
    return response


def _expected_from_rows(figure, response):
    """What a figure that is not a count should be: the sum the admin list shows under its rows, or the median or
    average computed here from the list's rows."""
    if figure.unit == Unit.AED:
        field = "discount_total" if "discount=yes" in figure.url else "total"
        return response.context["sums"][field] or Decimal("0")
    rows = list(response.context["cl"].queryset)
    if figure.unit == Unit.PERCENT:
        return 100 * sum(row.status == "attended" for row in rows) / len(rows) if rows else None
    if "decided_from" in figure.url:
        durations = [_days(row.decided_at - row.submitted_at) for row in rows]
    else:
        durations = [_days(row.issued_on - timezone.localdate(row.submitted_at)) for row in rows]
    if not durations:
        return None
    if figure.statistic == "median":
        return statistics.median(durations)
    return statistics.fmean(durations)


def _check_every_figure(client, query: str = ""):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    report = response.context["report"]
    figures = report.all_figures()
    assert len(figures) > 40
    for figure in figures:
        response = _admin_list(client, figure.url)
        if figure.unit == Unit.COUNT:
            assert figure.value == response.context["cl"].result_count, (figure.label, figure.url)
        elif figure.value is None:
            assert _expected_from_rows(figure, response) is None
        else:
            assert figure.value == pytest.approx(_expected_from_rows(figure, response)), (figure.label, figure.url)
    return report


def test_every_figure_equals_the_count_of_the_admin_list_it_links_to(client, manager, data_set):
    client.force_login(manager)
    report = _check_every_figure(client)

    figures = report.figures
    # The known data set, read by a person: the figures are the ones expected, not merely consistent.
    assert figures.licences_issued_this_year == 3
    assert {row.package_id: row.issued_this_year for row in figures.licence_by_package if row.issued_this_year} == {
        Package.objects.get(code="tayeb").pk: 2,
        Package.objects.get(code="atayeb").pk: 1,
    }
    assert figures.renewals_due == 1
    assert figures.licences_expired == 1
    assert figures.waiting == 3
    assert figures.overdue == 1
    assert figures.applications_by_status[Status.REJECTED] == 1  # last year's rejection is outside the period
    assert figures.applications_by_status[Status.SUBMITTED] == 2
    assert figures.fees_assessed == 2
    assert figures.fees_total == Decimal("1600.00")
    assert figures.discounts_granted == 1
    assert figures.discounts_total == Decimal("600.00")
    assert figures.beneficiaries_verified == 1
    assert figures.families_registered - figures.families_registered_in_period == 1
    # The benefits: two exhibitions held with three family places (two Tayeb, one Atayeb), two courses run.
    assert figures.exhibitions_held == 2
    assert [row.filled for row in figures.booths_by_exhibition] == [2, 1]
    assert figures.family_places == 3
    assert figures.places_by_package == {
        Package.objects.get(code="tayeb").pk: 2,
        Package.objects.get(code="atayeb").pk: 1,
    }
    assert figures.courses_run == 2
    assert figures.seats_taken == 4
    assert figures.completed == 1
    assert figures.completion_rate == pytest.approx(50.0)


def test_figures_for_one_package_and_a_chosen_period_equal_their_admin_lists(client, manager, data_set):
    client.force_login(manager)
    last_year = data_set.year_start - datetime.timedelta(days=1)
    tayeb = Package.objects.get(code="tayeb")

    report = _check_every_figure(client, f"start={last_year - datetime.timedelta(days=60)}&end={last_year}")
    assert report.figures.licences_issued_in_period == 2  # ibdaa's and anaqa's, on the last day of last year
    # Approved last December: those two licences and the one issued on 1 January; and last year's rejection.
    assert report.figures.to_decision.count == 4

    report = _check_every_figure(client, f"package={tayeb.pk}")
    assert report.chart_packages == [tayeb]
    assert report.figures.licences_issued_in_period == 2
    assert (report.figures.family_places, report.figures.courses_run, report.figures.seats_taken) == (2, 1, 2)


def test_a_draft_is_never_counted(client, manager, data_set):
    before = dashboard_figures(filters=DashboardFilters(start=data_set.year_start, end=data_set.today))
    application = Application.objects.get(status=Status.DRAFT)
    Application.objects.filter(pk=application.pk).update(submitted_at=None)
    after = dashboard_figures(filters=DashboardFilters(start=data_set.year_start, end=data_set.today))
    assert sum(after.applications_by_status.values()) == sum(before.applications_by_status.values())
    assert Status.DRAFT not in after.applications_by_status


def test_a_day_of_the_period_runs_from_local_midnight_to_midnight(db):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    application_make(submitted=at(yesterday, 23, 59))
    application_make(submitted=at(today, 0, 0))
    application_make(submitted=at(today, 23, 59))
    only_today = dashboard_figures(filters=DashboardFilters(start=today, end=today))
    assert only_today.applications_by_status[Status.SUBMITTED] == 2
    only_yesterday = dashboard_figures(filters=DashboardFilters(start=yesterday, end=yesterday))
    assert only_yesterday.applications_by_status[Status.SUBMITTED] == 1


def test_the_median_of_an_even_number_of_durations_is_the_mean_of_the_middle_two(db):
    today = timezone.localdate()
    for days in (1, 2, 6, 30):
        submitted = at(today - datetime.timedelta(days=40))
        application_make(status=Status.REJECTED, submitted=submitted, decided=submitted + datetime.timedelta(days=days))
    figures = dashboard_figures(filters=DashboardFilters(start=today - datetime.timedelta(days=60), end=today))
    assert figures.to_decision.count == 4
    assert figures.to_decision.median_days == pytest.approx(4.0)
    assert figures.to_decision.average_days == pytest.approx(39 / 4)


def test_processing_times_are_empty_rather_than_zero_when_nothing_was_decided(client, manager):
    client.force_login(manager)
    response = client.get(URL_EN)
    figures = response.context["report"].figures
    assert figures.to_decision.count == 0
    assert figures.to_decision.median_days is None
    assert figures.to_issue.average_days is None
    assert "Nothing to count in the period" in response.content.decode()


# Who may see the dashboard


def test_a_visitor_is_sent_to_the_staff_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("persona", ["alice", "reviewer"])
def test_families_and_reviewers_cannot_see_the_dashboard(client, request, persona, db):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.get(reverse("dashboard:figures_export", args=["csv"])).status_code == 403


def test_a_staff_member_outside_the_managers_group_cannot_see_it(client, django_user_model):
    staff = django_user_model.objects.create_user(email="clerk@intaj.example.ae", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("persona", ["manager", "superuser"])
def test_managers_see_the_dashboard(client, request, persona, db):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_dashboard_refuses_post(client, manager):
    client.force_login(manager)
    assert client.post(URL).status_code == 405


def test_the_admin_home_links_to_the_dashboard_for_managers_only(client, manager, reviewer):
    client.force_login(manager)
    assert URL in client.get(reverse("admin:index")).content.decode()
    client.force_login(reviewer)
    assert URL not in client.get(reverse("admin:index")).content.decode()


# Filters


def test_wrong_filters_are_explained_and_the_year_to_date_is_shown(client, manager, data_set):
    client.force_login(manager)
    response = client.get(URL, {"start": "2026-12-01", "end": "2026-01-01", "package": "999"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "end" in form.errors and "package" in form.errors
    assert response.context["report"].filters == DashboardFilters(start=data_set.year_start, end=data_set.today)
    # What the manager typed stays in the form.
    assert 'value="2026-12-01"' in response.content.decode()


@pytest.mark.parametrize("start", ["not-a-date", "2026-02-30", "1999-01-01"])
def test_an_impossible_date_is_an_error_not_a_crash(client, manager, start):
    client.force_login(manager)
    response = client.get(URL, {"start": start})
    assert response.status_code == 200
    assert "start" in response.context["form"].errors


@pytest.mark.parametrize(
    "query, field",
    [
        ({"start": "9999-12-31"}, "start"),
        ({"end": "9999-12-31"}, "end"),
        ({"end": "0001-01-01"}, "end"),
        ({"start": "0001-01-01", "end": "0001-01-01"}, "start"),
    ],
)
def test_a_date_at_the_ends_of_the_calendar_is_an_error_and_the_exports_use_the_year_to_date(
    client, manager, data_set, query, field
):
    client.force_login(manager)
    response = client.get(URL, query)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["report"].filters == DashboardFilters(start=data_set.year_start, end=data_set.today)
    for fmt in ("csv", "xlsx"):
        assert client.get(reverse("dashboard:figures_export", args=[fmt]), query).status_code == 200


def test_an_unfiltered_dashboard_shows_this_year_to_date(client, manager):
    client.force_login(manager)
    response = client.get(URL)
    today = timezone.localdate()
    assert response.context["report"].filters == DashboardFilters(start=today.replace(month=1, day=1), end=today)
    assert f'value="{today.isoformat()}"' in response.content.decode()


# Speed


def _many_applications(count: int) -> None:
    """`count` decided applications of one family, spread over the last year, written in bulk."""
    family = application_make(status=Status.REJECTED).family
    package_ids = list(Package.objects.values_list("pk", flat=True))
    now = timezone.now()
    Application.objects.bulk_create(
        Application(
            family=family,
            package_id=package_ids[number % len(package_ids)],
            status=Status.ISSUED if number % 3 else Status.REJECTED,
            reference=f"ETM-2098-{number:06d}",
            submitted_at=now - datetime.timedelta(days=number % 360, hours=5),
            last_submitted_at=now - datetime.timedelta(days=number % 360, hours=5),
            decided_at=now - datetime.timedelta(days=number % 360),
            issued_on=timezone.localdate(now - datetime.timedelta(days=number % 360)) if number % 3 else None,
        )
        for number in range(count)
    )


def _many_benefits(count: int) -> None:
    """`count` exhibitions held this year, each with a booth of one licence holder, and `count` courses run, each
    with a seat of that family, written in bulk."""
    today = timezone.localdate()
    year_start = today.replace(month=1, day=1)
    days = max((today - year_start).days, 1)
    booth = booth_make(exhibition_held(starts_on=today))
    exhibitions = exhibitions_bulk([year_start + datetime.timedelta(days=number % days) for number in range(count)])
    BoothApplication.objects.bulk_create(
        BoothApplication(exhibition=exhibition, family=booth.family, licence=booth.licence, status="accepted")
        for exhibition in exhibitions
    )
    start = day_start(year_start)
    courses = courses_bulk([start + datetime.timedelta(days=number % days) for number in range(count)])
    Enrolment.objects.bulk_create(
        Enrolment(course=course, family=booth.family, status="attended") for course in courses
    )


@pytest.mark.parametrize("count", [5, 5000])
def test_the_dashboard_reads_a_fixed_number_of_queries_whatever_the_rows(
    client, manager, count, django_assert_max_num_queries
):
    _many_applications(count)
    _many_benefits(count // 10)
    client.force_login(manager)
    # 19 (the applications by status, the benefits' exhibitions, booths by package, courses and follow-up steps among
    # them, the showcase's entries by package and its queue), and the days off staff announced (the service level's
    # calendar), read once an hour.
    with django_assert_max_num_queries(20) as queries:
        response = client.get(URL)
    print(f"dashboard, {count} applications, {count // 10} exhibitions and courses: {len(queries)} queries")
    figures = response.context["report"].figures
    assert figures.applications_in_period >= min(count, 1)
    assert figures.exhibitions_held == count // 10 + 1 and figures.courses_run == count // 10


def test_cached_figures_cost_no_query_and_say_how_old_they_are(
    client, manager, settings, data_set, django_assert_max_num_queries
):
    settings.DASHBOARD_CACHE_SECONDS = 60
    client.force_login(manager)
    first = client.get(URL_EN)
    waiting = first.context["report"].figures.waiting
    application_make(status=Status.SUBMITTED)
    # The session, the user, their groups, the packages of the filters, the notifications badge.
    with django_assert_max_num_queries(5):
        second = client.get(URL_EN)
    # For up to a minute the page shows the figures first read, and says when they were read.
    assert "report" not in second.context
    assert _waiting_on_page(second) == _waiting_on_page(first) == waiting
    assert "at most every 60 seconds" in second.content.decode()
    # Other filters, or the other language, are read on their own.
    assert client.get(URL_EN, {"start": data_set.today.isoformat()}).context["report"].figures.waiting == waiting + 1
    cache.clear()
    assert _waiting_on_page(client.get(URL_EN)) == waiting + 1


def _waiting_on_page(response) -> int:
    page = response.content.decode()
    card = page[page.index('data-testid="section-now"') :]
    return int(card[card.index('class="figure-value">') + len('class="figure-value">') :].split("<")[0])


# The figures as a file


def _csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def test_the_figures_download_holds_every_figure_with_its_filters_and_is_recorded(client, manager, data_set):
    client.force_login(manager)
    tayeb = Package.objects.get(code="tayeb")
    query = {"start": data_set.year_start.isoformat(), "end": data_set.today.isoformat(), "package": tayeb.pk}
    page = client.get(URL_EN, query)
    with translation.override("en"):
        response = client.get(reverse("dashboard:figures_export", args=["csv"]), query)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="intaj-figures-')
    rows = _csv_rows(response)
    assert rows[0] == ["Section", "Figure", "Value", "Admin list"]
    assert ["Filters", "Package", "Tayeb"] in rows
    figures = page.context["report"].all_figures()
    assert len(rows) == 1 + 3 + len(figures)
    assert rows[4][:3] == ["Licences issued this year", "Tayeb", "2"]
    assert rows[4][3].endswith(figures[0].url)
    record = ExportRecord.objects.get()
    assert (record.actor, record.what, record.fmt) == (manager, ExportRecord.What.FIGURES, ExportRecord.Format.CSV)
    assert record.filters == {name: str(value) for name, value in query.items()}
    assert record.row_count == 3 + len(figures)


def test_the_figures_open_in_excel(client, manager, data_set):
    client.force_login(manager)
    with translation.override("ar"):
        response = client.get(reverse("dashboard:figures_export", args=["xlsx"]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft  # the Arabic site
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("القسم", "المؤشر", "القيمة", "القائمة في لوحة الإدارة")
    assert values[4][:3] == ("الرخص الصادرة هذا العام", "باقة طيب", 2)


def test_an_unknown_figures_format_is_not_found(client, manager):
    client.force_login(manager)
    assert client.get(reverse("dashboard:figures_export", args=["pdf"])).status_code == 404
    assert not ExportRecord.objects.exists()


def test_a_package_shown_alone_keeps_its_colour_in_the_chart(client, manager, data_set):
    client.force_login(manager)
    everything = client.get(URL_EN).context["chart_data"]["datasets"]
    mohra = Package.objects.get(code="mohra")
    alone = client.get(URL_EN, {"package": mohra.pk}).context["chart_data"]["datasets"]
    assert [dataset["label"] for dataset in alone] == ["Mohra"]
    assert alone[0]["backgroundColor"] == next(d["backgroundColor"] for d in everything if d["label"] == "Mohra")
    assert len({dataset["backgroundColor"] for dataset in everything}) == len(everything)
