"""The review in the Django admin: the queue, the application page, each step's button and the bulk actions."""

import datetime

import pytest
from django.utils import timezone

from licenses import services
from licenses.models import Application, ApplicationEvent, Licence, Reason, Status
from tests.factories import UserFactory
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import complete_application, licence_for

pytestmark = pytest.mark.django_db

QUEUE = "/en/admin/licenses/application/"


def page(application):
    return f"{QUEUE}{application.pk}/change/"


def step(application, to_status):
    return f"{QUEUE}{application.pk}/step/{to_status}/"


def references(response):
    return [application.reference for application in response.context["cl"].result_list]


@pytest.fixture
def queue(alice_family, charlie_family):
    """Applications in every status the centre sees, plus a draft it must not see."""
    return {
        status: complete_application(family=family, package_code=code, status=status)
        for status, family, code in [
            (Status.DRAFT, alice_family, "mohra"),
            (Status.SUBMITTED, alice_family, "tayeb"),
            (Status.UNDER_REVIEW, alice_family, "atayeb"),
            (Status.INFO_REQUESTED, charlie_family, "tayeb"),
            (Status.APPROVED, charlie_family, "atayeb"),
            (Status.REJECTED, charlie_family, "ibdaa"),
        ]
    }


# The queue


@pytest.mark.parametrize("language", ["ar", "en"])
def test_reviewers_and_managers_open_the_queue_in_both_languages(client, reviewer, manager, queue, language):
    for user in (reviewer, manager):
        client.force_login(user)
        assert client.get(f"/{language}/admin/licenses/application/").status_code == 200


def test_the_queue_leaves_out_drafts(client, reviewer, queue):
    client.force_login(reviewer)
    listed = references(client.get(QUEUE))
    assert queue[Status.DRAFT].reference not in listed
    assert len(listed) == 5


def test_the_status_filter_does_not_offer_drafts(client, reviewer, queue):
    client.force_login(reviewer)
    response = client.get(QUEUE)
    status_filter = next(spec for spec in response.context["cl"].filter_specs if spec.parameter_name == "status")
    assert "draft" not in [value for value, _label in status_filter.lookup_choices]
    assert references(client.get(QUEUE, {"status": "draft"})) == []


def test_the_page_of_a_draft_is_not_found(client, reviewer, queue):
    client.force_login(reviewer)
    response = client.get(page(queue[Status.DRAFT]))
    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert client.get(step(queue[Status.DRAFT], "under_review")).status_code == 404


def test_families_never_reach_the_admin(client, alice, queue):
    client.force_login(alice)
    assert client.get(QUEUE).status_code == 302
    assert client.get(page(queue[Status.SUBMITTED])).status_code == 302
    assert client.post(step(queue[Status.SUBMITTED], "under_review")).status_code == 302
    queue[Status.SUBMITTED].refresh_from_db()
    assert queue[Status.SUBMITTED].status == Status.SUBMITTED


def test_the_queue_filters_by_status_and_package(client, reviewer, queue, atayeb):
    client.force_login(reviewer)
    assert references(client.get(QUEUE, {"status": "submitted"})) == [queue[Status.SUBMITTED].reference]
    by_package = references(client.get(QUEUE, {"package__id__exact": atayeb.pk}))
    assert sorted(by_package) == sorted([queue[Status.UNDER_REVIEW].reference, queue[Status.APPROVED].reference])


def test_the_queue_filters_by_assigned_reviewer(client, reviewer, manager, queue):
    services.application_transition(application=queue[Status.SUBMITTED], to_status=Status.UNDER_REVIEW, actor=manager)
    client.force_login(reviewer)
    response = client.get(QUEUE, {"reviewer": manager.pk})
    assert references(response) == [queue[Status.SUBMITTED].reference]
    assert queue[Status.SUBMITTED].reference not in references(client.get(QUEUE, {"reviewer": "none"}))


