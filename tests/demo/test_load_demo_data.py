"""`load_demo_data`: the demo year of the centre's news article, loaded through the real services.

Slow by this suite's standards: each load walks about 110 applications through the workflow (about 8 s on SQLite
on a 2-core machine), so the module loads twice in all: once for the year's figures, once for idempotency.
"""

import datetime
import io
from collections import Counter

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from benefits.models import BoothApplication, BoothStatus, Contact, Course, Enrolment, EnrolmentStatus, Exhibition
from benefits.models import Notice as BenefitNotice
from benefits.selectors.follow_up import next_step_due_q, next_step_overdue_q
from dashboard.selectors import DashboardFilters, dashboard_figures
from demo.management.commands.load_demo_data import (
    DEMO_FAMILY_EMAIL,
    DEMO_LICENCE_PREFIX,
    LICENCES_THIS_YEAR,
)
from intaj_portal import celery
from licenses.models import Application, ApplicationEvent, FeeAssessment, Licence, Status
from licenses.selectors import application_list_overdue, application_overdue_cutoff
from notifications.models import Delivery, Notification

pytestmark = pytest.mark.django_db


def weasyprint_importable() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def load() -> str:
    call_command("load_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def test_it_loads_the_articles_year_through_the_workflow(client, monkeypatch):
    # As with a real worker listening (no eager mode): the load must still publish nothing and send nothing.
    published = []
    monkeypatch.setattr(celery, "_publish_waiting_at_most", lambda task, args, timeout: published.append(task.name))
    celery.app.conf.task_always_eager = False  # the autouse `celery_in_process` puts it back
    summary = load()
    today = timezone.localdate()
    assert published == []
    assert not Delivery.objects.exists()
    assert mail.outbox == []
    assert Notification.objects.exists()

    this_year = Licence.objects.filter(issued_on__year=today.year)
    assert this_year.count() == 82
    assert Counter(this_year.values_list("package__code", flat=True)) == LICENCES_THIS_YEAR
    assert not this_year.exclude(number__startswith=DEMO_LICENCE_PREFIX).exists()
    assert set(Application.objects.values_list("status", flat=True)) == set(Status.values)
    assert application_list_overdue(
        applications=Application.objects.all(), cutoff=application_overdue_cutoff()
    ).exists()
    if today != datetime.date(today.year, 12, 31):  # on 31 December no licence of last year is still valid
        assert Licence.objects.filter(
            status=Licence.Status.ACTIVE,
            issued_on__year=today.year - 1,
            expires_on__range=(today, today + datetime.timedelta(days=30)),
        ).exists()
    assert Licence.objects.filter(status=Licence.Status.EXPIRED).exists()
    assert "Licences issued in" in summary and "info_requested" in summary

    # Backdated, and consistent: submitted before decided, decided before issued, nothing in the future.
    for application in Application.objects.filter(status=Status.ISSUED).select_related("licence"):
        assert application.submitted_at < application.decided_at
        assert timezone.localdate(application.decided_at) <= application.licence.issued_on <= today
        assert application.reference.startswith(f"ETM-{timezone.localdate(application.submitted_at).year}-")
    assert not ApplicationEvent.objects.filter(at__gt=timezone.now()).exists()
    assert FeeAssessment.objects.filter(state=FeeAssessment.State.COMPUTED, discount_total__gt=0).exists()
    assert not FeeAssessment.objects.filter(state=FeeAssessment.State.PENDING).exists()

    family = Application.objects.filter(family__user__email=DEMO_FAMILY_EMAIL)
    assert sorted(family.values_list("status", flat=True)) == [Status.INFO_REQUESTED, Status.ISSUED]
    issued = family.get(status=Status.ISSUED)
    assert issued.fee_assessments.get().total is not None
    assert Notification.objects.filter(recipient__email=DEMO_FAMILY_EMAIL, read_at__isnull=True).count() >= 4

    client.force_login(issued.family.user)
    page = client.get(reverse("licenses:application_detail", kwargs={"pk": issued.pk}))
    assert page.status_code == 200
    for part in ('data-testid="fee"', 'data-testid="timeline"', 'data-testid="nav-bell"'):
        assert part in page.content.decode()

    # Every licence has its own verification link; the demo family's certificate and its link work.
    tokens = list(Licence.objects.values_list("verification_token", flat=True))
    assert len(set(tokens)) == len(tokens) == Licence.objects.count()
    licence = issued.licence_issued
    assert 'data-state="valid"' in client.get(f"/en/verify/{licence.verification_token}/").content.decode()
    certificate = client.get(reverse("licenses:licence_certificate", kwargs={"pk": licence.pk}))
    assert certificate.status_code == (200 if weasyprint_importable() else 503)

    # The benefits: the year's exhibitions and courses with places taken, loaded through their services.
    assert "Exhibitions held in" in summary and "Courses run in" in summary
    figures = dashboard_figures(filters=DashboardFilters(start=today.replace(month=1, day=1), end=today))
    if today.timetuple().tm_yday > 30:  # early in January the year has held nothing yet
        assert figures.exhibitions_held >= 5 and figures.family_places >= 20
        assert figures.courses_run >= 5 and figures.seats_taken >= 30 and figures.completed
    assert BoothApplication.objects.filter(status=BoothStatus.WAITLISTED).exists()
    assert BoothApplication.objects.filter(attended=True, sales_reported__gt=0).exists()
    assert Exhibition.objects.filter(starts_on__gt=today, application_deadline__gte=today).count() >= 2
    assert Enrolment.objects.filter(status=EnrolmentStatus.WAITLISTED, course__starts_at__gt=timezone.now()).exists()
    # Only the demo family is told, and what it is told happened in the past.
    benefit_kinds = [kind.value for kind in BenefitNotice]
    told = Notification.objects.filter(kind__in=benefit_kinds)
    assert set(told.values_list("recipient__email", flat=True)) <= {DEMO_FAMILY_EMAIL}
    assert not told.filter(created_at__gt=timezone.now()).exists()
    home = client.get("/en/account/").content.decode()
    assert 'data-testid="account-courses"' in home
    if today.timetuple().tm_yday > 30:
        assert 'data-testid="account-letter"' in home

    # The incubation follow-up: a few files, the demo family's with its timeline and a next step still to answer;
    # the demo reviewer's families have a next step due and one past its due date.
    assert "Follow-up files: 5" in summary
    assert 'data-testid="account-follow-up"' in home and 'data-testid="answer-step"' in home
    assert 'data-testid="step-done"' in home and 'data-testid="follow-up-goals"' in home
    assert Contact.objects.filter(next_step_due_q(today=today)).exists()
    assert Contact.objects.filter(next_step_overdue_q(today=today)).exists()
    assert all(
        staff_note not in home
        for staff_note in Contact.objects.exclude(staff_notes="").values_list("staff_notes", flat=True)
    )


def test_loading_twice_adds_nothing():
    load()
    models = (
        Application,
        ApplicationEvent,
        Licence,
        Notification,
        Exhibition,
        BoothApplication,
        Course,
        Enrolment,
        Contact,
    )
    counts = [model.objects.count() for model in models]
    summary = load()
    assert "already loaded" in summary and "Benefits demo data already loaded" in summary
    assert [model.objects.count() for model in models] == counts


def test_it_refuses_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo_data", stdout=io.StringIO())
    assert not Application.objects.exists()


def test_it_needs_the_demo_accounts():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_demo_data", stdout=io.StringIO())


def test_the_benefits_need_the_demo_year_and_never_load_in_production(settings):
    call_command("load_demo", stdout=io.StringIO())
    with pytest.raises(CommandError, match="load_demo_data"):
        call_command("load_demo_benefits", stdout=io.StringIO())
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo_benefits", stdout=io.StringIO())
    assert not Exhibition.objects.exists()
