"""The family's pages: the owner sees and does everything; Charlie gets 404; anonymous visitors log in first;
staff are sent to the admin (they may open documents); wrong methods are refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from licenses import services
from licenses.models import Application, ApplicationDocument, ApplicationEvent, Kind, Licence, Reason, Status
from packages_catalog.models import DocumentType
from tests.licenses.factories import complete_application, jpeg_bytes, licence_for, pdf_bytes, png_bytes, upload

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"licenses:{name}", kwargs=kwargs)


def family_pages(application):
    """Every GET page of one application, and the pages that are not about one."""
    pk = application.pk
    return [
        url("application_detail", pk=pk),
        *(
            url("application_step", pk=pk, step=step)
            for step in ("activities", "business", "production", "documents", "review")
        ),
        url("application_withdraw", pk=pk),
        url("application_delete", pk=pk),
    ]


# Who may see what


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    document = draft.documents.first()
    pages = [
        url("application_list"),
        url("application_start"),
        *family_pages(draft),
        url("document_download", pk=draft.pk, document_pk=document.pk),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/en/account/login/?next="), page


def test_anonymous_posts_are_sent_to_log_in_and_change_nothing(client, draft):
    for page in (url("application_submit", pk=draft.pk), url("application_withdraw", pk=draft.pk)):
        assert client.post(page)["Location"].startswith("/en/account/login/")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_the_owner_opens_every_page_of_her_application(client, alice, draft):
    client.force_login(alice)
    for page in [url("application_list"), url("application_start"), *family_pages(draft)]:
        assert client.get(page).status_code == 200, page


def test_charlie_gets_404_for_every_page_of_alices_application(client, charlie, charlie_family, draft):
    client.force_login(charlie)
    document = draft.documents.first()
    for page in [*family_pages(draft), url("document_download", pk=draft.pk, document_pk=document.pk)]:
        assert client.get(page).status_code == 404, page


def test_charlie_cannot_post_to_alices_application(client, charlie, charlie_family, draft):
    client.force_login(charlie)
    posts = [
        (url("application_step", pk=draft.pk, step="business"), {"trade_name_en": "Stolen", "save_draft": "1"}),
        (url("application_step", pk=draft.pk, step="documents"), {"document_passport": upload()}),
        (url("application_submit", pk=draft.pk), {"confirm": "on"}),
        (url("application_withdraw", pk=draft.pk), {}),
        (url("application_delete", pk=draft.pk), {}),
    ]
    for page, data in posts:
        assert client.post(page, data).status_code == 404, page
    draft.refresh_from_db()
    assert (draft.status, draft.trade_name_en) == (Status.DRAFT, "Maryam Perfumes")
    assert draft.documents.count() == 5


def test_charlies_list_shows_nothing_of_alices(client, charlie, charlie_family, submitted):
    client.force_login(charlie)
    content = client.get(url("application_list")).content.decode()
    assert submitted.reference not in content
    assert "Maryam Perfumes" not in content


def test_staff_are_sent_to_the_admin_from_family_pages(client, reviewer, draft):
    client.force_login(reviewer)
    for page in [url("application_list"), *family_pages(draft)]:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"] == "/en/admin/licenses/application/", page


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("application_list", "post"),
        ("application_detail", "post"),
        ("application_submit", "get"),
        ("licence_renew", "get"),
        ("document_download", "post"),
        ("application_step", "put"),
    ],
)
def test_wrong_methods_are_refused(client, alice, draft, name, method):
    client.force_login(alice)
    kwargs = {
        "application_list": {},
        "application_detail": {"pk": draft.pk},
        "application_submit": {"pk": draft.pk},
        "licence_renew": {"pk": 1},
        "document_download": {"pk": draft.pk, "document_pk": draft.documents.first().pk},
        "application_step": {"pk": draft.pk, "step": "business"},
    }[name]
    assert getattr(client, method)(url(name, **kwargs)).status_code == 405


def test_an_unknown_step_is_404(client, alice, draft):
    client.force_login(alice)
    assert client.get(url("application_step", pk=draft.pk, step="payment")).status_code == 404


# Downloads


def test_the_owner_downloads_her_document_privately(client, alice, draft):
    client.force_login(alice)
    document = draft.documents.first()
    response = client.get(url("document_download", pk=draft.pk, document_pk=document.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="scan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_every_download_is_sandboxed_and_never_sniffed(client, alice, draft):
    client.force_login(alice)
    document = draft.documents.first()
    for query in ("", "?inline=1"):
        response = client.get(url("document_download", pk=draft.pk, document_pk=document.pk) + query)
        assert response["Content-Security-Policy"].startswith("sandbox;")
        assert "default-src 'none'" in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_previews_in_the_browser_when_the_page_asks(client, alice, draft):
    client.force_login(alice)
    document = draft.documents.first()
    response = client.get(url("document_download", pk=draft.pk, document_pk=document.pk) + "?inline=1")
    assert response["Content-Disposition"] == 'inline; filename="scan.pdf"'


def test_a_document_kept_from_before_the_checks_still_downloads_under_its_true_extension(
    client, alice, draft, documents_storage
):
    """Files stored before names were checked kept a random name on disk and the family's name, `passport.bat`."""
    legacy = draft.documents.first()
    (documents_storage / "3f").mkdir()
    (documents_storage / "3f" / "3f2a9c.pdf").write_bytes(pdf_bytes())
    ApplicationDocument.objects.filter(pk=legacy.pk).update(file="3f/3f2a9c.pdf", original_name="passport.bat")
    client.force_login(alice)
    response = client.get(url("document_download", pk=draft.pk, document_pk=legacy.pk) + "?inline=1")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="passport.pdf"'
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_a_document_opens_in_the_browser_when_asked(client, alice, draft):
    client.force_login(alice)
    photo = services.application_document_add(
        application=draft,
        document_type=DocumentType.objects.get(code="product_photos"),
        file=upload("oud.png", png_bytes(), "image/png"),
        actor=alice,
    )
    response = client.get(url("document_download", pk=draft.pk, document_pk=photo.pk) + "?inline=1")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="oud.png"'
    assert response["Content-Security-Policy"].startswith("sandbox")