def test_a_reviewer_filter_that_is_not_a_number_gives_the_admins_error_page(client, reviewer, queue):
    client.force_login(reviewer)
    response = client.get(QUEUE, {"reviewer": "x"})
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_the_queue_flags_applications_waiting_past_five_working_days(client, reviewer, queue):
    late = queue[Status.SUBMITTED]
    Application.objects.filter(pk=late.pk).update(last_submitted_at=timezone.now() - datetime.timedelta(days=10))
    client.force_login(reviewer)
    assert references(client.get(QUEUE, {"overdue": "yes"})) == [late.reference]
    assert late.reference not in references(client.get(QUEUE, {"overdue": "no"}))
    # An old application waiting for the family is not the centre's delay.
    Application.objects.filter(pk=queue[Status.INFO_REQUESTED].pk).update(
        last_submitted_at=timezone.now() - datetime.timedelta(days=30)
    )
    assert references(client.get(QUEUE, {"overdue": "yes"})) == [late.reference]


def test_the_service_level_is_a_setting(client, reviewer, queue, settings):
    Application.objects.filter(pk=queue[Status.SUBMITTED].pk).update(
        last_submitted_at=timezone.now() - datetime.timedelta(days=10)
    )
    settings.APPLICATION_SERVICE_LEVEL_WORKING_DAYS = 20
    client.force_login(reviewer)
    assert references(client.get(QUEUE, {"overdue": "yes"})) == []


def test_the_queue_filters_by_submission_date(client, reviewer, queue):
    old = queue[Status.REJECTED]
    Application.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=400))
    client.force_login(reviewer)
    start_of_year = timezone.make_aware(datetime.datetime(timezone.localdate().year, 1, 1))
    response = client.get(QUEUE, {"submitted_at__gte": start_of_year.isoformat()})
    assert old.reference not in references(response)
    assert len(references(response)) == 4


@pytest.mark.parametrize("term", ["reference", "Maryam", "مريم", "Perfumes"])
def test_the_queue_searches_reference_name_and_trade_name(client, reviewer, queue, term):
    submitted = queue[Status.SUBMITTED]
    query = submitted.reference if term == "reference" else term
    client.force_login(reviewer)
    assert submitted.reference in references(client.get(QUEUE, {"q": query}))


def test_an_emirates_id_in_the_search_box_finds_nothing_so_it_is_never_put_in_an_address(client, reviewer, queue):
    client.force_login(reviewer)
    assert references(client.get(QUEUE, {"q": queue[Status.SUBMITTED].family.emirates_id})) == []


@pytest.mark.parametrize("typed", ["dashed", "digits"])
def test_the_queue_finds_a_familys_applications_by_emirates_id_posted(client, reviewer, queue, typed):
    submitted = queue[Status.SUBMITTED]
    emirates_id = submitted.family.emirates_id
    client.force_login(reviewer)
    response = client.post(
        f"{QUEUE}find-by-emirates-id/",
        {"emirates_id": emirates_id if typed == "dashed" else emirates_id.replace("-", "")},
    )
    assert response.status_code == 302
    assert emirates_id not in response["Location"]
    assert emirates_id.replace("-", "") not in response["Location"]
    assert submitted.reference in references(client.get(response["Location"]))


def test_finding_by_an_unknown_emirates_id_says_so(client, reviewer, queue):
    from tests.factories import emirates_id_for

    client.force_login(reviewer)
    response = client.post(f"{QUEUE}find-by-emirates-id/", {"emirates_id": emirates_id_for(1990, 4242)}, follow=True)
    assert "No family has this Emirates ID." in response.content.decode()


def test_a_family_cannot_use_the_emirates_id_finder(client, alice, queue):
    client.force_login(alice)
    response = client.post(f"{QUEUE}find-by-emirates-id/", {"emirates_id": queue[Status.SUBMITTED].family.emirates_id})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_finder_refuses_get(client, reviewer):
    client.force_login(reviewer)
    assert client.get(f"{QUEUE}find-by-emirates-id/").status_code == 405


def test_the_queue_orders_newest_and_oldest_first(client, reviewer, queue):
    for days, status in enumerate([Status.SUBMITTED, Status.UNDER_REVIEW, Status.INFO_REQUESTED], start=1):
        Application.objects.filter(pk=queue[status].pk).update(
            submitted_at=timezone.now() - datetime.timedelta(days=days)
        )
    client.force_login(reviewer)
    newest = references(client.get(QUEUE))
    column = 5  # first_submitted (ordered by submitted_at) in list_display, after the action checkbox
    assert references(client.get(QUEUE, {"o": f"-{column}"})) == newest
    assert references(client.get(QUEUE, {"o": str(column)})) == list(reversed(newest))


