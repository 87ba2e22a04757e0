"""The rules behind the workflow: drafts, submission, documents, references, licences and renewals."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from intaj_portal.errors import ServiceError
from licenses import services
from licenses.exceptions import (
    ActorNotAllowed,
    ApplicationAlreadyOpen,
    ApplicationError,
    ApplicationIncomplete,
    ApplicationNotEditable,
    LicenceAlreadyHeld,
    PackageClosed,
    RenewalNotOpen,
)
from licenses.models import Application, ApplicationDocument, ApplicationEvent, Kind, Licence, ReferenceCounter, Status
from licenses.selectors import application_document_checklist, licence_renewal_is_late
from packages_catalog.models import DocumentType, Package
from tests.factories import emirates_id_for
from tests.licenses.factories import (
    ApplicationFactory,
    complete_application,
    document_add,
    licence_for,
    pdf_bytes,
    png_bytes,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The refusals are read in English here, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def codes(problems):
    return [problem.code for problem in problems]


def submit(application, actor):
    return services.application_transition(application=application, to_status=Status.SUBMITTED, actor=actor)


# Drafts


def test_a_family_starts_a_draft_with_its_home_address_as_the_place_of_production(alice_family, alice, tayeb):
    application = services.application_draft_create(family=alice_family, package=tayeb, actor=alice)
    assert application.status == Status.DRAFT
    assert application.reference is None
    assert application.production_address == alice_family.address
    assert application.events.get().to_status == Status.DRAFT


def test_a_second_application_for_the_same_package_links_the_first(draft, alice_family, alice, tayeb):
    with pytest.raises(ApplicationAlreadyOpen) as refusal:
        services.application_draft_create(family=alice_family, package=tayeb, actor=alice)
    assert refusal.value.application == draft
    assert Application.objects.filter(family=alice_family).count() == 1


def test_the_database_refuses_two_open_applications_for_one_family_and_package(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(family=draft.family, package=draft.package)


def test_a_closed_application_does_not_block_a_new_one(alice_family, alice, tayeb):
    complete_application(family=alice_family, status=Status.WITHDRAWN)
    complete_application(family=alice_family, status=Status.REJECTED)
    assert services.application_draft_create(family=alice_family, package=tayeb, actor=alice).status == Status.DRAFT


def test_another_package_is_a_separate_application(draft, alice_family, alice, atayeb):
    assert services.application_draft_create(family=alice_family, package=atayeb, actor=alice).package == atayeb


def test_a_family_holding_a_licence_in_the_package_renews_instead(alice_family, alice, tayeb):
    licence = licence_for(family=alice_family, issued_on=timezone.localdate())
    with pytest.raises(LicenceAlreadyHeld, match="renew it instead") as refusal:
        services.application_draft_create(family=alice_family, package=tayeb, actor=alice)
    assert refusal.value.licence == licence


def test_a_package_closed_for_applications_refuses_new_drafts(alice_family, alice, tayeb):
    Package.objects.filter(pk=tayeb.pk).update(is_active=False)
    tayeb.refresh_from_db()
    with pytest.raises(PackageClosed):
        services.application_draft_create(family=alice_family, package=tayeb, actor=alice)


def test_nobody_else_starts_a_draft_for_alice(alice_family, charlie_family, charlie, reviewer, tayeb):
    for actor in (charlie, reviewer):
        with pytest.raises(ActorNotAllowed):
            services.application_draft_create(family=alice_family, package=tayeb, actor=actor)


def test_the_family_changes_its_answers_in_a_draft(draft, alice):
    activity = draft.package.activities.last()
    services.application_update(
        application=draft, actor=alice, answers={"trade_name_en": "Oud House"}, activities=[activity]
    )
    draft.refresh_from_db()
    assert draft.trade_name_en == "Oud House"
    assert list(draft.activities.all()) == [activity]


def test_answers_cannot_change_once_sent(submitted, alice):
    with pytest.raises(ApplicationNotEditable):
        services.application_update(application=submitted, actor=alice, answers={"trade_name_en": "Changed"})
    submitted.refresh_from_db()
    assert submitted.trade_name_en == "Maryam Perfumes"


def test_answers_change_again_when_the_centre_asks_for_information(alice_family, alice):
    application = complete_application(family=alice_family, status=Status.INFO_REQUESTED)
    services.application_update(application=application, actor=alice, answers={"trade_name_en": "Oud House"})
    application.refresh_from_db()
    assert application.trade_name_en == "Oud House"


def test_only_the_answer_fields_and_the_packages_activities_can_be_set(draft, alice, atayeb):
    with pytest.raises(ValueError):
        services.application_update(application=draft, actor=alice, answers={"status": Status.APPROVED})
    with pytest.raises(ValueError):
        services.application_update(application=draft, actor=alice, answers={}, activities=[atayeb.activities.first()])


def test_charlie_cannot_change_alices_draft(draft, charlie_family, charlie):
    with pytest.raises(ActorNotAllowed):
        services.application_update(application=draft, actor=charlie, answers={"trade_name_en": "Mine"})


def test_a_draft_is_deleted_with_its_files(draft, alice, documents_storage):
    names = [document.file.name for document in draft.documents.all()]
    assert all((documents_storage / name).exists() for name in names)
    with transaction.atomic():
        services.application_draft_delete(application=draft, actor=alice)
    assert not Application.objects.filter(pk=draft.pk).exists()


def test_deleting_a_draft_removes_its_files_once_committed(
    draft, alice, documents_storage, django_capture_on_commit_callbacks
):
    names = [document.file.name for document in draft.documents.all()]
    with django_capture_on_commit_callbacks(execute=True):
        services.application_draft_delete(application=draft, actor=alice)
    assert names and not any((documents_storage / name).exists() for name in names)


def test_a_sent_application_is_withdrawn_not_deleted(submitted, alice):
    with pytest.raises(ApplicationNotEditable, match="withdraw it instead"):
        services.application_draft_delete(application=submitted, actor=alice)
    assert Application.objects.filter(pk=submitted.pk).exists()


# Submission


def test_submission_gives_a_reference_and_keeps_the_family_profile_as_it_was(draft, alice):
    application = submit(draft, alice)
    year = timezone.localdate().year
    assert application.reference == f"ETM-{year}-000001"
    assert application.submitted_at == application.last_submitted_at
    assert application.family_snapshot["emirates_id"] == draft.family.emirates_id
    event = application.events.get(to_status=Status.SUBMITTED)
    assert event.data["answers"]["trade_name_en"] == "Maryam Perfumes"
    assert len(event.data["documents"]) == draft.documents.count()

    draft.family.area = "Al Majaz"
    draft.family.save()
    application.refresh_from_db()
    assert application.family_snapshot["area"] == "Al Khan"


def test_references_follow_each_other_within_a_year(alice_family, charlie_family, alice, charlie):
    first = submit(complete_application(family=alice_family), alice)
    second = submit(complete_application(family=charlie_family), charlie)
    year = timezone.localdate().year
    assert (first.reference, second.reference) == (f"ETM-{year}-000001", f"ETM-{year}-000002")


def test_a_new_year_starts_its_references_at_one(draft, alice):
    year = timezone.localdate().year
    ReferenceCounter.objects.create(year=year - 1, last_number=41)
    assert submit(draft, alice).reference == f"ETM-{year}-000001"
    assert ReferenceCounter.objects.get(year=year - 1).last_number == 41


def test_a_resubmission_keeps_the_reference_and_the_first_submission_date(alice_family, alice):
    application = complete_application(family=alice_family, status=Status.INFO_REQUESTED)
    reference, first = application.reference, application.submitted_at
    resubmitted = services.application_transition(
        application=application, to_status=Status.SUBMITTED, actor=alice, message="Deed added."
    )
    assert resubmitted.reference == reference
    assert resubmitted.submitted_at == first
    assert resubmitted.last_submitted_at > first
    assert resubmitted.events.get().message == "Deed added."


def test_submission_lists_every_missing_item_at_once_and_changes_nothing(alice_family, alice, tayeb):
    application = services.application_draft_create(family=alice_family, package=tayeb, actor=alice)
    services.application_update(application=application, actor=alice, answers={"production_address": ""}, activities=[])
    with pytest.raises(ApplicationIncomplete) as refusal:
        submit(application, alice)
    problems = codes(refusal.value.problems)
    assert problems[:6] == [
        "activities_missing",
        "trade_name_ar_missing",
        "trade_name_en_missing",
        "products_missing",
        "production_place_missing",
        "production_address_missing",
    ]
    # Emirates ID front and back, passport, family book, title deed.
    assert problems.count("document_missing") == 5
    application.refresh_from_db()
    assert (application.status, application.reference) == (Status.DRAFT, None)
    assert not ReferenceCounter.objects.exists()


def test_submission_refuses_a_family_outside_sharjah(draft, alice):
    draft.family.emirate = "dubai"
    draft.family.save()
    with pytest.raises(ApplicationIncomplete) as refusal:
        submit(draft, alice)
    assert codes(refusal.value.problems) == ["not_sharjah_resident"]
    message = refusal.value.problems[0].message
    with translation.override("en"):
        assert str(message) == "The family must live in the Emirate of Sharjah."
    with translation.override("ar"):
        assert str(message) == "يجب أن تقيم الأسرة في إمارة الشارقة."


def test_an_applicant_under_18_is_sent_only_with_the_court_letter(draft, alice):
    today = timezone.localdate()
    draft.family.date_of_birth = datetime.date(today.year - 16, 1, 1)
    draft.family.emirates_id = emirates_id_for(today.year - 16, 1234567)
    draft.family.save()
    with pytest.raises(ApplicationIncomplete) as refusal:
        submit(draft, alice)
    assert codes(refusal.value.problems) == ["under_18_without_court_letter"]
    assert refusal.value.problems[0].step == "documents"

    document_add(draft, DocumentType.objects.get(code="court_noc"))
    assert submit(draft, alice).status == Status.SUBMITTED


def checklist_codes(application, *, required):
    return [
        item.document_type.code
        for item in application_document_checklist(application=application)
        if item.required == required
    ]


def test_a_rented_home_needs_the_lease_and_the_landlords_letter(alice_family):
    alice_family.home_tenure = "rented"
    alice_family.save()
    application = ApplicationFactory(family=alice_family)
    required = checklist_codes(application, required=True)
    assert "lease_contract" in required and "landlord_noc" in required
    assert "title_deed" not in required


def test_an_owned_home_needs_the_title_deed(alice_family):
    required = checklist_codes(ApplicationFactory(family=alice_family), required=True)
    assert required == ["emirates_id_front", "emirates_id_back", "passport", "family_book", "title_deed"]


def test_a_beneficiary_file_number_asks_for_the_sssd_letter(alice_family):
    alice_family.sssd_file_number = "SSD-4411"
    alice_family.save()
    assert "sssd_beneficiary_letter" in checklist_codes(ApplicationFactory(family=alice_family), required=True)


def test_atayeb_adds_the_health_card_and_food_safety_certificate(alice_family, atayeb):
    required = checklist_codes(ApplicationFactory(family=alice_family, package=atayeb), required=True)
    assert required[-2:] == ["health_card", "food_safety_certificate"]
    tayeb_required = checklist_codes(ApplicationFactory(family=alice_family), required=True)
    assert "health_card" not in tayeb_required


def test_product_photos_are_optional(alice_family):
    assert checklist_codes(ApplicationFactory(family=alice_family), required=False) == ["product_photos"]


def test_a_renewal_of_another_familys_licence_is_refused(alice_family, charlie_family, charlie):
    licence = licence_for(family=alice_family, issued_on=timezone.localdate() - datetime.timedelta(days=350))
    with pytest.raises(ActorNotAllowed):
        services.application_renewal_create(licence=licence, actor=charlie)


# Documents


def photos():
    return DocumentType.objects.get(code="product_photos")


def passport():
    return DocumentType.objects.get(code="passport")


def test_an_upload_is_stored_under_the_portals_name_with_its_true_type(draft, alice, documents_storage):
    document = services.application_document_add(
        application=draft,
        document_type=photos(),
        file=upload("my family photo.png", png_bytes(), "image/png"),
        actor=alice,
    )
    assert document.file.name == f"draft-{draft.pk}/product_photos-v1.png"
    assert (documents_storage / f"draft-{draft.pk}" / "product_photos-v1.png").read_bytes() == png_bytes()
    assert (document.original_name, document.content_type, document.uploaded_by) == (
        "my family photo.png",
        "image/png",
        alice,
    )


def test_each_file_of_a_document_is_its_next_version_under_the_applications_reference(alice, alice_family):
    application = complete_application(family=alice_family, status=Status.INFO_REQUESTED)
    for _ in range(2):
        document = services.application_document_add(
            application=application, document_type=passport(), file=upload("passport (1).PDF"), actor=alice
        )
    # The first version was uploaded to the draft; the second and third after the reference was given.
    assert document.file.name == f"{application.reference}/passport-v3.pdf"
    assert document.original_name == "passport (1).PDF"


def test_a_new_file_replaces_the_current_one_and_the_old_one_is_kept(draft, alice):
    before = draft.documents.get(document_type=passport())
    services.application_document_add(application=draft, document_type=passport(), file=upload("new.pdf"), actor=alice)
    before.refresh_from_db()
    assert before.superseded_at is not None
    current = draft.documents.filter(document_type=passport(), superseded_at__isnull=True)
    assert [document.original_name for document in current] == ["new.pdf"]


def test_product_photos_are_added_not_replaced(draft, alice):
    for name in ("a.png", "b.png"):
        services.application_document_add(
            application=draft, document_type=photos(), file=upload(name, png_bytes(), "image/png"), actor=alice
        )
    assert draft.documents.filter(document_type=photos(), superseded_at__isnull=True).count() == 2


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.exe", b"MZ\x90\x00 executable", "type"),
        ("passport.bat", pdf_bytes(), "extension"),
        ("passport", pdf_bytes(), "extension"),
        ("scan.pdf", png_bytes(), "type_mismatch"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_the_service_refuses_a_file_that_is_not_what_it_should_be(draft, alice, documents_storage, name, content, code):
    count = ApplicationDocument.objects.count()
    with pytest.raises(ServiceError) as refusal:
        services.application_document_add(
            application=draft, document_type=passport(), file=upload(name, content), actor=alice
        )
    assert (refusal.value.code, refusal.value.field) == (code, "file")
    assert ApplicationDocument.objects.count() == count
    assert not list(documents_storage.rglob(name))


def test_the_service_refuses_a_file_over_the_limit(draft, alice, settings):
    settings.DOCUMENT_MAX_BYTES = 100
    with pytest.raises(ServiceError, match="too large"):
        services.application_document_add(application=draft, document_type=passport(), file=upload(), actor=alice)


def test_no_upload_once_the_application_is_sent(submitted, alice):
    with pytest.raises(ApplicationNotEditable):
        services.application_document_add(application=submitted, document_type=passport(), file=upload(), actor=alice)


def test_charlie_cannot_upload_to_alices_application(draft, charlie_family, charlie):
    with pytest.raises(ActorNotAllowed):
        services.application_document_add(application=draft, document_type=passport(), file=upload(), actor=charlie)


def test_a_removed_file_is_kept_for_the_audit(draft, alice):
    document = draft.documents.get(document_type=passport())
    services.application_document_remove(document=document, actor=alice)
    document.refresh_from_db()
    assert document.superseded_at is not None
    with pytest.raises(ApplicationIncomplete):
        submit(draft, alice)


# Licences


def approved(alice_family):
    return complete_application(family=alice_family, status=Status.APPROVED)


def issue(application, reviewer, *, number="SHJ-ETM-5001", issued_on=None):
    return services.application_transition(
        application=application,
        to_status=Status.ISSUED,
        actor=reviewer,
        licence_number=number,
        issued_on=issued_on or timezone.localdate(),
    )


def test_recording_the_issued_licence_creates_it_valid_for_one_year(alice_family, reviewer):
    application = issue(approved(alice_family), reviewer, issued_on=datetime.date(2026, 3, 10))
    licence = Licence.objects.get()
    assert (licence.number, licence.family, licence.package, licence.application) == (
        "SHJ-ETM-5001",
        alice_family,
        application.package,
        application,
    )
    assert (licence.issued_on, licence.expires_on, licence.status) == (
        datetime.date(2026, 3, 10),
        datetime.date(2027, 3, 9),
        Licence.Status.ACTIVE,
    )
    assert list(licence.activities.all()) == list(application.activities.all())
    assert application.events.get(to_status=Status.ISSUED).data["licence_number"] == "SHJ-ETM-5001"


def test_a_licence_number_already_recorded_is_refused_and_nothing_changes(alice_family, charlie_family, reviewer):
    licence_for(family=charlie_family, issued_on=timezone.localdate(), number="SHJ-ETM-5001")
    application = approved(alice_family)
    with pytest.raises(ApplicationError, match="already recorded"):
        issue(application, reviewer)
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert not ApplicationEvent.objects.filter(application=application).exists()


def test_an_issue_date_in_the_future_is_refused(alice_family, reviewer):
    with pytest.raises(ApplicationError, match="future"):
        issue(approved(alice_family), reviewer, issued_on=timezone.localdate() + datetime.timedelta(days=1))


def test_a_year_from_29_february_ends_on_28_february():
    assert Licence.expiry_for(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)


def test_licences_past_their_last_day_expire_and_running_it_twice_changes_nothing(alice_family, charlie_family):
    today = datetime.date(2027, 3, 10)
    ending = licence_for(family=alice_family, issued_on=datetime.date(2026, 3, 10))  # last day 9 March 2027
    running = licence_for(family=charlie_family, issued_on=datetime.date(2026, 3, 11))  # last day 10 March 2027
    assert services.licence_expire_due(today=today) == 1
    assert services.licence_expire_due(today=today) == 0
    ending.refresh_from_db()
    running.refresh_from_db()
    assert (ending.status, running.status) == (Licence.Status.EXPIRED, Licence.Status.ACTIVE)


# Renewals


def test_renewal_opens_30_days_before_expiry(alice_family, alice):
    licence = licence_for(family=alice_family, issued_on=datetime.date(2026, 3, 10))  # last day 9 March 2027
    with pytest.raises(RenewalNotOpen):
        services.application_renewal_create(licence=licence, actor=alice, on=datetime.date(2027, 2, 6))
    renewal = services.application_renewal_create(licence=licence, actor=alice, on=datetime.date(2027, 2, 7))
    assert (renewal.kind, renewal.renews, renewal.status) == (Kind.RENEWAL, licence, Status.DRAFT)


def test_a_renewal_is_filled_in_from_the_licence(alice_family, alice):
    licence = licence_for(family=alice_family, issued_on=datetime.date(2026, 3, 10))
    renewal = services.application_renewal_create(licence=licence, actor=alice, on=datetime.date(2027, 3, 1))
    assert (renewal.trade_name_ar, renewal.trade_name_en) == (licence.trade_name_ar, licence.trade_name_en)
    assert renewal.production_address == licence.application.production_address
    assert list(renewal.activities.all()) == list(licence.activities.all())
    assert renewal.documents.count() == 0


def test_only_one_renewal_at_a_time(alice_family, alice):
    licence = licence_for(family=alice_family, issued_on=datetime.date(2026, 3, 10))
    first = services.application_renewal_create(licence=licence, actor=alice, on=datetime.date(2027, 3, 1))
    with pytest.raises(ApplicationAlreadyOpen) as refusal:
        services.application_renewal_create(licence=licence, actor=alice, on=datetime.date(2027, 3, 1))
    assert refusal.value.application == first


def renew(licence, family, alice, reviewer, *, issued_on):
    renewal = services.application_renewal_create(licence=licence, actor=alice, on=issued_on)
    for item in application_document_checklist(application=renewal):
        if item.required:
            document_add(renewal, item.document_type)
    for target in (Status.SUBMITTED, Status.UNDER_REVIEW, Status.APPROVED):
        actor = alice if target == Status.SUBMITTED else reviewer
        renewal = services.application_transition(application=renewal, to_status=target, actor=actor)
    return issue(renewal, reviewer, number=licence.number, issued_on=issued_on)


def test_an_early_renewal_extends_the_same_licence_by_a_year_from_its_expiry(
    alice_family, alice, reviewer, monkeypatch
):
    licence = licence_for(family=alice_family, issued_on=datetime.date(2025, 12, 1))  # last day 30 Nov 2026
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 11, 20))
    renew(licence, alice_family, alice, reviewer, issued_on=datetime.date(2026, 11, 20))
    licence.refresh_from_db()
    assert (licence.expires_on, licence.renewed_on, licence.status) == (
        datetime.date(2027, 11, 30),
        datetime.date(2026, 11, 20),
        Licence.Status.ACTIVE,
    )
    assert Licence.objects.count() == 1


def test_a_late_renewal_runs_a_year_from_the_renewal_date(alice_family, alice, reviewer):
    today = timezone.localdate()
    licence = licence_for(family=alice_family, issued_on=today - datetime.timedelta(days=500))
    services.licence_expire_due(today=today)
    renew(licence, alice_family, alice, reviewer, issued_on=today)
    licence.refresh_from_db()
    assert licence.status == Licence.Status.ACTIVE
    assert licence.expires_on == Licence.expiry_for(today)


def test_a_renewal_more_than_the_grace_days_after_expiry_is_late(alice_family):
    licence = licence_for(family=alice_family, issued_on=datetime.date(2025, 3, 10))  # last day 9 March 2026
    assert not licence_renewal_is_late(licence=licence, on=datetime.date(2026, 4, 8))  # 30 days after expiry
    assert licence_renewal_is_late(licence=licence, on=datetime.date(2026, 4, 9))


def test_a_renewal_by_the_expiry_date_is_on_time_without_reading_the_schedule(alice_family, django_assert_num_queries):
    licence = licence_for(family=alice_family, issued_on=datetime.date(2025, 3, 10))  # last day 9 March 2026
    with django_assert_num_queries(0):
        assert not licence_renewal_is_late(licence=licence, on=datetime.date(2026, 3, 9))
    with django_assert_num_queries(1):  # the fee schedule in force, for its grace days
        assert not licence_renewal_is_late(licence=licence, on=datetime.date(2026, 3, 10))