def test_a_reviewer_downloads_any_version_of_a_document(client, reviewer, alice, alice_family):
    application = complete_application(family=alice_family, status=Status.INFO_REQUESTED)
    old = application.documents.get(document_type__code="passport")
    services.application_document_add(
        application=application, document_type=old.document_type, file=upload(), actor=alice
    )
    client.force_login(reviewer)
    assert client.get(url("document_download", pk=application.pk, document_pk=old.pk)).status_code == 200


def test_a_reviewer_cannot_open_the_documents_of_a_draft(client, reviewer, draft):
    client.force_login(reviewer)
    document = draft.documents.first()
    assert client.get(url("document_download", pk=draft.pk, document_pk=document.pk)).status_code == 404


def test_staff_outside_the_review_groups_cannot_download(client, draft):
    from tests.factories import UserFactory

    clerk = UserFactory(is_staff=True)
    client.force_login(clerk)
    document = draft.documents.first()
    assert client.get(url("document_download", pk=draft.pk, document_pk=document.pk)).status_code == 404


def test_a_document_is_only_found_under_its_own_application(client, alice, draft):
    other = complete_application(family=draft.family, package_code="ibdaa")
    client.force_login(alice)
    document = draft.documents.first()
    assert client.get(url("document_download", pk=other.pk, document_pk=document.pk)).status_code == 404


# Applying


def test_starting_creates_one_draft_and_sending_the_form_again_opens_it(client, alice, alice_family, tayeb):
    client.force_login(alice)
    first = client.post(url("application_start"), {"package": tayeb.pk})
    application = Application.objects.get(family=alice_family)
    assert first["Location"] == url("application_step", pk=application.pk, step="activities")
    again = client.post(url("application_start"), {"package": tayeb.pk}, follow=True)
    assert Application.objects.filter(family=alice_family).count() == 1
    assert again.redirect_chain[-1][0] == url("application_detail", pk=application.pk)
    assert "You already have an open application for Tayeb." in again.content.decode()


def test_the_start_page_links_what_the_family_already_has(client, alice, alice_family, draft):
    licence = licence_for(family=alice_family, package_code="ibdaa", issued_on=timezone.localdate())
    client.force_login(alice)
    content = client.get(url("application_start")).content.decode()
    assert url("application_detail", pk=draft.pk) in content
    assert f"You hold licence {licence.number} in this package: renew it instead" in content


