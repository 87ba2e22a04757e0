"""Each step tells the family (in the portal, by e-mail and SMS) and staff, written in the step's transaction."""

from decimal import Decimal

import pytest
from django.core import mail

from licenses.models import FeeAssessment, Reason, Status
from licenses.models import Notice as Kind
from notifications.models import Delivery, DeliveryStatus, Notification

pytestmark = pytest.mark.django_db


def kinds_for(user):
    return list(Notification.objects.filter(recipient=user).order_by("id").values_list("kind", flat=True))


def test_sending_tells_the_family_and_every_reviewer(draft, alice, reviewer, manager, step):
    step(draft, Status.SUBMITTED, alice)
    assert kinds_for(alice) == [Kind.APPLICATION_RECEIVED]
    assert kinds_for(reviewer) == [Kind.STAFF_APPLICATION_SUBMITTED]
    assert kinds_for(manager) == []
    staff_delivery = Delivery.objects.get(notification__recipient=reviewer)
    assert staff_delivery.channel == "email"


def test_a_resubmission_is_announced_to_the_assigned_reviewer_only(under_review, alice, reviewer, superuser, step):
    reason = Reason.objects.filter(kind=Reason.Kind.INFO_REQUEST).first()
    step(under_review, Status.INFO_REQUESTED, reviewer, reason=reason, message="Please upload the deed.")
    Notification.objects.filter(recipient=reviewer).delete()
    step(under_review, Status.SUBMITTED, alice)
    assert kinds_for(reviewer) == [Kind.STAFF_APPLICATION_SUBMITTED]


def test_a_request_for_information_carries_the_reason_and_message(under_review, alice, reviewer, step):
    reason = Reason.objects.filter(kind=Reason.Kind.INFO_REQUEST).first()
    step(under_review, Status.INFO_REQUESTED, reviewer, reason=reason, message="Please upload the deed.")
    notification = Notification.objects.filter(recipient=alice).latest("id")
    assert notification.kind == Kind.INFO_REQUESTED
    assert notification.context["reason_en"] == reason.name_en
    assert notification.context["message"] == "Please upload the deed."
    email = mail.outbox[-1]
    assert email.to == ["alice@example.ae"]
    assert "Please upload the deed." in email.body


def test_starting_review_tells_nobody(submitted, alice, reviewer, step):
    before = Notification.objects.count()
    step(submitted, Status.UNDER_REVIEW, reviewer)
    assert Notification.objects.count() == before


def test_a_reviewer_can_choose_not_to_notify_the_family(under_review, alice, reviewer, step):
    reason = Reason.objects.filter(kind=Reason.Kind.REJECTION).first()
    step(under_review, Status.REJECTED, reviewer, reason=reason, message="Not eligible.", notify_family=False)
    assert Kind.REJECTED not in kinds_for(alice)
    assert under_review.events.latest("id").notify_family is False


def test_approval_assesses_the_fee_and_tells_the_family_the_amount(under_review, alice, reviewer, step):
    step(under_review, Status.APPROVED, reviewer)
    assessment = FeeAssessment.objects.get(application=under_review)
    assert assessment.state == FeeAssessment.State.COMPUTED
    assert assessment.total == Decimal("1200.00")
    approved = Notification.objects.get(recipient=alice, kind=Kind.APPROVED)
    assert approved.context["fee_total"] == "1200.00"
    assert "AED 1,200.00" in mail.outbox[-1].body or "1,200.00" in mail.outbox[-1].body


def test_approval_without_notice_still_assesses_the_fee(under_review, alice, reviewer, step):
    step(under_review, Status.APPROVED, reviewer, notify_family=False)
    assert FeeAssessment.objects.get(application=under_review).state == FeeAssessment.State.COMPUTED
    assert Kind.APPROVED not in kinds_for(alice)


def test_issuing_tells_the_family_the_licence_number_and_expiry(under_review, alice, reviewer, step):
    import datetime

    approved = step(under_review, Status.APPROVED, reviewer)
    step(approved, Status.ISSUED, reviewer, licence_number="SHJ-ETM-7788", issued_on=datetime.date(2026, 11, 1))
    notification = Notification.objects.get(recipient=alice, kind=Kind.ISSUED)
    assert notification.context["licence_number"] == "SHJ-ETM-7788"
    assert notification.context["expiry_date"] == "2027-10-31"


def test_withdrawing_is_confirmed_to_the_family(submitted, alice, step):
    step(submitted, Status.WITHDRAWN, alice)
    assert kinds_for(alice)[-1] == Kind.WITHDRAWN


def test_notifications_link_to_the_application_in_the_readers_language(submitted, alice):
    notification = Notification.objects.get(recipient=alice)
    assert notification.context["path"] == f"/applications/{submitted.pk}/"


def test_the_approval_notice_is_delivered_once(under_review, alice, reviewer, step):
    step(under_review, Status.APPROVED, reviewer)
    approved = Notification.objects.get(recipient=alice, kind=Kind.APPROVED)
    assert set(approved.deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    subjects = [email.subject for email in mail.outbox if email.to == ["alice@example.ae"]]
    assert subjects.count(f"تمت الموافقة على الطلب {under_review.reference}") == 1
