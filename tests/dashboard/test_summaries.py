"""The dashboard's summary of the applications (PostgreSQL triggers, `dashboard.summaries`) gives the very figures
the applications themselves give, whichever way the applications were written."""

import dataclasses
import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.utils import timezone

from dashboard import selectors
from dashboard.models import ApplicationDay, LicenceDay
from dashboard.selectors import DashboardFilters, dashboard_figures
from demo.scale.write import scale_applications
from intaj_portal.admin_tools import KnownTotalPaginator
from licenses.models import Application, Licence, Status
from licenses.services import application_transition, licence_expire_due
from packages_catalog.models import Package

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the summary is kept on PostgreSQL only"),
]


def _figures(filters: DashboardFilters, today: datetime.date, *, from_summary: bool, monkeypatch) -> dict:
    monkeypatch.setattr(selectors, "summaries_kept", lambda: from_summary)
    figures = dataclasses.asdict(dashboard_figures(filters=filters, today=today))
    figures.pop("computed_at")
    return figures


def _summaries() -> tuple[set[tuple], set[tuple]]:
    """The summaries' rows that count something."""
    return (
        set(ApplicationDay.objects.filter(count__gt=0).values_list("day", "package_id", "status", "count")),
        set(LicenceDay.objects.exclude(issued=0, expiring=0).values_list("day", "package_id", "issued", "expiring")),
    )


def _varied_writes(reviewer) -> None:
    """Every way an application or a licence changes: the scale loader's bulk COPY (renewals, withdrawals, reassessed
    fees, lapsed licences), steps through the transition service, licences expiring, admin-style bulk updates (a
    status, a first submission moved across local midnight, a package, a licence extended), a deletion."""
    call_command("load_scale_data", applications=300, seed=7, stdout=io.StringIO())
    waiting = list(scale_applications().filter(status=Status.SUBMITTED).select_related("family__user")[:4])
    application_transition(application=waiting[0], to_status=Status.UNDER_REVIEW, actor=reviewer)
    application_transition(application=waiting[1], to_status=Status.WITHDRAWN, actor=waiting[1].family.user)
    licence_expire_due(today=timezone.localdate())
    Application.objects.filter(pk=waiting[2].pk).update(status=Status.UNDER_REVIEW)
    Application.objects.filter(pk=waiting[3].pk).update(submitted_at=F("submitted_at") + datetime.timedelta(hours=13))
    issued = scale_applications().filter(status=Status.ISSUED).first()
    Application.objects.filter(pk=issued.pk).update(package=Package.objects.exclude(pk=issued.package_id).first())
    scale_applications().filter(status=Status.REJECTED).first().delete()
    licences = Licence.objects.order_by("id")
    licences.filter(pk=licences[0].pk).update(expires_on=F("expires_on") + datetime.timedelta(days=365))
    licences.filter(pk=licences[1].pk).update(package=Package.objects.exclude(pk=licences[1].package_id).first())


def test_the_summary_gives_the_figures_the_applications_give(reviewer, monkeypatch):
    _varied_writes(reviewer)
    today = timezone.localdate()
    choices = [
        DashboardFilters(start=today.replace(month=1, day=1), end=today),
        DashboardFilters(start=today.replace(month=1, day=1), end=today, package=Package.objects.get(code="tayeb")),
        DashboardFilters(start=datetime.date(today.year - 1, 1, 1), end=datetime.date(today.year - 1, 12, 31)),
        DashboardFilters(start=today - datetime.timedelta(days=3 * 365), end=today),
    ]
    for filters in choices:
        from_summary = _figures(filters, today, from_summary=True, monkeypatch=monkeypatch)
        assert from_summary == _figures(filters, today, from_summary=False, monkeypatch=monkeypatch), filters
        assert sum(from_summary["applications_by_status"].values()) > 0, filters


def test_a_rebuild_finds_the_summary_the_triggers_kept(reviewer):
    _varied_writes(reviewer)
    kept = _summaries()
    out = io.StringIO()
    call_command("dashboard_summaries_rebuild", stdout=out)
    assert _summaries() == kept
    assert "Dashboard summaries rebuilt" in out.getvalue()


def test_a_step_moves_the_application_to_its_new_status_on_its_day(reviewer):
    call_command("load_scale_data", applications=300, seed=7, stdout=io.StringIO())
    application = scale_applications().filter(status=Status.SUBMITTED).select_related("family__user").first()
    day = timezone.localdate(application.submitted_at)

    def count(status: str) -> int:
        row = ApplicationDay.objects.filter(day=day, package=application.package, status=status).first()
        return row.count if row else 0

    submitted, withdrawn = count(Status.SUBMITTED), count(Status.WITHDRAWN)
    application_transition(application=application, to_status=Status.WITHDRAWN, actor=application.family.user)
    assert (count(Status.SUBMITTED), count(Status.WITHDRAWN)) == (submitted - 1, withdrawn + 1)


def test_emptying_the_applications_empties_the_summaries(reviewer):
    call_command("load_scale_data", applications=300, seed=7, stdout=io.StringIO())
    assert ApplicationDay.objects.exists() and LicenceDay.objects.exists()
    with connection.cursor() as cursor:
        # The loader's rows are checked now, not at the end of the test's transaction, or PostgreSQL refuses.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE licenses_application CASCADE")
    assert not ApplicationDay.objects.exists() and not LicenceDay.objects.exists()


def test_the_admin_list_reads_its_total_from_the_summary_and_it_is_the_count(client, reviewer):
    _varied_writes(reviewer)
    # Out of draft without a first submission: not in the summary (no constraint forbids it), counted on its own.
    Application.objects.filter(pk=scale_applications().filter(status=Status.WITHDRAWN).first().pk).update(
        submitted_at=None
    )
    counted = Application.objects.exclude(status=Status.DRAFT).count()
    client.force_login(reviewer)
    response = client.get("/en/admin/licenses/application/")
    assert isinstance(response.context["cl"].paginator, KnownTotalPaginator)
    assert response.context["cl"].result_count == counted
    # Filtered or searched, the list counts its rows.
    response = client.get("/en/admin/licenses/application/", {"status": Status.SUBMITTED})
    assert not isinstance(response.context["cl"].paginator, KnownTotalPaginator)
    assert response.context["cl"].result_count == Application.objects.filter(status=Status.SUBMITTED).count()