def test_starting_in_a_package_with_a_licence_says_to_renew(client, alice, alice_family):
    licence = licence_for(family=alice_family, package_code="ibdaa", issued_on=timezone.localdate())
    client.force_login(alice)
    response = client.post(url("application_start"), {"package": licence.package.pk}, follow=True)
    assert "renew it instead of applying again" in response.content.decode()
    assert f"licence-{licence.pk}" in response.redirect_chain[-1][0]


def test_a_family_without_a_profile_is_asked_to_complete_it(client, alice):
    client.force_login(alice)
    response = client.get(url("application_start"))
    assert 'data-testid="profile-missing"' in response.content.decode()
    assert client.post(url("application_start"), {"package": 1}).status_code == 200
    assert not Application.objects.exists()


def test_choosing_no_package_says_so(client, alice, alice_family):
    client.force_login(alice)
    response = client.post(url("application_start"), {})
    assert "Choose the package you are applying for." in response.content.decode()


def test_a_step_saved_as_draft_keeps_what_is_there_even_when_incomplete(client, alice, draft):
    client.force_login(alice)
    response = client.post(
        url("application_step", pk=draft.pk, step="business"),
        {"trade_name_ar": "", "trade_name_en": "Oud House", "products_description": "", "save_draft": "1"},
    )
    assert response["Location"] == url("application_detail", pk=draft.pk)
    draft.refresh_from_db()
    assert (draft.trade_name_ar, draft.trade_name_en) == ("", "Oud House")