# The application page


def test_the_page_shows_the_snapshot_the_documents_and_the_history(client, reviewer, submitted):
    client.force_login(reviewer)
    content = client.get(page(submitted)).content.decode()
    assert submitted.family.emirates_id in content
    assert "Al Khan" in content  # the area, from the snapshot
    for document in submitted.documents.all():
        assert f"/en/applications/{submitted.pk}/documents/{document.pk}/?inline=1" in content
    assert "Draft → <strong>Submitted</strong>" in content
    assert 'name="status"' not in content  # the status is never a form field


@pytest.mark.parametrize(
    ("status", "steps"),
    [
        (Status.SUBMITTED, ["under_review"]),
        (Status.UNDER_REVIEW, ["info_requested", "approved", "rejected"]),
        (Status.INFO_REQUESTED, []),
        (Status.APPROVED, ["issued"]),
        (Status.REJECTED, []),
    ],
)
def test_the_page_offers_only_the_steps_allowed_from_the_status(client, reviewer, queue, status, steps):
    client.force_login(reviewer)
    response = client.get(page(queue[status]))
    assert [to for to, _title in response.context["step_buttons"]] == steps
    content = response.content.decode()
    for target in ("under_review", "info_requested", "approved", "rejected", "issued"):
        assert (f'data-step="{target}"' in content) == (target in steps)


def test_staff_outside_the_review_groups_see_no_steps_and_cannot_act(client, queue):
    clerk = UserFactory(is_staff=True)
    from django.contrib.auth.models import Permission

    clerk.user_permissions.add(Permission.objects.get(codename="view_application"))
    client.force_login(clerk)
    assert client.get(page(queue[Status.SUBMITTED])).context["step_buttons"] == []
    assert client.post(step(queue[Status.SUBMITTED], "under_review")).status_code == 403


def test_saving_the_page_as_a_form_is_refused(client, reviewer, submitted):
    client.force_login(reviewer)
    response = client.post(page(submitted), {"status": "approved"})
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_nothing_is_added_or_deleted_in_the_admin(client, superuser, submitted):
    client.force_login(superuser)
    assert client.get(f"{QUEUE}add/").status_code == 403
    assert client.post(f"{QUEUE}{submitted.pk}/delete/", {"post": "yes"}).status_code == 403


# Each step's button


def test_start_review_assigns_the_reviewer(client, reviewer, submitted):
    client.force_login(reviewer)
    assert client.get(step(submitted, "under_review")).status_code == 200
    response = client.post(step(submitted, "under_review"), {"message": ""})
    assert response["Location"] == page(submitted)
    submitted.refresh_from_db()
    assert (submitted.status, submitted.assigned_reviewer) == (Status.UNDER_REVIEW, reviewer)


