"""Each step tells the family (in the portal, by e-mail and SMS) and staff, written in the step's transaction."""

from decimal import Decimal

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from licenses.models import FeeAssessment, Reason, Status
from licenses.models import Notice as Kind
from notifications.models import Delivery, DeliveryStatus, Notification

pytestmark = pytest.mark.django_db


def label(text: str, language: str = "ar") -> str:
    """A label of the e-mails as a recipient reads it, in its preferred language (alice's is Arabic)."""
    with translation.override(language):
        return gettext(text)


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


def test_starting_review_tells_the_family_and_no_reviewer(submitted, alice, reviewer, step):
    step(submitted, Status.UNDER_REVIEW, reviewer, message="We are checking your documents.")
    assert kinds_for(alice)[-1] == Kind.UNDER_REVIEW
    assert Kind.UNDER_REVIEW not in kinds_for(reviewer)
    notification = Notification.objects.filter(recipient=alice).latest("id")
    assert notification.context["message"] == "We are checking your documents."
    assert mail.outbox[-1].to == ["alice@example.ae"]
    assert "We are checking your documents." in mail.outbox[-1].body


def test_starting_review_with_notify_unticked_tells_nobody(submitted, alice, reviewer, step):
    before = Notification.objects.count()
    step(submitted, Status.UNDER_REVIEW, reviewer, notify_family=False)
    assert Notification.objects.count() == before


def test_the_approval_notice_carries_the_reviewers_message(under_review, alice, reviewer, step):
    step(under_review, Status.APPROVED, reviewer, message="Welcome to the Intaj families.")
    notification = Notification.objects.filter(recipient=alice).latest("id")
    assert notification.kind == Kind.APPROVED
    assert notification.context["message"] == "Welcome to the Intaj families."
    assert f"{label('Message from the centre:')}\nWelcome to the Intaj families." in mail.outbox[-1].body


def test_the_familys_reply_is_labelled_as_its_own_not_as_the_centres(under_review, alice, reviewer, step):
    reason = Reason.objects.get(kind=Reason.Kind.INFO_REQUEST, code="missing_document")
    step(under_review, Status.INFO_REQUESTED, reviewer, reason=reason, message="Please upload the deed.")
    mail.outbox.clear()
    step(under_review, Status.SUBMITTED, alice, message="The deed is attached.")
    acknowledgement = Notification.objects.filter(recipient=alice).latest("id")
    assert acknowledgement.kind == Kind.APPLICATION_RECEIVED
    assert "message" not in acknowledgement.context
    assert acknowledgement.context["own_message"] == "The deed is attached."
    to_family, to_reviewer = sorted(mail.outbox, key=lambda email: email.to != ["alice@example.ae"])
    assert label("Message from the centre:") not in to_family.body
    assert f"{label('Your message to the centre:')}\nThe deed is attached." in to_family.body
    assert label("Message from the centre:", reviewer.preferred_language) not in to_reviewer.body
    assert (
        f"{label('Message from the family:', reviewer.preferred_language)}\nThe deed is attached." in to_reviewer.body
    )


def test_the_reviewers_email_opens_the_application_in_the_admin(draft, alice, reviewer, step, settings):
    step(draft, Status.SUBMITTED, alice)
    notification = Notification.objects.get(recipient=reviewer)
    assert notification.context["path"] == f"/admin/licenses/application/{draft.pk}/change/"
    email = next(email for email in mail.outbox if email.to == [reviewer.email])
    assert f"{settings.SITE_URL}/{notification.language}/admin/licenses/application/{draft.pk}/change/" in email.body
    family_notice = Notification.objects.get(recipient=alice)
    assert family_notice.context["path"] == f"/applications/{draft.pk}/"


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
