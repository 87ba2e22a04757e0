"""Managers download the admin's application list as CSV or Excel, exactly as filtered; every download is recorded."""

import csv
import datetime
import io
import itertools
from decimal import Decimal

import openpyxl
import pytest
from django.http import StreamingHttpResponse
from django.utils import timezone, translation

from dashboard.export_views import filters_used
from dashboard.exports import Table, export_record_create, export_response
from dashboard.models import ExportRecord
from licenses.admin import ApplicationAdmin
from licenses.models import Application, Status
from packages_catalog.models import Package
from tests.factories import FamilyProfileFactory
from tests.licenses.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

QUEUE = "/en/admin/licenses/application/"
EXPORT = "/en/staff/dashboard/applications.{fmt}"
EXPORT_LOG = "/en/admin/dashboard/exportrecord/"
CSV = EXPORT.format(fmt="csv")
XLSX = EXPORT.format(fmt="xlsx")
references = itertools.count(1)


def sent_application(*, package: str = "tayeb", status: str = Status.SUBMITTED, family=None, **fields) -> Application:
    """An application the centre sees: sent (once, now, unless told otherwise) and in `status`."""
    now = timezone.now()
    return ApplicationFactory(
        family=family or FamilyProfileFactory(),
        package=Package.objects.get(code=package),
        status=status,
        reference=f"ETM-2026-{next(references):06d}",
        **{"submitted_at": now, "last_submitted_at": now, **fields},
    )


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def sheet_of(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def listed_references(client, query: dict) -> list[str]:
    """The references of the admin list for `query`, every page of it, in its order."""
    return [application.reference for application in client.get(QUEUE, query).context["cl"].queryset]


@pytest.fixture
def queue():
    """Applications in several statuses and packages, plus a draft the centre must not see."""
    return [
        sent_application(package="tayeb"),
        sent_application(package="tayeb", family=FamilyProfileFactory(full_name_en="Noura Saeed")),
        sent_application(package="atayeb"),
        sent_application(package="tayeb", status=Status.UNDER_REVIEW),
        sent_application(package="ibdaa", status=Status.REJECTED, decided_at=timezone.now()),
        ApplicationFactory(),
    ]


# The writers


def test_csv_starts_with_a_byte_order_mark_and_holds_the_header_and_rows():
    table = Table(
        title="Figures",
        headers=["Package", "Licences", "Fees", "Since", "Updated"],
        rows=[
            ["باقة طيب", 12, Decimal("1200.50"), datetime.date(2026, 1, 1), None],
            ["Atayeb", -3, Decimal("-0.50"), None, datetime.datetime(2026, 11, 28, 6, 30, tzinfo=datetime.UTC)],
        ],
    )
    response = export_response(table=table, fmt="csv", filename="intaj-figures-2026-11-28")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="intaj-figures-2026-11-28.csv"'
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(content.decode("utf-8-sig")))) == [
        ["Package", "Licences", "Fees", "Since", "Updated"],
        ["باقة طيب", "12", "1200.50", "2026-01-01", ""],
        ["Atayeb", "-3", "-0.50", "", "2026-11-28 10:30"],  # numbers are never taken for formulas
    ]


def test_excel_has_a_bold_header_real_dates_and_numbers():
    table = Table(
        title="Figures",
        headers=["Package", "Licences", "Fees", "Since", "Updated"],
        rows=[["باقة طيب", 12, Decimal("1200.50"), datetime.date(2026, 1, 1), None]],
    )
    with translation.override("en"):
        response = export_response(table=table, fmt="xlsx", filename="intaj-figures-2026-11-28")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="intaj-figures-2026-11-28.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Figures"
    assert [cell.value for cell in sheet[1]] == ["Package", "Licences", "Fees", "Since", "Updated"]
    assert all(cell.font.b for cell in sheet[1])
    assert [cell.value for cell in sheet[2]] == ["باقة طيب", 12, 1200.5, datetime.datetime(2026, 1, 1), None]
    assert sheet["D2"].is_date
    assert not sheet.sheet_view.rightToLeft


