"""Downloads for managers: a table written as CSV or Excel, and the record of every download.

The writers know nothing of applications: a `Table` is a title, headers and rows of plain values (text, numbers,
Decimals, dates, aware datetimes, None). The dashboard's figures and the application list both go through them.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.admin.options import IS_FACETS_VAR, IS_POPUP_VAR, TO_FIELD_VAR
from django.contrib.admin.views.main import ALL_VAR, ERROR_FLAG, ORDER_VAR, PAGE_VAR
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dashboard.models import ExportRecord
from licenses.models import Application
from licenses.selectors import application_is_overdue, application_overdue_cutoff

# The `fmt` a download may be asked for, as it appears in its address (`applications.csv`).
EXPORT_FORMATS = ExportRecord.Format.values
CONTENT_TYPES = {
    ExportRecord.Format.CSV: "text/csv; charset=utf-8",
    ExportRecord.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Excel and LibreOffice run a cell that starts with one of these as a formula: text typed by a family (a name)
# must never become one in a manager's spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
COLUMN_WIDTH = 20
APPLICATION_FIELDS = [
    "reference",
    "family",
    "package",
    "kind",
    "status",
    "submitted_at",
    "last_submitted_at",
    "decided_at",
    "issued_on",
    "assigned_reviewer",
]
ROWS_PER_QUERY = 2000


# The changelist's own parameters that change how the list is shown (page, order, facets…), not which
# applications it holds: they are left out of the export's record. The search (`q`) and every filter are kept.
NOT_FILTERS = {PAGE_VAR, ORDER_VAR, ERROR_FLAG, ALL_VAR, IS_FACETS_VAR, IS_POPUP_VAR, TO_FIELD_VAR}


def filters_used(query: QueryDict) -> dict[str, str | list[str]]:
    """The query parameters that chose the rows: each one's value, or the list of its values when repeated. A NUL
    character, which PostgreSQL's JSON cannot hold, is recorded as U+FFFD."""
    readable = {name: [value.replace("\x00", "\ufffd") for value in values] for name, values in query.lists()}
    return {
        name: values[0] if len(values) == 1 else values for name, values in readable.items() if name not in NOT_FILTERS
    }


@dataclass(frozen=True)
class Table:
    """What a download holds. `rows` may be a generator: it is read once, as the file is written."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]


def export_filename(what: str) -> str:
    """The name of a download without its extension, ASCII and dated: `intaj-applications-2026-11-28`."""
    return f"intaj-{what}-{timezone.localdate().isoformat()}"


def export_response(*, table: Table, fmt: str, filename: str) -> HttpResponse:
    """The table as a file to download; `filename` has no extension, `fmt` ("csv" or "xlsx") gives it.

    CSV is streamed, row by row, so a long list never sits in memory. Excel is built in write-only mode (rows go
    straight to a temporary file) and sent whole. Dates and times are in the centre's time zone.
    """
    fmt = ExportRecord.Format(fmt)
    if fmt == ExportRecord.Format.CSV:
        response = StreamingHttpResponse(_csv_chunks(table, translation.get_language()))
    else:
        response = HttpResponse(_xlsx_bytes(table))
    response["Content-Type"] = CONTENT_TYPES[fmt]
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{filename}.{fmt}")
    return response


@transaction.atomic
def export_record_create(*, actor, what: str, fmt: str, filters: dict, row_count: int) -> ExportRecord:
    """Record that `actor` downloaded `what` as `fmt`, with the query parameters `filters`, holding `row_count` rows.

    Every download is recorded, before its file is sent. `what` and `fmt` must be among ExportRecord's choices.
    """
    return ExportRecord.objects.create(
        actor=actor,
        what=ExportRecord.What(what),
        fmt=ExportRecord.Format(fmt),
        filters=filters,
        row_count=row_count,
    )


def application_table(queryset: QuerySet[Application]) -> Table:
    """One row per application of `queryset`, in its order, with the columns of the admin's application list.

    Data minimisation: the family appears by name only. No Emirates ID, mobile number or e-mail address of a
    family goes into a file that leaves the portal.
    """
    cutoff = application_overdue_cutoff()
    # The same words as the admin's columns, so the file reads like the list the manager filtered.
    headers = [
        *(capfirst(Application._meta.get_field(name).verbose_name) for name in APPLICATION_FIELDS),
        capfirst(_("overdue")),
    ]

    def rows() -> Iterator[list]:
        applications = queryset.select_related("family", "package", "assigned_reviewer")
        for application in applications.iterator(chunk_size=ROWS_PER_QUERY):
            reviewer = application.assigned_reviewer
            yield [
                application.reference,
                application.family.full_name,
                application.package.name,
                application.get_kind_display(),
                application.get_status_display(),
                application.submitted_at,
                application.last_submitted_at,
                application.decided_at,
                application.issued_on,
                str(reviewer) if reviewer else None,
                _("Yes") if application_is_overdue(application=application, cutoff=cutoff) else _("No"),
            ]

    return Table(title=capfirst(Application._meta.verbose_name_plural), headers=headers, rows=rows())


class _Echo:
    """The csv module writes to a file; this one hands each line back so it can be streamed."""

    def write(self, value: str) -> str:
        return value


def _csv_chunks(table: Table, language: str | None) -> Iterator[str]:
    # A streamed body is written after the view returned: keep the language the request was answered in.
    with translation.override(language):
        writer = csv.writer(_Echo())
        # The byte-order mark tells Excel the file is UTF-8, or Arabic text opens as mojibake.
        yield "\ufeff" + writer.writerow([_csv_value(header) for header in table.headers])
        for row in table.rows:
            yield writer.writerow([_csv_value(value) for value in row])


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _xlsx_bytes(table: Table) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(table.title).translate(SHEET_TITLE_FORBIDDEN)[:31])
    sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    # In write-only mode, columns are sized and the header frozen before the first row is written.
    for index in range(1, len(table.headers) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTH
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in table.headers:
        cell = _xlsx_cell(sheet, header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in table.rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value: Any) -> WriteOnlyCell:
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: the centre's local time is written as it reads on a clock in Sharjah.
        return WriteOnlyCell(sheet, _local(value).replace(tzinfo=None))
    if value is None or isinstance(value, int | float | Decimal | datetime.date):
        return WriteOnlyCell(sheet, value)
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    # Text stays text: openpyxl would otherwise store "=…" as a formula and "#N/A" as an error.
    cell.data_type = "s"
    return cell


def _local(moment: datetime.datetime) -> datetime.datetime:
    if timezone.is_naive(moment):
        return moment
    return timezone.localtime(moment, timezone.get_default_timezone())
