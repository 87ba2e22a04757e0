"""A licence holder downloads the certificate from the portal; whoever scans its QR code (decoded here from the PDF's
first page) opens the public verification page and reads "valid", in their own language; anybody can also type the
licence number."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.factories import FamilyProfileFactory
from tests.licenses.certificates import page_one_png, qr_codes_in
from tests.licenses.factories import licence_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = {
    "ar": {"valid": "رخصة سارية", "title": "التحقق من رخصة «اعتماد»", "locale": "ar-AE"},
    "en": {"valid": "Valid licence", "title": "Verify an Etimad licence", "locale": "en-GB"},
}


@pytest.fixture
def licence(alice, live_server, settings):
    # The QR code points at this server, as it points at SITE_URL in production.
    settings.SITE_URL = live_server.url
    alice.email_confirmed_at = timezone.now()
    alice.save()
    family = FamilyProfileFactory(user=alice)
    return licence_for(
        family=family, issued_on=timezone.localdate() - datetime.timedelta(days=20), number="SHJ-2026-0417"
    )


def fits(page, viewport):
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], page.url


def test_a_family_downloads_its_certificate_and_its_qr_code_opens_valid(
    weasyprint_works, browser, live_server, alice, licence
):
    client = Client()
    client.force_login(alice)
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, accept_downloads=True)
    try:
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        family = context.new_page()
        family.goto("/ar/applications/")
        with family.expect_download() as download:
            family.locator(f"#licence-{licence.pk} [data-testid=download-certificate]").click()
        assert download.value.suggested_filename == "etimad-licence-shj-2026-0417.pdf"
        pdf = Path(download.value.path()).read_bytes()
    finally:
        context.close()

    (scanned,) = qr_codes_in(page_one_png(pdf, "certificate_downloaded"))
    assert scanned == f"{live_server.url}/verify/{licence.verification_token}/"

    # A customer's phone, set to English, opens the scanned address.
    phone = browser.new_context(viewport=PHONE, locale="en-GB")
    try:
        page = phone.new_page()
        page.goto(scanned)
        page.wait_for_url(f"**/en/verify/{licence.verification_token}/")
        answer = page.get_by_test_id("verification")
        assert answer.get_attribute("data-state") == "valid"
        assert "Valid licence" in answer.inner_text()
        assert "Maryam Perfumes" in answer.inner_text()
        assert alice.email not in page.content()
    finally:
        phone.close()


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_anyone_opens_the_link_or_types_the_number_and_reads_valid(browser, live_server, licence, language, viewport):
    context = browser.new_context(viewport=viewport, base_url=live_server.url, locale=TEXT[language]["locale"])
    try:
        page = context.new_page()
        page.goto(f"/verify/{licence.verification_token}/")
        page.wait_for_url(f"**/{language}/verify/{licence.verification_token}/")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert page.get_by_test_id("verification").get_attribute("data-state") == "valid"
        assert TEXT[language]["valid"] in page.get_by_test_id("verification").inner_text()
        fits(page, viewport)
        screenshot(page, f"verify_{language}_{viewport['width']}")

        # From the footer of any page, a licence number typed by hand.
        page.goto(f"/{language}/")
        page.get_by_test_id("footer-verify").click()
        page.wait_for_url(f"**/{language}/verify/")
        assert page.get_by_role("heading", level=1).inner_text() == TEXT[language]["title"]
        page.fill("#id_number", "shj-2026-0417")
        page.get_by_test_id("lookup-submit").click()
        assert page.get_by_test_id("verification").get_attribute("data-state") == "valid"
        fits(page, viewport)
        screenshot(page, f"verify_lookup_{language}_{viewport['width']}")

        page.fill("#id_number", "SHJ-1999-0000")
        page.get_by_test_id("lookup-submit").click()
        assert page.get_by_test_id("verification").get_attribute("data-state") == "unknown"
        screenshot(page, f"verify_unknown_{language}_{viewport['width']}")
    finally:
        context.close()
