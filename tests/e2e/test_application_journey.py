"""The whole Etimad journey in a real browser: a family applies with documents, a reviewer asks for information in
the admin, the family answers, the reviewer approves and records the licence, and the family sees it issued.

In Arabic on a phone (360 px) and in English on a desktop (1280 px); screenshots of every page are kept."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from licenses import services
from licenses.models import Application, Licence, Reason, Status
from packages_catalog.models import DocumentType
from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.factories import FamilyProfileFactory
from tests.licenses.factories import complete_application, licence_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Small valid files, made here rather than read from disk.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00"
    b"\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)

TEXT = {
    "ar": {"received": "تم الاستلام", "action_needed": "مطلوب إجراء", "issued": "صدرت الرخصة"},
    "en": {"received": "Received", "action_needed": "Action needed", "issued": "Licence issued"},
}


@pytest.fixture
def alice_family(alice):
    alice.email_confirmed_at = timezone.now()
    alice.save()
    return FamilyProfileFactory(user=alice)


def logged_in(open_page, live_server, user, viewport):
    """A browser page with `user` logged in: the session of a test client, handed to the browser as a cookie."""
    client = Client()
    client.force_login(user)
    page = open_page(viewport=viewport)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return page


def fits(page, viewport):
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], page.url


def shot(page, name, language, viewport):
    fits(page, viewport)
    screenshot(page, f"{name}_{language}_{viewport['width']}")


def upload(page, code, name, content):
    mime = "image/png" if name.endswith(".png") else "application/pdf"
    page.set_input_files(f"input[name=document_{code}]", files=[{"name": name, "mimeType": mime, "buffer": content}])


def continue_(page):
    page.get_by_test_id("continue").click()


def admin_step(page, to_status):
    page.locator(f"a[data-step={to_status}]").click()
    page.wait_for_url(f"**/step/{to_status}/")


@pytest.mark.parametrize(
    ("language", "viewport"), [("ar", PHONE), ("en", DESKTOP)], ids=["arabic-phone", "english-desktop"]
)
def test_a_family_applies_the_centre_asks_approves_and_records_the_licence(
    open_page, live_server, alice, alice_family, reviewer, language, viewport
):
    text = TEXT[language]
    family = logged_in(open_page, live_server, alice, viewport)

    # The family starts from its list of applications.
    family.goto(f"/{language}/applications/")
    assert family.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    shot(family, "apply_0_list_empty", language, viewport)
    family.get_by_test_id("new-application").click()
    family.wait_for_url("**/applications/new/")
    family.locator("label[data-package=tayeb]").click()
    shot(family, "apply_1_package", language, viewport)
    family.get_by_test_id("start").click()

    # Step 2: activities. Continuing with none chosen is refused and says why.
    family.wait_for_url("**/edit/activities/")
    continue_(family)
    # The same address comes back with the errors: wait for them rather than for a new URL.
    family.get_by_test_id("form-errors").wait_for(state="visible")
    family.locator("input[name=activities]").first.check()
    shot(family, "apply_2_activities", language, viewport)
    continue_(family)

    # Step 3: trade name and products.
    family.wait_for_url("**/edit/business/")
    family.fill("#id_trade_name_ar", "عطور مريم")
    family.fill("#id_trade_name_en", "Maryam Perfumes")
    family.fill("#id_products_description", "Oud blends and perfume oils, sold at the centre's exhibitions.")
    shot(family, "apply_3_business", language, viewport)
    continue_(family)

    # Step 4: the place of production (the address is already the family's home).
    family.wait_for_url("**/edit/production/")
    assert family.input_value("#id_production_address") == alice_family.address
    family.locator("input[name=production_place][value=room]").check()
    shot(family, "apply_4_production", language, viewport)
    continue_(family)

    # Step 5: documents. A page that is not a PDF is refused beside its field; the good files are kept.
    family.wait_for_url("**/edit/documents/")
    upload(family, "emirates_id_front", "id-front.pdf", PDF)
    upload(family, "emirates_id_back", "id-back.png", PNG)
    upload(family, "passport", "passport.pdf", b"<html>not a passport</html>")
    upload(family, "family_book", "family-book.pdf", PDF)
    upload(family, "title_deed", "title-deed.pdf", PDF)
    upload(family, "product_photos", "oud.png", PNG)
    continue_(family)
    passport = family.locator("[data-document=passport]")
    assert passport.locator(".invalid-feedback, .text-danger, .is-invalid").count() >= 1
    assert family.locator("[data-document=emirates_id_front] .uploaded-file").count() == 1
    shot(family, "apply_5_documents_refused", language, viewport)
    upload(family, "passport", "passport.pdf", PDF)
    family.get_by_test_id("upload").click()
    family.wait_for_url("**/edit/documents/")
    assert family.locator("[data-document=passport] .uploaded-file").count() == 1
    shot(family, "apply_5_documents", language, viewport)
    continue_(family)

    # Step 6: review and send. Without the confirmation nothing is sent.
    family.wait_for_url("**/edit/review/")
    assert family.get_by_test_id("problems").count() == 0
    shot(family, "apply_6_review", language, viewport)
    family.get_by_test_id("submit").click()
    family.locator("#id_confirm.is-invalid").wait_for()  # the refusal comes back from the server: wait for it
    family.check("#id_confirm")
    family.get_by_test_id("submit").click()
    family.wait_for_url(re.compile(r".*/applications/\d+/$"))
    application = Application.objects.get(family=alice_family)
    assert application.status == Status.SUBMITTED
    assert family.get_by_test_id("status").inner_text() == text["received"]
    assert family.get_by_test_id("reference").inner_text() == application.reference
    shot(family, "application_submitted", language, viewport)

    # The reviewer starts the review and asks for information in the admin.
    staff = logged_in(open_page, live_server, reviewer, viewport)
    staff.goto(f"/{language}/admin/licenses/application/?status=submitted")
    staff.get_by_role("link", name=application.reference).click()
    shot(staff, "admin_application_submitted", language, viewport)
    admin_step(staff, "under_review")
    staff.get_by_test_id("confirm-step").click()
    staff.wait_for_url(re.compile(r".*/change/$"))
    admin_step(staff, "info_requested")
    staff.get_by_test_id("confirm-step").click()  # no reason, no message: refused, nothing lost
    staff.locator(".errorlist").first.wait_for()  # the refusal comes back from the server: wait for it
    staff.select_option("select[name=reason]", value=str(Reason.objects.get(code="unclear_document").pk))
    staff.fill("textarea[name=message]", "The passport scan is unclear: please upload a clearer copy.")
    staff.get_by_test_id("confirm-step").click()
    staff.wait_for_url(re.compile(r".*/change/$"))
    assert staff.get_by_test_id("review-status").locator("[data-status]").get_attribute("data-status") == (
        "info_requested"
    )

    # The family sees the request, replaces the passport and sends its answer.
    family.reload()
    assert text["action_needed"] in family.get_by_test_id("status").inner_text()
    assert "please upload a clearer copy" in family.get_by_test_id("info-request").inner_text()
    shot(family, "application_info_requested", language, viewport)
    family.get_by_test_id("answer-request").click()
    family.goto(f"/{language}/applications/{application.pk}/edit/documents/")
    upload(family, "passport", "passport-clear.pdf", PDF)
    continue_(family)
    family.wait_for_url("**/edit/review/")
    family.fill("#id_message", "A clearer scan of the passport is attached.")
    family.check("#id_confirm")
    family.get_by_test_id("submit").click()
    family.wait_for_url(re.compile(r".*/applications/\d+/$"))
    assert family.get_by_test_id("status").inner_text() == text["received"]

    # The reviewer approves and records the licence DED issued.
    staff.reload()
    admin_step(staff, "under_review")
    staff.get_by_test_id("confirm-step").click()
    staff.wait_for_url(re.compile(r".*/change/$"))
    admin_step(staff, "approved")
    staff.fill("textarea[name=message]", "Approved and sent to DED.")
    staff.get_by_test_id("confirm-step").click()
    staff.wait_for_url(re.compile(r".*/change/$"))

    # The fee is computed on approval: the family sees what to pay, and the bell counts the news.
    family.reload()
    fee_total = "600.00" if alice_family.is_verified_beneficiary else "1,200.00"
    assert fee_total in family.get_by_test_id("fee-total").inner_text()
    assert int(family.get_by_test_id("unread-count").inner_text()) >= 1
    shot(family, "application_approved_fee", language, viewport)
    family.get_by_test_id("nav-bell").click()
    family.wait_for_url("**/notifications/")
    assert fee_total in family.get_by_test_id("notifications").inner_text()
    shot(family, "notifications", language, viewport)
    family.goto(f"/{language}/applications/{application.pk}/")

    admin_step(staff, "issued")
    staff.fill("input[name=licence_number]", f"SHJ-ETM-{language.upper()}-0042")
    staff.get_by_test_id("confirm-step").click()
    staff.wait_for_url(re.compile(r".*/change/$"))
    shot(staff, "admin_application_issued", language, viewport)

    # The family sees its licence.
    family.reload()
    assert family.get_by_test_id("status").inner_text() == text["issued"]
    assert f"SHJ-ETM-{language.upper()}-0042" in family.get_by_test_id("licence").inner_text()
    assert family.get_by_test_id("timeline").locator("li").count() == 8
    shot(family, "application_issued", language, viewport)
    family.goto(f"/{language}/applications/")
    assert f"SHJ-ETM-{language.upper()}-0042" in family.get_by_test_id("licences").inner_text()
    shot(family, "apply_0_list_with_licence", language, viewport)
    family.goto(f"/{language}/account/")
    assert f"SHJ-ETM-{language.upper()}-0042" in family.get_by_test_id("account-licences").inner_text()
    shot(family, "account_home", language, viewport)

    licence = Licence.objects.get()
    assert (licence.status, licence.expires_on) == (
        Licence.Status.ACTIVE,
        Licence.expiry_for(licence.issued_on),
    )
    assert application.events.count() == 8


@pytest.fixture
def stages(alice_family, alice, reviewer):
    """Applications of Alice at the stages worth a screenshot, made through the services."""
    draft = complete_application(family=alice_family, package_code="atayeb")
    asked = complete_application(family=alice_family, package_code="tayeb")
    asked = services.application_transition(application=asked, to_status=Status.SUBMITTED, actor=alice)
    asked = services.application_transition(application=asked, to_status=Status.UNDER_REVIEW, actor=reviewer)
    services.application_transition(
        application=asked,
        to_status=Status.INFO_REQUESTED,
        actor=reviewer,
        reason=Reason.objects.get(code="expired_document"),
        message="The title deed copy has expired. Please upload the current one.",
    )
    services.application_document_add(
        application=draft,
        document_type=DocumentType.objects.get(code="passport"),
        file=SimpleUploadedFile("passport-2.pdf", PDF),
        actor=alice,
    )
    return {"draft": draft, "asked": asked}


@pytest.mark.parametrize(
    ("language", "viewport"), [("ar", DESKTOP), ("en", PHONE)], ids=["arabic-desktop", "english-phone"]
)
def test_the_application_pages_look_right_in_the_other_language_and_width(
    open_page, live_server, alice, reviewer, stages, language, viewport
):
    family = logged_in(open_page, live_server, alice, viewport)
    draft, asked = stages["draft"], stages["asked"]
    family.goto(f"/{language}/applications/new/")
    shot(family, "apply_1_package", language, viewport)
    for number, step in enumerate(["activities", "business", "production", "documents", "review"], start=2):
        family.goto(f"/{language}/applications/{draft.pk}/edit/{step}/")
        shot(family, f"apply_{number}_{step}", language, viewport)
    family.goto(f"/{language}/applications/{asked.pk}/")
    assert family.get_by_test_id("info-request").is_visible()
    shot(family, "application_info_requested", language, viewport)
    family.goto(f"/{language}/applications/")
    shot(family, "apply_0_list", language, viewport)

    staff = logged_in(open_page, live_server, reviewer, viewport)
    staff.goto(f"/{language}/admin/licenses/application/")
    shot(staff, "admin_queue", language, viewport)
    staff.goto(f"/{language}/admin/licenses/application/{asked.pk}/change/")
    shot(staff, "admin_application_info_requested", language, viewport)


def test_the_renewal_is_offered_in_the_last_month(open_page, live_server, alice, alice_family):
    licence = licence_for(family=alice_family, issued_on=timezone.localdate() - datetime.timedelta(days=350))
    page = logged_in(open_page, live_server, alice, PHONE)
    page.goto("/ar/applications/")
    page.get_by_test_id("renew").click()
    page.wait_for_url("**/edit/activities/")
    renewal = Application.objects.get(kind="renewal")
    assert renewal.renews == licence
    assert page.locator("input[name=activities]:checked").count() == licence.activities.count()
    shot(page, "renewal_activities", "ar", PHONE)
