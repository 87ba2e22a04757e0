"""A family signs up, confirms its e-mail address, completes its profile and sees that it can apply."""

import re

import pytest
from django.core import mail

from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.factories import emirates_id_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMIRATES_ID = emirates_id_for(1985, 4455667)
WRONG_CHECK_DIGIT = EMIRATES_ID[:-1] + str((int(EMIRATES_ID[-1]) + 1) % 10)
TEXT = {
    "ar": {"ready": "حسابكم جاهز", "error": "رقم بطاقة الهوية الإماراتية هذا غير صحيح", "saved": "تم حفظ ملف الأسرة."},
    "en": {
        "ready": "Your account is ready",
        "error": "This Emirates ID number is not valid",
        "saved": "Your family profile is saved.",
    },
}


def fits_the_screen(page, viewport):
    return page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_family_signs_up_confirms_completes_its_profile_and_sees_it_can_apply(open_page, language, viewport):
    page = open_page(viewport=viewport)
    width = viewport["width"]
    page.goto(f"/{language}/")
    if viewport is PHONE:
        page.locator(".navbar-toggler").click()
        # Bootstrap slides the menu open; click its links once it has finished, not while they move.
        page.locator("#main-nav.show").wait_for(state="visible")
    page.get_by_test_id("nav-signup").click()
    page.wait_for_url(f"**/{language}/account/signup/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    page.fill("#id_email", f"noura.{language}@example.ae")
    page.fill("#id_mobile", "050 111 2233")
    page.check(f"input[name=preferred_language][value={language}]")
    page.fill("#id_password1", "Sharjah-kitchen-77")
    page.fill("#id_password2", "Sharjah-kitchen-77")
    assert fits_the_screen(page, viewport)
    screenshot(page, f"family_signup_{language}_{width}")
    page.locator("[data-testid=signup-form] button[type=submit]").click()
    page.wait_for_url(f"**/{language}/account/")
    assert page.get_by_test_id("email-banner").is_visible()

    (message,) = mail.outbox
    confirm_path = re.search(r"(/(?:ar|en)/account/confirm/[^/\s]+/)", message.body).group(1)
    page.goto(confirm_path)
    page.get_by_test_id("confirm-email").click()
    page.wait_for_url(f"**/{language}/account/")
    assert page.get_by_test_id("email-banner").count() == 0

    page.get_by_test_id("complete-profile").click()
    page.wait_for_url(f"**/{language}/account/profile/")
    page.fill("#id_full_name_ar", "نورة سالم القاسمي")
    page.fill("#id_full_name_en", "Noura Salem Al Qasimi")
    page.fill("#id_emirates_id", WRONG_CHECK_DIGIT)
    page.fill("#id_date_of_birth", "1985-03-14")
    page.select_option("#id_emirate", "sharjah")
    page.fill("#id_area", "Al Khan")
    page.fill("#id_address", "Street 12, Villa 4")
    page.get_by_test_id("save-profile").click()
    page.wait_for_load_state()
    assert (
        TEXT[language]["error"]
        in page.locator("#id_emirates_id ~ .invalid-feedback, .invalid-feedback").first.inner_text()
    )
    assert page.input_value("#id_area") == "Al Khan"
    assert page.input_value("#id_full_name_en") == "Noura Salem Al Qasimi"
    assert fits_the_screen(page, viewport)
    screenshot(page, f"family_profile_error_{language}_{width}")

    page.fill("#id_emirates_id", EMIRATES_ID)
    page.get_by_test_id("save-profile").click()
    page.wait_for_url(f"**/{language}/account/")
    assert TEXT[language]["saved"] in page.locator(".alert-success").inner_text()
    assert TEXT[language]["ready"] in page.get_by_test_id("can-apply").inner_text()
    states = page.locator("[data-testid=checklist] li").evaluate_all("items => items.map(i => i.dataset.state)")
    assert set(states) == {"met"}
    assert EMIRATES_ID not in page.content()

    page.goto(f"/{language}/account/profile/")
    page.get_by_test_id("add-member").click()
    page.fill("#id_name", "Sara Al Qasimi")
    page.select_option("#id_relation", "daughter")
    page.locator("[data-testid=member-form] button[type=submit]").click()
    page.wait_for_url(f"**/{language}/account/profile/")
    page.goto(f"/{language}/account/")
    assert "Sara Al Qasimi" in page.get_by_test_id("household-summary").inner_text()
    assert fits_the_screen(page, viewport)
    screenshot(page, f"family_home_{language}_{width}")