def test_request_information_needs_a_reason_and_a_message_and_keeps_what_was_typed(client, reviewer, under_review):
    client.force_login(reviewer)
    response = client.post(step(under_review, "info_requested"), {"message": "Please add the deed.", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert "Please add the deed." in response.content.decode()
    under_review.refresh_from_db()
    assert under_review.status == Status.UNDER_REVIEW


def test_request_information_offers_only_active_reasons_of_its_kind(client, reviewer, under_review):
    Reason.objects.filter(kind="info_request", code="other").update(is_active=False)
    client.force_login(reviewer)
    choices = client.get(step(under_review, "info_requested")).context["form"].fields["reason"].queryset
    assert {reason.kind for reason in choices} == {"info_request"}
    assert "other" not in {reason.code for reason in choices}


def test_request_information_moves_the_application_and_records_everything(client, reviewer, under_review):
    reason = Reason.objects.get(kind="info_request", code="missing_document")
    client.force_login(reviewer)
    client.post(
        step(under_review, "info_requested"),
        {"reason": reason.pk, "message": "Please add the title deed.", "internal_note": "Called on Monday"},
    )
    event = ApplicationEvent.objects.filter(application=under_review).last()
    assert (event.to_status, event.reason, event.message, event.internal_note, event.actor) == (
        Status.INFO_REQUESTED,
        reason,
        "Please add the title deed.",
        "Called on Monday",
        reviewer,
    )


def test_approve_and_reject(client, reviewer, manager, alice_family, charlie_family):
    approved = complete_application(family=alice_family, status=Status.UNDER_REVIEW)
    rejected = complete_application(family=charlie_family, status=Status.UNDER_REVIEW)
    client.force_login(reviewer)
    client.post(step(approved, "approved"), {"message": "Welcome."})
    client.force_login(manager)
    client.post(
        step(rejected, "rejected"),
        {"reason": Reason.objects.get(kind="rejection", code="not_eligible").pk, "message": "Lives in Dubai."},
    )
    approved.refresh_from_db()
    rejected.refresh_from_db()
    assert (approved.status, rejected.status) == (Status.APPROVED, Status.REJECTED)
    assert approved.decided_at and rejected.decided_at


def test_recording_the_issued_licence(client, reviewer, alice_family):
    application = complete_application(family=alice_family, status=Status.APPROVED)
    client.force_login(reviewer)
    response = client.post(
        step(application, "issued"), {"licence_number": "SHJ-ETM-9001", "issued_on": timezone.localdate().isoformat()}
    )
    assert response["Location"] == page(application)
    licence = Licence.objects.get()
    assert (licence.number, licence.application) == ("SHJ-ETM-9001", application)


def test_a_licence_number_already_recorded_is_shown_on_the_form_and_kept(
    client, reviewer, alice_family, charlie_family
):
    licence_for(family=charlie_family, issued_on=timezone.localdate(), number="SHJ-ETM-9001")
    application = complete_application(family=alice_family, status=Status.APPROVED)
    client.force_login(reviewer)
    response = client.post(
        step(application, "issued"), {"licence_number": "SHJ-ETM-9001", "issued_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 200
    assert "Licence number SHJ-ETM-9001 is already recorded for another licence." in response.content.decode()
    assert response.context["form"]["licence_number"].value() == "SHJ-ETM-9001"
    application.refresh_from_db()
    assert application.status == Status.APPROVED


def test_the_renewal_form_offers_the_licence_number(client, reviewer, alice_family, alice):
    licence = licence_for(family=alice_family, issued_on=timezone.localdate() - datetime.timedelta(days=350))
    renewal = services.application_renewal_create(licence=licence, actor=alice)
    Application.objects.filter(pk=renewal.pk).update(status=Status.APPROVED, reference="ETM-2026-000777")
    client.force_login(reviewer)
    form = client.get(step(renewal, "issued")).context["form"]
    assert form["licence_number"].value() == licence.number


def test_a_step_not_allowed_from_the_status_is_refused_with_a_message(client, reviewer, submitted):
    client.force_login(reviewer)
    response = client.post(step(submitted, "approved"), {}, follow=True)
    assert "This step is not possible: the application is now “Submitted”." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_an_unknown_step_is_404(client, reviewer, submitted):
    client.force_login(reviewer)
    assert client.get(step(submitted, "paid")).status_code == 404


def test_when_another_reviewer_acted_first_the_second_is_told(client, reviewer, manager, under_review, monkeypatch):
    """The form was opened while the application was under review; a colleague approved it before it was sent."""
    original = services.application_transition

    def colleague_first(**kwargs):
        original(application=kwargs["application"], to_status=Status.APPROVED, actor=manager)
        return original(**kwargs)

    monkeypatch.setattr(services, "application_transition", colleague_first)
    client.force_login(reviewer)
    response = client.post(
        step(under_review, "rejected"),
        {"reason": Reason.objects.get(kind="rejection", code="other").pk, "message": "No."},
        follow=True,
    )
    content = response.content.decode()
    assert "This application is now “Approved”, so it cannot be moved to “Rejected”." in content
    under_review.refresh_from_db()
    assert under_review.status == Status.APPROVED
    assert ApplicationEvent.objects.filter(application=under_review, to_status=Status.REJECTED).count() == 0


# Bulk actions


def test_bulk_start_review_moves_what_it_can_and_reports_the_rest(client, reviewer, queue):
    client.force_login(reviewer)
    second = complete_application(family=eligible_family(UserFactory()), status=Status.SUBMITTED)
    chosen = [queue[Status.SUBMITTED], second, queue[Status.APPROVED]]
    response = client.post(QUEUE, {"action": "start_review", "_selected_action": [a.pk for a in chosen]}, follow=True)
    content = response.content.decode()
    assert "2 applications moved to “Under review”." in content
    assert f"{queue[Status.APPROVED].reference}: This application is now “Approved”" in content
    for application in chosen[:2]:
        application.refresh_from_db()
        assert application.status == Status.UNDER_REVIEW
        assert application.events.filter(to_status=Status.UNDER_REVIEW, actor=reviewer).count() == 1
    queue[Status.APPROVED].refresh_from_db()
    assert queue[Status.APPROVED].status == Status.APPROVED


def test_bulk_approve(client, manager, queue):
    client.force_login(manager)
    response = client.post(
        QUEUE,
        {"action": "approve", "_selected_action": [queue[Status.UNDER_REVIEW].pk, queue[Status.SUBMITTED].pk]},
        follow=True,
    )
    content = response.content.decode()
    assert "1 application moved to “Approved”." in content
    assert f"{queue[Status.SUBMITTED].reference}: This application is now “Submitted”" in content


def test_staff_outside_the_review_groups_have_no_bulk_actions(client, queue):
    from django.contrib.auth.models import Permission

    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_application"))
    client.force_login(clerk)
    assert client.get(QUEUE).context["action_form"] is None
    response = client.post(QUEUE, {"action": "start_review", "_selected_action": [queue[Status.SUBMITTED].pk]})
    assert response.status_code == 200
    queue[Status.SUBMITTED].refresh_from_db()
    assert queue[Status.SUBMITTED].status == Status.SUBMITTED


# Reasons and licences


def test_managers_keep_the_list_of_reasons_and_reviewers_read_it(client, reviewer, manager):
    client.force_login(reviewer)
    assert client.get("/en/admin/licenses/reason/").status_code == 200
    assert client.get("/en/admin/licenses/reason/add/").status_code == 403
    client.force_login(manager)
    response = client.post(
        "/en/admin/licenses/reason/add/",
        {
            "kind": "info_request",
            "code": "photo",
            "name_ar": "صورة غير واضحة",
            "name_en": "Unclear photo",
            "display_order": 9,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Reason.objects.filter(code="photo").exists()


def test_licences_are_listed_and_never_edited_in_the_admin(client, reviewer, alice_family):
    licence = licence_for(family=alice_family, issued_on=timezone.localdate())
    client.force_login(reviewer)
    assert licence.number in client.get("/en/admin/licenses/licence/").content.decode()
    response = client.post(f"/en/admin/licenses/licence/{licence.pk}/change/", {"number": "X"})
    assert response.status_code == 403


def test_the_licences_list_finds_a_family_by_emirates_id_posted(client, reviewer, alice_family):
    from tests.licenses.factories import licence_for

    licence = licence_for(family=alice_family, issued_on=timezone.localdate())
    client.force_login(reviewer)
    response = client.post("/en/admin/licenses/licence/find-by-emirates-id/", {"emirates_id": alice_family.emirates_id})
    assert alice_family.emirates_id not in response["Location"]
    assert licence.number in client.get(response["Location"]).content.decode()


# Malformed input


@pytest.mark.parametrize("raw", ["abc", "1e3", "²", "-1", "9" * 20])
def test_a_step_or_fee_address_with_a_malformed_id_reaches_neither_page(client, reviewer, raw):
    client.force_login(reviewer)
    for path in (f"{QUEUE}{raw}/step/approved/", f"{QUEUE}{raw}/fee/reassess/"):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert response.redirect_chain[-1][0] == "/en/admin/", path  # the admin's "does not exist"
        assert "doesn’t exist" in response.content.decode()


def test_a_step_of_an_id_no_application_has_is_not_found(client, reviewer):
    client.force_login(reviewer)
    assert client.get(f"{QUEUE}999999999999999999/step/approved/").status_code == 404
    assert client.get(f"{QUEUE}999999999999999999/fee/reassess/").status_code == 404


@pytest.mark.parametrize("selection", [["abc"], ["²"], ["9" * 20], ["1e3", "-1"]])
def test_an_action_on_a_malformed_selection_is_refused_and_moves_nothing(client, reviewer, submitted, selection):
    client.force_login(reviewer)
    data = {"action": "start_review", "index": "0", "_selected_action": [str(submitted.pk), *selection]}
    response = client.post(QUEUE, data, follow=True)
    assert response.status_code == 200
    assert "The rows to act on could not be read: tick them again." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
