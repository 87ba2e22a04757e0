import datetime
from decimal import Decimal

import pytest

from licenses import services
from licenses.exceptions import ApplicationError
from licenses.models import ApplicationEvent, FeeAssessment, Status
from licenses.tasks import fee_assess_task, fee_assessments_relay
from packages_catalog.models import FeeSchedule
from tests.factories import FeeScheduleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(under_review, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.application_transition(application=under_review, to_status=Status.APPROVED, actor=reviewer)


def current(application):
    return application.fee_assessments.get(superseded_at__isnull=True)


def test_the_fee_is_computed_once_with_its_breakdown(approved):
    assessment = current(approved)
    assert assessment.breakdown["lines"] == [
        {"code": "new_licence", "amount": "1200.00", "discount": "0.00", "net": "1200.00"}
    ]
    assert (assessment.subtotal, assessment.discount_total, assessment.total) == (
        Decimal("1200.00"),
        Decimal("0.00"),
        Decimal("1200.00"),
    )
    assert assessment.schedule == FeeSchedule.objects.get(effective_from=datetime.date(2021, 1, 1))


def test_running_the_task_twice_changes_nothing(approved):
    assessment = current(approved)
    assert fee_assess_task(assessment.pk) is False
    assert services.fee_assess(assessment_id=assessment.pk) is None
    assert FeeAssessment.objects.filter(application=approved).count() == 1


def test_a_verified_beneficiary_pays_half_and_never_less(
    under_review, reviewer, manager, django_capture_on_commit_callbacks
):
    from families.services import beneficiary_verify

    beneficiary_verify(profile=under_review.family, actor=manager, file_number="SSD-1234")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(application=under_review, to_status=Status.APPROVED, actor=reviewer)
    assessment = current(under_review)
    assert assessment.total == Decimal("600.00")
    assert assessment.breakdown["beneficiary_verified"] is True
    assert services.fee_assess(assessment_id=assessment.pk) is None
    assessment.refresh_from_db()
    assert assessment.total == Decimal("600.00")


def test_a_schedule_changed_after_approval_does_not_change_the_assessment(approved):
    FeeScheduleFactory(effective_from=datetime.date.today(), new_licence_fee=Decimal("1500.00"))
    fee_assess_task(current(approved).pk)
    assert current(approved).total == Decimal("1200.00")


def test_staff_reassess_explicitly_with_a_reason_recorded_in_the_history(
    approved, reviewer, django_capture_on_commit_callbacks
):
    old = current(approved)
    FeeScheduleFactory(effective_from=datetime.date(2021, 6, 1), new_licence_fee=Decimal("1100.00"))
    with django_capture_on_commit_callbacks(execute=True):
        services.fee_reassess(application=approved, actor=reviewer, reason="Schedule corrected by DED")
    new = current(approved)
    assert new.pk != old.pk
    assert new.total == Decimal("1100.00")
    assert new.reason == "Schedule corrected by DED"
    old.refresh_from_db()
    assert old.superseded_at is not None and old.total == Decimal("1200.00")
    event = ApplicationEvent.objects.filter(application=approved).latest("id")
    assert (event.actor, event.is_public, event.data) == (reviewer, False, {"fee_reassessed": True})
    assert "Schedule corrected by DED" in event.internal_note


def test_reassessing_needs_a_reason(approved, reviewer):
    with pytest.raises(ApplicationError):
        services.fee_reassess(application=approved, actor=reviewer, reason="  ")


def test_an_application_not_yet_approved_has_no_fee_to_reassess(under_review, reviewer):
    with pytest.raises(ApplicationError):
        services.fee_reassess(application=under_review, actor=reviewer, reason="why not")
    assert not FeeAssessment.objects.exists()


def test_the_relay_computes_an_assessment_left_pending_by_a_broker_outage(under_review, reviewer, monkeypatch):
    monkeypatch.setattr("licenses.tasks.fee_assess_task.delay", lambda *a: (_ for _ in ()).throw(OSError("down")))
    services.application_transition(application=under_review, to_status=Status.APPROVED, actor=reviewer)
    assessment = current(under_review)
    assert assessment.state == FeeAssessment.State.PENDING
    FeeAssessment.objects.filter(pk=assessment.pk).update(
        created_at=assessment.created_at - datetime.timedelta(hours=1)
    )
    monkeypatch.undo()
    assert fee_assessments_relay() == 1
    assert current(under_review).state == FeeAssessment.State.COMPUTED


def test_the_relay_command_hands_over_pending_assessments_and_deliveries(under_review, reviewer, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    monkeypatch.setattr("licenses.tasks.fee_assess_task.delay", lambda *a: (_ for _ in ()).throw(OSError("down")))
    services.application_transition(application=under_review, to_status=Status.APPROVED, actor=reviewer)
    FeeAssessment.objects.update(created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    monkeypatch.undo()
    out = StringIO()
    call_command("relay_pending", stdout=out)
    # The deliveries are the family's e-mails of "received" and "under review", never sent in a test transaction.
    assert out.getvalue().strip() == "2 deliveries and 1 fee assessments handed to Celery."
    assert current(under_review).state == FeeAssessment.State.COMPUTED