def test_continuing_needs_the_step_complete_and_keeps_what_was_typed(client, alice, draft):
    client.force_login(alice)
    response = client.post(
        url("application_step", pk=draft.pk, step="business"),
        {"trade_name_ar": "", "trade_name_en": "Oud House", "products_description": ""},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter the trade name in Arabic." in content
    assert "Describe your products." in content
    assert 'value="Oud House"' in content
    draft.refresh_from_db()
    assert draft.trade_name_en == "Maryam Perfumes"


def test_continuing_goes_to_the_next_step(client, alice, draft):
    client.force_login(alice)
    response = client.post(
        url("application_step", pk=draft.pk, step="production"),
        {"production_place": "kitchen", "production_address": "Villa 3, Al Nahda"},
    )
    assert response["Location"] == url("application_step", pk=draft.pk, step="documents")
    draft.refresh_from_db()
    assert (draft.production_place, draft.production_address) == ("kitchen", "Villa 3, Al Nahda")


def test_the_trade_names_must_be_in_their_own_letters(client, alice, draft):
    client.force_login(alice)
    response = client.post(
        url("application_step", pk=draft.pk, step="business"),
        {"trade_name_ar": "Oud House", "trade_name_en": "بيت العود", "products_description": "Oud"},
    )
    content = response.content.decode()
    assert "Write the Arabic trade name in Arabic letters." in content
    assert "Write the English trade name in English letters." in content


def test_activities_are_those_of_the_package(client, alice, draft, atayeb):
    client.force_login(alice)
    response = client.post(
        url("application_step", pk=draft.pk, step="activities"), {"activities": [atayeb.activities.first().pk]}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_bad_file_is_refused_beside_its_field_and_the_good_ones_are_saved(client, alice, alice_family, tayeb):
    client.force_login(alice)
    application = services.application_draft_create(family=alice_family, package=tayeb, actor=alice)
    response = client.post(
        url("application_step", pk=application.pk, step="documents"),
        {
            "document_emirates_id_front": upload("front.pdf"),
            "document_emirates_id_back": upload("back.png", pdf_bytes()),
            "document_passport": upload("passport.pdf", b"<html>hello</html>"),
            "document_product_photos": upload("oud.png", png_bytes(), "image/png"),
        },
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "The file&#x27;s content does not match its name" in content
    assert "Only PDF, JPEG and PNG files are accepted" in content
    assert sorted(application.documents.values_list("original_name", flat=True)) == ["front.pdf", "oud.png"]
    assert "front.pdf" in content  # shown as uploaded


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The file&#x27;s name must end in .pdf, .jpg, .jpeg or .png"),
        ("ar", "يجب أن ينتهي اسم الملف بـ"),
    ],
)
def test_a_batch_file_holding_a_pdf_is_refused_and_the_other_files_are_saved(
    client, alice, alice_family, tayeb, documents_storage, language, message
):
    client.force_login(alice)
    application = services.application_draft_create(family=alice_family, package=tayeb, actor=alice)
    response = client.post(
        url("application_step", language=language, pk=application.pk, step="documents"),
        {"document_passport": upload("passport.bat", pdf_bytes()), "document_emirates_id_front": upload("front.pdf")},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(application.documents.values_list("original_name", "file")) == [
        ("front.pdf", f"draft-{application.pk}/emirates_id_front-v1.pdf")
    ]
    assert not list(documents_storage.rglob("*.bat"))


def test_a_file_the_service_refuses_is_shown_beside_its_field(client, alice, alice_family, tayeb, monkeypatch):
    """Should the form's check and the service's ever disagree, the service's refusal still reaches the family."""
    monkeypatch.setattr("licenses.forms.document_file_check", lambda file: "application/pdf")
    client.force_login(alice)
    application = services.application_draft_create(family=alice_family, package=tayeb, actor=alice)
    response = client.post(
        url("application_step", pk=application.pk, step="documents"),
        {"document_passport": upload("passport.pdf", png_bytes()), "document_emirates_id_front": upload("front.pdf")},
    )
    assert response.status_code == 400
    assert 'id="document_passport-error"' in response.content.decode() or "is-invalid" in response.content.decode()
    assert "The file&#x27;s content does not match its name" in response.content.decode()
    assert list(application.documents.values_list("original_name", flat=True)) == ["front.pdf"]


def test_a_good_file_is_stored_under_the_portals_name_and_downloads_as_an_attachment(
    client, alice, alice_family, tayeb, documents_storage
):
    client.force_login(alice)
    application = services.application_draft_create(family=alice_family, package=tayeb, actor=alice)
    client.post(
        url("application_step", pk=application.pk, step="documents"),
        {"document_emirates_id_front": upload("صورة الهوية.JPEG", jpeg_bytes(), "image/jpeg"), "upload": "1"},
    )
    document = application.documents.get()
    assert document.file.name == f"draft-{application.pk}/emirates_id_front-v1.jpg"
    assert (documents_storage / document.file.name).read_bytes() == jpeg_bytes()
    response = client.get(url("document_download", pk=application.pk, document_pk=document.pk))
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert response["Content-Disposition"].endswith(".JPEG")
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_file_over_the_limit_is_refused_with_the_limit(client, alice, draft, settings):
    settings.DOCUMENT_MAX_BYTES = 200
    client.force_login(alice)
    response = client.post(
        url("application_step", pk=draft.pk, step="documents"), {"document_passport": upload("big.pdf")}
    )
    assert "The file is too large" in response.content.decode()
    assert "200\xa0bytes" in response.content.decode()


def test_uploading_a_new_file_replaces_the_old_one(client, alice, draft):
    client.force_login(alice)
    response = client.post(
        url("application_step", pk=draft.pk, step="documents"), {"document_passport": upload("new.pdf"), "upload": "1"}
    )
    assert response["Location"] == url("application_step", pk=draft.pk, step="documents")
    current = draft.documents.filter(document_type__code="passport", superseded_at__isnull=True)
    assert [document.original_name for document in current] == ["new.pdf"]
    assert "1 earlier version kept" in client.get(response["Location"]).content.decode()


def test_a_file_is_removed_with_its_button(client, alice, draft):
    client.force_login(alice)
    document = draft.documents.get(document_type__code="passport")
    client.post(url("application_step", pk=draft.pk, step="documents"), {"remove": document.pk})
    document.refresh_from_db()
    assert document.superseded_at is not None


@pytest.mark.parametrize("raw", ["abc", "²", "1e3", "-1", "9" * 20])
def test_a_remove_button_that_names_no_document_is_an_error_on_the_page(client, alice, draft, raw):
    client.force_login(alice)
    response = client.post(url("application_step", pk=draft.pk, step="documents"), {"remove": raw})
    assert response.status_code == 400
    content = response.content.decode()
    assert "This item could not be found. Reload the page and try again." in content
    assert "Some files were not accepted" not in content
    assert not draft.documents.filter(superseded_at__isnull=False).exists()


@pytest.mark.parametrize("raw", ["9" * 20, "²", "-1"])
def test_an_activity_that_is_no_id_is_an_error_on_the_form(client, alice, draft, raw):
    client.force_login(alice)
    response = client.post(url("application_step", pk=draft.pk, step="activities"), {"activities": [raw]})
    assert response.status_code == 200
    assert "activities" in response.context["form"].errors


@pytest.mark.parametrize("path", ["/en/applications/{pk}/documents/{huge}/", "/en/applications/{huge}/documents/{d}/"])
def test_a_document_address_with_a_huge_id_is_not_found(client, alice, draft, path):
    client.force_login(alice)
    document = draft.documents.first()
    assert client.get(path.format(pk=draft.pk, d=document.pk, huge="9" * 20)).status_code == 404


def test_the_review_page_lists_what_is_missing_with_links(client, alice, draft):
    draft.documents.filter(document_type__code="passport").delete()
    client.force_login(alice)
    content = client.get(url("application_step", pk=draft.pk, step="review")).content.decode()
    assert "Upload the document: Passport." in content
    assert url("application_step", pk=draft.pk, step="documents") in content


def test_sending_an_incomplete_application_lists_every_problem(client, alice, draft):
    Application.objects.filter(pk=draft.pk).update(trade_name_ar="", products_description="")
    draft.documents.filter(document_type__code="passport").delete()
    client.force_login(alice)
    response = client.post(url("application_submit", pk=draft.pk), {"confirm": "on"})
    content = response.content.decode()
    assert response.status_code == 400
    for message in ("Enter the trade name in Arabic.", "Describe your products.", "Upload the document: Passport."):
        assert message in content
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_sending_needs_the_confirmation(client, alice, draft):
    client.force_login(alice)
    response = client.post(url("application_submit", pk=draft.pk), {})
    assert response.status_code == 400
    assert "Tick the box to confirm" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_sending_gives_the_reference(client, alice, draft):
    client.force_login(alice)
    response = client.post(url("application_submit", pk=draft.pk), {"confirm": "on"}, follow=True)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    content = response.content.decode()
    assert f"Your application has been sent. Its reference is {draft.reference}." in content
    assert "Received" in content


def test_the_application_page_shows_the_public_timeline_without_staff_names_or_notes(
    client, alice, under_review, reviewer
):
    services.application_transition(
        application=under_review,
        to_status=Status.INFO_REQUESTED,
        actor=reviewer,
        reason=Reason.objects.get(kind="info_request", code="unclear_document"),
        message="The passport scan is blurred.",
        internal_note="Check with the DED desk",
    )
    ApplicationEvent.objects.create(
        application=under_review,
        from_status="info_requested",
        to_status="info_requested",
        is_public=False,
        message="hidden staff event",
    )
    client.force_login(alice)
    content = client.get(url("application_detail", pk=under_review.pk)).content.decode()
    assert "Action needed: information requested" in content
    assert "A document is unclear or unreadable" in content
    assert "The passport scan is blurred." in content
    assert "By the centre" in content
    assert reviewer.email not in content
    assert "Check with the DED desk" not in content
    assert "hidden staff event" not in content


def test_the_family_answers_a_request_for_information_and_sends_it_again(client, alice, alice_family):
    application = complete_application(family=alice_family, status=Status.INFO_REQUESTED)
    client.force_login(alice)
    client.post(
        url("application_step", pk=application.pk, step="documents"),
        {"document_passport": upload("clear-passport.pdf"), "upload": "1"},
    )
    response = client.post(
        url("application_submit", pk=application.pk), {"confirm": "on", "message": "A clearer scan is attached."}
    )
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.events.last().message == "A clearer scan is attached."
    assert application.documents.filter(superseded_at__isnull=False).count() == 1
    assert "Your answer has been sent to the centre." in client.get(response["Location"]).content.decode()


def test_a_sent_application_cannot_be_edited_through_its_steps(client, alice, submitted):
    client.force_login(alice)
    response = client.post(
        url("application_step", pk=submitted.pk, step="business"),
        {"trade_name_en": "Changed", "trade_name_ar": "عطر", "products_description": "x"},
    )
    assert response["Location"] == url("application_detail", pk=submitted.pk)
    submitted.refresh_from_db()
    assert submitted.trade_name_en == "Maryam Perfumes"


def test_the_family_withdraws_before_a_decision(client, alice, submitted):
    client.force_login(alice)
    response = client.post(url("application_withdraw", pk=submitted.pk), {"message": "We moved house."}, follow=True)
    submitted.refresh_from_db()
    assert submitted.status == Status.WITHDRAWN
    assert "Your application has been withdrawn." in response.content.decode()


def test_withdrawing_after_approval_is_refused_clearly(client, alice, alice_family):
    application = complete_application(family=alice_family, status=Status.APPROVED)
    client.force_login(alice)
    response = client.post(url("application_withdraw", pk=application.pk), follow=True)
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert "so it cannot be moved to “Withdrawn”" in response.content.decode()


def test_the_family_deletes_a_draft(client, alice, draft):
    client.force_login(alice)
    response = client.post(url("application_delete", pk=draft.pk))
    assert response["Location"] == url("application_list")
    assert not Application.objects.filter(pk=draft.pk).exists()


def test_a_sent_application_is_not_deleted(client, alice, submitted):
    client.force_login(alice)
    client.post(url("application_delete", pk=submitted.pk))
    assert Application.objects.filter(pk=submitted.pk).exists()


# Licences and renewals


def test_the_list_shows_the_licence_and_offers_renewal_in_the_last_30_days(client, alice, alice_family):
    licence = licence_for(family=alice_family, issued_on=timezone.localdate() - datetime.timedelta(days=350))
    client.force_login(alice)
    content = client.get(url("application_list")).content.decode()
    assert licence.number in content
    assert url("licence_renew", pk=licence.pk) in content


def test_renewal_is_not_offered_before_its_window(client, alice, alice_family):
    licence = licence_for(family=alice_family, issued_on=timezone.localdate())
    client.force_login(alice)
    content = client.get(url("application_list")).content.decode()
    assert url("licence_renew", pk=licence.pk) not in content
    assert "Renewal opens on" in content
    response = client.post(url("licence_renew", pk=licence.pk), follow=True)
    assert "can be renewed from" in response.content.decode()
    assert not Application.objects.filter(kind=Kind.RENEWAL).exists()


def test_the_family_renews_its_licence(client, alice, alice_family):
    licence = licence_for(family=alice_family, issued_on=timezone.localdate() - datetime.timedelta(days=350))
    client.force_login(alice)
    response = client.post(url("licence_renew", pk=licence.pk))
    renewal = Application.objects.get(kind=Kind.RENEWAL)
    assert response["Location"] == url("application_step", pk=renewal.pk, step="activities")
    assert renewal.renews == licence


def test_charlie_cannot_renew_alices_licence(client, charlie, charlie_family, alice_family):
    licence = licence_for(family=alice_family, issued_on=timezone.localdate() - datetime.timedelta(days=350))
    client.force_login(charlie)
    assert client.post(url("licence_renew", pk=licence.pk)).status_code == 404
    assert not Licence.objects.exclude(pk=licence.pk).exists()


def test_the_issued_application_shows_its_licence(client, alice, alice_family):
    licence = licence_for(family=alice_family, issued_on=timezone.localdate(), number="SHJ-ETM-0777")
    client.force_login(alice)
    content = client.get(url("application_detail", pk=licence.application.pk)).content.decode()
    assert "Your licence has been issued." in content
    assert "SHJ-ETM-0777" in content


def test_the_pages_speak_arabic(client, alice, submitted):
    client.force_login(alice)
    content = client.get(url("application_detail", language="ar", pk=submitted.pk)).content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    assert "تم الاستلام" in content


def test_an_unconfirmed_email_address_is_listed_with_a_link_to_the_account(client, alice, draft):
    alice.email_confirmed_at = None
    alice.save()
    client.force_login(alice)
    response = client.post(url("application_submit", pk=draft.pk), {"confirm": "on"})
    content = response.content.decode()
    assert 'data-code="email_unconfirmed"' in content
    assert '<a href="/en/account/">' in content
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