def test_excel_times_are_dubai_clock_times():
    moment = datetime.datetime(2026, 11, 28, 22, 30, tzinfo=datetime.UTC)
    response = export_response(table=Table("T", ["When"], [[moment]]), fmt="xlsx", filename="t")
    assert sheet_of(response)["A2"].value == datetime.datetime(2026, 11, 29, 2, 30)


@pytest.mark.parametrize(("language", "right_to_left"), [("ar", True), ("en", False)])
def test_the_excel_sheet_reads_right_to_left_in_arabic(language, right_to_left):
    with translation.override(language):
        response = export_response(table=Table("T", ["A"], [["ب"]]), fmt="xlsx", filename="t")
    assert bool(sheet_of(response).sheet_view.rightToLeft) is right_to_left


def test_text_that_looks_like_a_formula_stays_text_in_both_formats():
    table = Table("T", ["Name"], [['=HYPERLINK("http://evil.example","x")'], ["@SUM(1)"], ["#N/A"]])
    csv_response = export_response(table=table, fmt="csv", filename="t")
    assert [row[0] for row in csv_rows(csv_response)[1:]] == [
        '\'=HYPERLINK("http://evil.example","x")',
        "'@SUM(1)",
        "#N/A",
    ]
    sheet = sheet_of(export_response(table=table, fmt="xlsx", filename="t"))
    assert [(cell.value, cell.data_type) for (cell,) in sheet.iter_rows(min_row=2)] == [
        ('=HYPERLINK("http://evil.example","x")', "s"),
        ("@SUM(1)", "s"),
        ("#N/A", "s"),
    ]


def test_an_unknown_format_is_refused_by_the_writer():
    with pytest.raises(ValueError):
        export_response(table=Table("T", ["A"], []), fmt="pdf", filename="t")


def test_an_export_record_names_its_actor_subject_format_filters_and_rows(manager):
    record = export_record_create(actor=manager, what="figures", fmt="xlsx", filters={"year": "2026"}, row_count=14)
    record.refresh_from_db()
    assert (record.actor, record.what, record.fmt, record.filters, record.row_count) == (
        manager,
        ExportRecord.What.FIGURES,
        ExportRecord.Format.XLSX,
        {"year": "2026"},
        14,
    )
    assert record.created_at is not None


def test_an_export_record_refuses_an_unknown_subject(manager):
    with pytest.raises(ValueError):
        export_record_create(actor=manager, what="families", fmt="csv", filters={}, row_count=0)
    assert not ExportRecord.objects.exists()


# Who may download


def test_a_visitor_is_sent_to_the_staff_login(client):
    response = client.get(CSV)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/admin/login/?next=")


def test_a_family_cannot_export_applications(client, alice, queue):
    client.force_login(alice)
    assert client.get(CSV).status_code == 403


def test_reviewer_cannot_export_applications(client, reviewer, queue):
    client.force_login(reviewer)
    assert client.get(CSV).status_code == 403
    assert client.get(XLSX).status_code == 403
    assert not ExportRecord.objects.exists()


def test_an_unknown_format_is_not_found(client, manager):
    client.force_login(manager)
    assert client.get(EXPORT.format(fmt="pdf")).status_code == 404


def test_export_refuses_post(client, manager):
    client.force_login(manager)
    assert client.post(CSV).status_code == 405
    assert not ExportRecord.objects.exists()


# What is downloaded


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_manager_downloads_the_application_list(client, manager, queue, fmt):
    client.force_login(manager)
    response = client.get(EXPORT.format(fmt=fmt))
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="intaj-applications-{today}.{fmt}"'
    assert "no-store" in response["Cache-Control"]
    rows = csv_rows(response) if fmt == "csv" else [[cell.value for cell in row] for row in sheet_of(response)]
    assert rows[0] == [
        "Reference",
        "Family",
        "Package",
        "Kind",
        "Status",
        "First submitted",
        "Last submitted",
        "Decided",
        "Licence issued or renewed on",
        "Assigned reviewer",
        "Overdue",
    ]
    assert len(rows) == 1 + 5  # the header and every sent application; never the draft


