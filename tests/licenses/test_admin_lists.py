"""The admin lists the dashboard links to: period filters, validity of licences, fee assessments."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from licenses.admin import FeeAssessmentAdmin
from licenses.models import FeeAssessment, Status
from tests.dashboard.factories import application_make, assessment_make, at, licence_make

APPLICATIONS = reverse("admin:licenses_application_changelist")
LICENCES = reverse("admin:licenses_licence_changelist")
FEES = reverse("admin:licenses_feeassessment_changelist")


def _references(response) -> set[str]:
    return {application.reference for application in response.context["cl"].result_list}


def test_the_submitted_period_includes_both_of_its_days_in_local_time(client, reviewer):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    before = application_make(submitted=at(yesterday, 23, 59))
    first = application_make(submitted=at(today, 0, 0))
    last = application_make(submitted=at(today, 23, 59))
    client.force_login(reviewer)
    response = client.get(APPLICATIONS, {"submitted_from": today, "submitted_to": today})
    assert _references(response) == {first.reference, last.reference}
    response = client.get(APPLICATIONS, {"submitted_to": yesterday})
    assert _references(response) == {before.reference}


@pytest.mark.parametrize(
    "query, error",
    [
        ({"submitted_from": "2026-13-45"}, "Enter a valid date."),
        ({"submitted_to": "9999-12-31"}, "Choose a date up to 31/12/2999."),
        ({"submitted_from": "0001-01-01"}, "Choose a date from 01/01/1900 on."),
        ({"submitted_from": "2026-03-01", "submitted_to": "2026-02-01"}, "must not be before its start"),
    ],
)
def test_a_period_the_filter_cannot_use_is_explained_and_kept_in_its_inputs(client, reviewer, query, error):
    listed = application_make(submitted=at(timezone.localdate()))
    client.force_login(reviewer)
    with translation.override("en"):
        response = client.get(reverse("admin:licenses_application_changelist"), query)
    assert response.status_code == 200
    page = response.content.decode()
    messages = [str(message) for message in response.context["messages"]]
    assert any(message.startswith("The filter “first submitted” was not applied:") for message in messages)
    assert error in page
    for name, typed in query.items():
        assert f'name="{name}" value="{typed}"' in page
    assert 'data-testid="period-error"' in page
    # The list is not filtered by a period it could not read.
    assert _references(response) == {listed.reference}


@pytest.mark.parametrize("query", [{"family": "9" * 20}, {"family__id__exact": "²"}, {"reviewer": "1e3"}])
def test_an_id_filter_that_is_no_id_gives_the_list_without_filters_and_says_why(client, reviewer, query):
    client.force_login(reviewer)
    with translation.override("en"):
        response = client.get(reverse("admin:licenses_application_changelist"), query, follow=True)
    assert response.redirect_chain[-1][0].endswith("?e=1")
    messages = [str(message) for message in response.context["messages"]]
    assert messages == [
        "The list could not be filtered as asked: a filter's value is not valid. It is shown without them."
    ]


def test_the_period_form_keeps_the_other_filters_and_the_search(client, reviewer, db):
    client.force_login(reviewer)
    response = client.get(APPLICATIONS, {"status": "submitted", "q": "Maryam", "decided_from": "2026-01-01"})
    page = response.content.decode()
    assert '<input type="hidden" name="status" value="submitted">' in page
    assert '<input type="hidden" name="q" value="Maryam">' in page
    assert 'name="decided_from" value="2026-01-01"' in page


def test_waiting_lists_the_applications_in_the_centres_hands_only(client, reviewer):
    submitted = application_make(status=Status.SUBMITTED)
    under_review = application_make(status=Status.UNDER_REVIEW)
    application_make(status=Status.INFO_REQUESTED)
    application_make(status=Status.APPROVED)
    client.force_login(reviewer)
    response = client.get(APPLICATIONS, {"overdue": "waiting"})
    assert _references(response) == {submitted.reference, under_review.reference}


def test_validity_lists_renewals_due_within_the_window_and_expired_licences_by_date(client, reviewer):
    today = timezone.localdate()
    due_today = licence_make(issued_on=today - datetime.timedelta(days=300), expires_on=today)
    due_last_day = licence_make(package="atayeb", issued_on=today, expires_on=today + datetime.timedelta(days=30))
    licence_make(package="ibdaa", issued_on=today, expires_on=today + datetime.timedelta(days=31))
    expired = licence_make(package="anaqa", issued_on=today, expires_on=today - datetime.timedelta(days=1))
    client.force_login(reviewer)
    due = client.get(LICENCES, {"validity": "renewal_due"}).context["cl"].result_list
    assert {licence.number for licence in due} == {due_today.number, due_last_day.number}
    gone = client.get(LICENCES, {"validity": "expired"}).context["cl"].result_list
    assert [licence.number for licence in gone] == [expired.number]


@pytest.mark.parametrize("persona", ["reviewer", "manager"])
def test_staff_read_fee_assessments_and_change_none(client, request, persona, db):
    assessment = assessment_make(application_make(status=Status.APPROVED), total="600.00", discount="600.00")
    client.force_login(request.getfixturevalue(persona))
    assert client.get(FEES).status_code == 200
    change = reverse("admin:licenses_feeassessment_change", args=[assessment.pk])
    response = client.get(change)
    assert response.status_code == 200
    assert b'name="total"' not in response.content
    client.post(change, {"total": "0.00"})
    assessment.refresh_from_db()
    assert str(assessment.total) == "600.00"
    assert client.get(reverse("admin:licenses_feeassessment_add")).status_code == 403
    assert client.get(reverse("admin:licenses_feeassessment_delete", args=[assessment.pk])).status_code == 403


def test_a_family_cannot_read_fee_assessments_in_the_admin(client, alice):
    client.force_login(alice)
    response = client.get(FEES)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_discount_and_current_filters_pick_the_right_assessments(client, manager):
    application = application_make(status=Status.APPROVED)
    replaced = assessment_make(application, total="600.00", discount="600.00")
    FeeAssessment.objects.filter(pk=replaced.pk).update(superseded_at=timezone.now())
    current = assessment_make(application, total="1200.00")
    other = assessment_make(application_make(status=Status.APPROVED), total="600.00", discount="600.00")
    client.force_login(manager)
    current_ones = client.get(FEES, {"current": "yes"}).context["cl"].result_list
    assert {a.pk for a in current_ones} == {current.pk, other.pk}
    discounted = client.get(FEES, {"current": "yes", "discount": "yes"}).context["cl"].result_list
    assert [a.pk for a in discounted] == [other.pk]


def test_the_fee_assessment_list_reads_a_fixed_number_of_queries(client, manager, django_assert_max_num_queries):
    for _ in range(5):
        assessment_make(application_make(status=Status.APPROVED), total="600.00")
    client.force_login(manager)
    with django_assert_max_num_queries(10) as captured:
        client.get(FEES)
    few = len(captured)
    for _ in range(20):
        assessment_make(application_make(status=Status.APPROVED), total="600.00")
    with django_assert_max_num_queries(few):
        client.get(FEES)


def test_the_fee_list_shows_the_sums_of_every_page(client, manager, monkeypatch):
    monkeypatch.setattr(FeeAssessmentAdmin, "list_per_page", 2)
    for _ in range(3):
        assessment_make(application_make(status=Status.APPROVED), total="600.00", discount="600.00")
    assessment_make(application_make(status=Status.APPROVED), total="1200.00")
    client.force_login(manager)
    with translation.override("en"):
        response = client.get(reverse("admin:licenses_feeassessment_changelist"), {"p": "2"})
    assert len(response.context["cl"].result_list) == 2
    assert response.context["sums"] == {"total": Decimal("3000.00"), "discount_total": Decimal("1800.00")}
    assert "fees AED 3,000.00, beneficiary discounts AED 1,800.00" in response.content.decode()
