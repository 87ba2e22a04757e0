"""The fee on the family's application page and in the admin, and assessing it again."""

import pytest
from django.contrib.messages import get_messages

from licenses import selectors
from licenses.exceptions import ApplicationError
from licenses.models import ApplicationEvent, FeeAssessment, Status
from licenses.services import fee_assess, fee_assessment_request, fee_reassess
from packages_catalog.models import DocumentType
from tests.factories import UserFactory
from tests.licenses.factories import complete_application, document_add
from tests.licenses.test_queries import ADMIN_PAGE, APPLICATION_PAGE

pytestmark = pytest.mark.django_db

ADMIN = "/en/admin/licenses/application/"


def approved_with_fee(family, *, compute: bool = True, reviewer=None):
    """An approved application with its fee assessment, computed unless `compute` is off."""
    application = complete_application(family=family, status=Status.APPROVED)
    assessment = fee_assessment_request(application=application, actor=reviewer)
    if compute:
        fee_assess(assessment_id=assessment.pk)
    return application


def reassess_url(application):
    return f"{ADMIN}{application.pk}/fee/reassess/"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# The family's page


def test_the_family_sees_the_fee_to_pay_with_its_lines_and_total(client, alice, alice_family):
    application = approved_with_fee(alice_family)
    client.force_login(alice)
    response = client.get(f"/en/applications/{application.pk}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="fee"' in content
    assert "New licence fee" in content
    assert "AED 1,200.00" in content
    assert "fines and municipality fees are not discounted" in content
    assert 'data-testid="fee-discount"' not in content


def test_a_verified_beneficiary_sees_the_discount_applied(client, alice, alice_family):
    alice_family.sssd_file_number = "SSSD-1234"
    alice_family.beneficiary_verified_at = alice_family.created_at
    alice_family.save()
    application = approved_with_fee(alice_family)
    client.force_login(alice)
    content = client.get(f"/ar/applications/{application.pk}/").content.decode()
    assert "600.00" in content
    assert 'data-testid="fee-discount"' in content


def test_the_family_is_told_while_the_fee_is_being_calculated(client, alice, alice_family):
    application = approved_with_fee(alice_family, compute=False)
    client.force_login(alice)
    content = client.get(f"/en/applications/{application.pk}/").content.decode()
    assert "The fee is being calculated." in content
    assert 'data-testid="fee-total"' not in content


def test_an_application_without_a_fee_shows_no_fee_card(client, alice, alice_family):
    application = complete_application(family=alice_family, status=Status.SUBMITTED)
    client.force_login(alice)
    assert 'data-testid="fee"' not in client.get(f"/en/applications/{application.pk}/").content.decode()


def test_charlie_cannot_see_alices_application_and_its_fee(client, alice_family, charlie, charlie_family):
    application = approved_with_fee(alice_family)
    client.force_login(charlie)
    assert client.get(f"/en/applications/{application.pk}/").status_code == 404


def test_the_family_page_shows_only_the_current_assessment(client, alice, alice_family, reviewer):
    application = approved_with_fee(alice_family)
    FeeAssessment.objects.filter(application=application).update(superseded_at=application.created_at)
    fee_assessment_request(application=application, actor=reviewer, reason="Beneficiary verified late")
    client.force_login(alice)
    assert client.get(f"/en/applications/{application.pk}/").context["fee"].is_pending


# The admin page


def test_the_admin_page_shows_the_current_fee_and_the_reassess_button(client, reviewer, alice_family):
    application = approved_with_fee(alice_family)
    client.force_login(reviewer)
    response = client.get(f"{ADMIN}{application.pk}/change/")
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="review-fee"' in content
    assert 'data-testid="admin-fee-total"' in content
    assert "AED 1,200.00" in content
    assert reassess_url(application) in content


def test_the_admin_page_offers_no_reassessment_before_approval(client, reviewer, alice_family):
    application = complete_application(family=alice_family, status=Status.UNDER_REVIEW)
    client.force_login(reviewer)
    content = client.get(f"{ADMIN}{application.pk}/change/").content.decode()
    assert reassess_url(application) not in content
    assert 'data-testid="review-fee"' not in content


def test_the_admin_page_lists_superseded_assessments(client, reviewer, alice_family):
    application = approved_with_fee(alice_family)
    fee_reassess(application=application, actor=reviewer, reason="Schedule corrected")
    client.force_login(reviewer)
    content = client.get(f"{ADMIN}{application.pk}/change/").content.decode()
    assert 'data-testid="fee-superseded"' in content
    assert "Schedule corrected" in content


# Assessing the fee again


def test_a_reviewer_assesses_the_fee_again_with_a_reason(client, reviewer, alice_family):
    application = approved_with_fee(alice_family)
    old = application.fee_assessments.get()
    client.force_login(reviewer)
    assert client.get(reassess_url(application)).status_code == 200
    response = client.post(reassess_url(application), {"reason": "The family's beneficiary status was verified."})
    assert response.status_code == 302
    assert response["Location"].endswith(f"{application.pk}/change/")
    old.refresh_from_db()
    assert old.superseded_at is not None
    current = application.fee_assessments.get(superseded_at__isnull=True)
    assert current.pk != old.pk
    assert current.reason == "The family's beneficiary status was verified."
    event = ApplicationEvent.objects.get(application=application, data__fee_reassessed=True)
    assert event.actor == reviewer
    assert not event.is_public


def test_the_reason_is_required_and_nothing_changes_without_it(client, reviewer, alice_family):
    application = approved_with_fee(alice_family)
    client.force_login(reviewer)
    response = client.post(reassess_url(application), {"reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert application.fee_assessments.count() == 1


def test_a_refusal_of_the_service_is_shown_and_the_typed_reason_kept(client, reviewer, alice_family, monkeypatch):
    application = approved_with_fee(alice_family)

    def refuse(**kwargs):
        raise ApplicationError("Refused for the test.")

    monkeypatch.setattr("licenses.admin.services.fee_reassess", refuse)
    client.force_login(reviewer)
    response = client.post(reassess_url(application), {"reason": "Typed by the reviewer"})
    assert response.status_code == 200
    assert "Refused for the test." in messages_of(response)
    assert "Typed by the reviewer" in response.content.decode()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.UNDER_REVIEW, Status.REJECTED])
def test_the_fee_of_an_application_not_approved_cannot_be_assessed_again(client, reviewer, alice_family, status):
    application = complete_application(family=alice_family, status=status)
    client.force_login(reviewer)
    response = client.post(reassess_url(application), {"reason": "Why not"})
    assert response.status_code == 302
    assert any("only once the application is approved" in message for message in messages_of(response))
    assert not application.fee_assessments.exists()


def test_a_draft_is_not_found(client, reviewer, alice_family):
    application = complete_application(family=alice_family)
    client.force_login(reviewer)
    assert client.get(reassess_url(application)).status_code == 404


def test_families_and_anonymous_visitors_cannot_assess_the_fee(client, alice, alice_family):
    application = approved_with_fee(alice_family)
    response = client.post(reassess_url(application), {"reason": "Sneaky"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    client.force_login(alice)
    response = client.post(reassess_url(application), {"reason": "Sneaky"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert application.fee_assessments.count() == 1


def test_staff_who_cannot_review_cannot_assess_the_fee(client, alice_family):
    application = approved_with_fee(alice_family)
    clerk = UserFactory(email="clerk@intaj.example.ae", is_staff=True)
    client.force_login(clerk)
    assert client.post(reassess_url(application), {"reason": "No"}).status_code == 403
    assert application.fee_assessments.count() == 1


def test_the_reassess_view_refuses_other_methods(client, reviewer, alice_family):
    application = approved_with_fee(alice_family)
    client.force_login(reviewer)
    assert client.put(reassess_url(application)).status_code == 405


def test_the_step_form_offers_to_notify_the_family_checked_by_default(client, reviewer, alice_family):
    application = complete_application(family=alice_family, status=Status.UNDER_REVIEW)
    client.force_login(reviewer)
    content = client.get(f"{ADMIN}{application.pk}/step/approved/").content.decode()
    assert 'class="flex-container checkbox-row"' in content
    assert 'name="notify_family"' in content
    checkbox = content[content.index('name="notify_family"') - 100 : content.index('name="notify_family"') + 100]
    assert "checked" in checkbox


def test_application_fees_splits_current_and_superseded(reviewer, alice_family):
    application = approved_with_fee(alice_family)
    fee_reassess(application=application, actor=reviewer, reason="Again")
    fees = selectors.application_fees(application=selectors.application_get_for_review(pk=application.pk))
    assert fees.current.is_pending
    assert [fee.assessment.total for fee in fees.superseded] == [1200]


@pytest.mark.parametrize("count", [5, 50])
def test_the_page_with_a_fee_costs_the_same_for_5_and_50(
    client, alice, reviewer, alice_family, count, django_assert_max_num_queries
):
    application = approved_with_fee(alice_family)
    for number in range(count):
        fee_reassess(application=application, actor=reviewer, reason=f"Correction {number}")
        fee_assess(assessment_id=application.fee_assessments.get(superseded_at__isnull=True).pk)
        document_add(application, DocumentType.objects.get(code="product_photos"), name=f"photo-{number}.png")
    client.force_login(alice)
    with django_assert_max_num_queries(APPLICATION_PAGE):
        assert client.get(f"/en/applications/{application.pk}/").status_code == 200
    client.force_login(reviewer)
    with django_assert_max_num_queries(ADMIN_PAGE):
        assert client.get(f"{ADMIN}{application.pk}/change/").status_code == 200