def test_a_row_shows_the_application_as_the_admin_list_does(client, manager, reviewer):
    application = sent_application(
        package="atayeb",
        status=Status.UNDER_REVIEW,
        assigned_reviewer=reviewer,
        submitted_at=datetime.datetime(2026, 11, 2, 21, 15, tzinfo=datetime.UTC),
        last_submitted_at=datetime.datetime(2026, 11, 2, 21, 15, tzinfo=datetime.UTC),
    )
    client.force_login(manager)
    [_header, row] = csv_rows(client.get(CSV))
    assert row == [
        application.reference,
        "Maryam Ahmed Al Shamsi",
        "Atayeb",
        "New licence",
        "Under review",
        "2026-11-03 01:15",
        "2026-11-03 01:15",
        "",
        "",
        "reviewer@intaj.example.ae",
        "Yes",
    ]


def test_the_excel_file_is_in_arabic_and_right_to_left_on_the_arabic_site(client, manager):
    sent_application()
    client.force_login(manager)
    sheet = sheet_of(client.get("/ar/staff/dashboard/applications.xlsx"))
    assert sheet.sheet_view.rightToLeft
    assert sheet["B2"].value == "مريم أحمد الشامسي"
    assert isinstance(sheet["F2"].value, datetime.datetime)


def test_exports_leave_out_the_familys_emirates_id_mobile_and_email(client, manager):
    application = sent_application()
    user = application.family.user
    user.mobile = "+971501234567"
    user.save(update_fields=["mobile"])
    client.force_login(manager)
    csv_content = b"".join(client.get(CSV).streaming_content).decode("utf-8-sig")
    xlsx_values = [str(cell.value) for row in sheet_of(client.get(XLSX)) for cell in row]
    for personal in (application.family.emirates_id, user.email, user.mobile):
        assert personal not in csv_content
        assert not any(personal in value for value in xlsx_values)


def test_overdue_applications_are_flagged(client, manager):
    long_ago = timezone.now() - datetime.timedelta(days=30)
    late = sent_application(submitted_at=long_ago, last_submitted_at=long_ago)
    recent = sent_application(package="atayeb")
    client.force_login(manager)
    flags = {row[0]: row[-1] for row in csv_rows(client.get(CSV))[1:]}
    assert flags == {late.reference: "Yes", recent.reference: "No"}


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"status": "submitted"},
        {"status": "submitted", "package__id__exact": "PACKAGE"},
        {"q": "Noura"},
        {"o": "1"},
        {"kind": "new", "o": "-2"},
    ],
)
def test_the_csv_rows_are_the_admin_lists_rows(client, manager, queue, query):
    tayeb = Package.objects.get(code="tayeb")
    query = {name: str(tayeb.pk) if value == "PACKAGE" else value for name, value in query.items()}
    client.force_login(manager)
    exported = [row[0] for row in csv_rows(client.get(CSV, query))[1:]]
    assert exported == listed_references(client, query)
    assert exported  # every query above finds something


def test_the_export_holds_every_page_not_only_the_one_shown(client, manager, queue, monkeypatch):
    monkeypatch.setattr(ApplicationAdmin, "list_per_page", 2)
    client.force_login(manager)
    assert len(client.get(QUEUE, {"p": "2"}).context["cl"].result_list) == 2
    assert len(csv_rows(client.get(CSV, {"p": "2"}))[1:]) == 5
    assert len(csv_rows(client.get(CSV, {"p": "99"}))[1:]) == 5  # a page past the end is no reason to refuse


@pytest.mark.parametrize("query", [{"nonsense": "1"}, {"package__id__exact": "abc"}, {"submitted_at__gte": "soon"}])
def test_a_bad_filter_sends_the_manager_back_to_the_list_with_a_message(client, manager, queue, query):
    client.force_login(manager)
    response = client.get(CSV, query, follow=True)
    assert response.redirect_chain == [(QUEUE, 302)]
    assert "its filters are not valid" in response.content.decode()
    assert not ExportRecord.objects.exists()


def test_a_lookup_the_admin_does_not_allow_is_a_bad_request(client, manager, queue):
    client.force_login(manager)
    assert client.get(CSV, {"family__user__email": "alice@example.ae"}).status_code == 400
    assert not ExportRecord.objects.exists()


# The record of downloads


