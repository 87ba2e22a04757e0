"""Answering a request for information is guided: "Answer the request" opens the step the request is about, the
request is shown on every step while it is open, the documents it names are marked until a new file comes, and
the stepper ticks the steps that are complete."""

import pytest
from django.urls import reverse
from django.utils import translation

from licenses import services
from licenses.exceptions import ApplicationError
from licenses.models import ApplicationEvent, Reason, Status
from licenses.selectors import application_document_checklist
from licenses.steps import STEPS, step_for_request, steps_complete
from packages_catalog.models import DocumentType, Package
from tests.licenses.factories import document_add
from tests.licenses.test_views import url

pytestmark = pytest.mark.django_db

EDIT_STEPS = [step.slug for step in STEPS]


def info_request(application, reviewer, code="missing_document", **details):
    return services.application_transition(
        application=application,
        to_status=Status.INFO_REQUESTED,
        actor=reviewer,
        reason=Reason.objects.get(kind=Reason.Kind.INFO_REQUEST, code=code),
        message="Please send the title deed again.",
        **details,
    )


@pytest.mark.django_db(False)
@pytest.mark.parametrize(
    ("code", "documents", "step"),
    [
        ("missing_document", (), "documents"),
        ("unclear_document", (), "documents"),
        ("trade_name", (), "business"),
        ("activities", (), "activities"),
        ("production_place", (), "production"),
        ("other", (), "activities"),
        ("a_reason_staff_added", (), "activities"),
        (None, (), "activities"),
        ("trade_name", ("title_deed",), "documents"),
    ],
)
def test_a_request_opens_the_step_its_reason_or_its_documents_are_about(code, documents, step):
    assert step_for_request(reason_code=code, documents_requested=documents) == step


@pytest.mark.django_db(False)
def test_a_step_is_complete_when_nothing_is_left_to_put_right_on_it_and_sending_never_is():
    assert steps_complete([]) == {"activities", "business", "production", "documents"}
    assert steps_complete(["business", "documents", "profile", None]) == {"activities", "production"}


def test_a_request_records_the_documents_it_names_in_the_checklists_order(under_review, reviewer):
    info_request(under_review, reviewer, documents_requested=["title_deed", "emirates_id_front"])
    event = ApplicationEvent.objects.filter(application=under_review).latest("id")
    assert event.data == {"documents_requested": ["emirates_id_front", "title_deed"]}


def test_a_request_cannot_name_a_document_outside_the_applications_checklist(under_review, reviewer):
    with pytest.raises(ApplicationError) as refused:
        info_request(under_review, reviewer, documents_requested=["court_noc_of_someone_else"])
    assert refused.value.code == "documents_unknown"
    under_review.refresh_from_db()
    assert under_review.status == Status.UNDER_REVIEW


def test_only_a_request_for_information_names_documents(under_review, reviewer):
    with pytest.raises(ApplicationError) as refused:
        services.application_transition(
            application=under_review, to_status=Status.APPROVED, actor=reviewer, documents_requested=["title_deed"]
        )
    assert refused.value.code == "documents_not_taken"


def test_answer_the_request_opens_the_step_the_request_is_about(client, alice, under_review, reviewer):
    info_request(under_review, reviewer, code="trade_name")
    client.force_login(alice)
    response = client.get(url("application_detail", pk=under_review.pk))
    assert f'href="{url("application_step", pk=under_review.pk, step="business")}"' in response.content.decode()


def test_the_request_is_shown_on_every_step_while_it_is_open(client, alice, under_review, reviewer):
    info_request(under_review, reviewer)
    client.force_login(alice)
    for step in EDIT_STEPS:
        page = client.get(url("application_step", pk=under_review.pk, step=step)).content.decode()
        assert 'data-testid="info-request"' in page, step
        assert "Please send the title deed again." in page, step
        # Every step but the one the request is about leads to it.
        assert ('data-testid="info-request-step"' in page) == (step != "documents"), step


def test_a_draft_shows_no_request(client, alice, draft):
    client.force_login(alice)
    page = client.get(url("application_step", pk=draft.pk, step="activities")).content.decode()
    assert 'data-testid="info-request"' not in page


def test_a_named_document_is_marked_until_a_new_file_comes(client, alice, alice_family, under_review, reviewer):
    info_request(under_review, reviewer, documents_requested=["title_deed"])
    client.force_login(alice)
    documents = url("application_step", pk=under_review.pk, step="documents")
    response = client.get(documents)
    assert response.context["documents_awaited"] == ["title_deed"]
    assert response.context["steps_done"] == {"activities", "business", "production"}
    assert response.content.decode().count('data-testid="document-requested"') == 1

    document_add(under_review, DocumentType.objects.get(code="title_deed"))
    response = client.get(documents)
    assert response.context["documents_awaited"] == []
    assert response.context["steps_done"] == {"activities", "business", "production", "documents"}
    assert 'data-testid="document-requested"' not in response.content.decode()


def test_a_fresh_draft_ticks_no_step_and_a_complete_one_every_step_but_sending(client, alice, alice_family, draft):
    client.force_login(alice)
    response = client.get(url("application_step", pk=draft.pk, step="review"))
    assert response.context["steps_done"] == {"activities", "business", "production", "documents"}
    empty = services.application_draft_create(
        family=alice_family, package=Package.objects.get(code="atayeb"), actor=alice
    )
    response = client.get(url("application_step", pk=empty.pk, step="activities"))
    assert response.context["steps_done"] == set()
    assert 'class="stepper-item is-current"' in response.content.decode()


def test_the_reviewer_names_documents_from_the_applications_checklist(client, reviewer, under_review):
    client.force_login(reviewer)
    with translation.override("en"):
        page = reverse(
            "admin:licenses_application_step", kwargs={"object_id": under_review.pk, "to_status": "info_requested"}
        )
    form = client.get(page).context["form"]
    assert [code for code, _name in form.fields["documents_requested"].choices] == [
        item.document_type.code for item in application_document_checklist(application=under_review)
    ]
    reason = Reason.objects.get(kind=Reason.Kind.INFO_REQUEST, code="unclear_document")
    response = client.post(
        page,
        {
            "reason": reason.pk,
            "message": "A clearer scan, please.",
            "documents_requested": ["passport"],
            "notify_family": "on",
        },
    )
    assert response.status_code == 302
    assert under_review.events.latest("id").data == {"documents_requested": ["passport"]}