def test_each_download_is_recorded(client, manager, queue):
    tayeb = Package.objects.get(code="tayeb")
    client.force_login(manager)
    query = f"?status=submitted&package__id__exact={tayeb.pk}&q=Noura&o=2&p=1&e=1"
    response = client.get(XLSX + query)
    assert response.status_code == 200
    record = ExportRecord.objects.get()
    assert (record.actor, record.what, record.fmt, record.row_count) == (manager, "applications", "xlsx", 1)
    assert record.filters == {"status": "submitted", "package__id__exact": str(tayeb.pk), "q": "Noura"}


def test_repeated_parameters_are_recorded_as_lists(rf):
    assert filters_used(rf.get("/", {"status": ["submitted", "under_review"], "kind": "new", "o": "1"}).GET) == {
        "status": ["submitted", "under_review"],
        "kind": "new",
    }


def test_a_nul_character_is_recorded_as_a_replacement_character(rf):
    # PostgreSQL's JSON refuses a NUL: the record of the download would fail, and the download with it.
    assert filters_used(rf.get("/", {"start": "2026\x00", "status": ["a", "\x00"]}).GET) == {
        "start": "2026\ufffd",
        "status": ["a", "\ufffd"],
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("count", [5, 50])
def test_the_number_of_queries_does_not_grow_with_the_rows(
    client, manager, reviewer, django_assert_max_num_queries, fmt, count
):
    for _number in range(count):
        sent_application(assigned_reviewer=reviewer)
    client.force_login(manager)
    # Session, user, groups and permissions; the admin filters' choices (packages, reviewers); the admin's two
    # counts; the record (with its savepoint); and the applications themselves, in one query.
    with django_assert_max_num_queries(14):
        response = client.get(EXPORT.format(fmt=fmt))
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert body


# The admin list's links and the admin record


def test_the_list_offers_the_downloads_to_a_manager_with_its_filters(client, manager, queue):
    client.force_login(manager)
    tayeb = Package.objects.get(code="tayeb")
    page = client.get(QUEUE, {"status": "submitted", "package__id__exact": tayeb.pk, "q": "Maryam", "p": "1"})
    content = page.content.decode()
    query = f"?package__id__exact={tayeb.pk}&amp;q=Maryam&amp;status=submitted"
    assert f'href="{CSV}{query}"' in content
    assert f'href="{XLSX}{query}"' in content


def test_the_list_offers_no_download_to_a_reviewer(client, reviewer, queue):
    client.force_login(reviewer)
    content = client.get(QUEUE).content.decode()
    assert "/staff/dashboard/applications." not in content
    assert "Download CSV" not in content


def test_managers_read_the_record_of_downloads_and_reviewers_do_not(client, manager, reviewer, queue):
    client.force_login(manager)
    client.get(CSV, {"status": "submitted"})
    page = client.get(EXPORT_LOG)
    assert page.status_code == 200
    assert "status = submitted" in page.content.decode()
    client.force_login(reviewer)
    assert client.get(EXPORT_LOG).status_code == 403


def test_nobody_adds_changes_or_deletes_a_download_record(client, superuser, manager):
    record = export_record_create(actor=manager, what="applications", fmt="csv", filters={}, row_count=0)
    client.force_login(superuser)
    assert client.get(f"{EXPORT_LOG}add/").status_code == 403
    assert client.get(f"{EXPORT_LOG}{record.pk}/delete/").status_code == 403
    client.post(f"{EXPORT_LOG}{record.pk}/change/", {"row_count": 99})
    record.refresh_from_db()
    assert record.row_count == 0


@pytest.mark.parametrize("query", [{"submitted_to": "9999-12-31"}, {"decided_from": "0001-01-01"}])
def test_a_period_out_of_the_calendar_sends_the_manager_back_to_the_list_as_filtered(client, manager, queue, query):
    client.force_login(manager)
    response = client.get(CSV, query, follow=True)
    assert response.redirect_chain[0][0].startswith(f"{QUEUE}?")
    page = response.content.decode()
    assert "its filters are not valid" in page
    assert all(f'name="{name}" value="{typed}"' in page for name, typed in query.items())
    assert not ExportRecord.objects.exists()
