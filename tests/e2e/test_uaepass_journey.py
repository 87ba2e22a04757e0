"""Sign in with UAE PASS in a real browser, against the portal's UAE PASS stand-in on the same live server: the
family picks a demo identity, lands on a profile UAE PASS filled in (names and Emirates ID read-only), completes the
rest and applies without typing its Emirates ID or names. Also the link page and a SOP1 account's checklist."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from families.models import FamilyProfile, User
from families.uaepass import FAILURE_MESSAGES
from licenses.models import Application, Status
from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.factories import FamilyProfileFactory, UserFactory
from tests.licenses.factories import complete_application

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = {
    "ar": {"button": "تسجيل الدخول باستخدام الهوية الرقمية", "received": "تم الاستلام"},
    "en": {"button": "Sign in with UAE PASS", "received": "Received"},
}


ARABIC_PHONE_AND_ENGLISH_DESKTOP = pytest.mark.parametrize(
    ("language", "viewport"), [("ar", PHONE), ("en", DESKTOP)], ids=["arabic-phone", "english-desktop"]
)


@pytest.fixture(autouse=True)
def uaepass_on_the_live_server(live_server, settings):
    settings.SITE_URL = live_server.url
    settings.UAEPASS_BASE_URL = f"{live_server.url}/{settings.UAEPASS_STANDIN_PATH}"


def shot(page, name, language, viewport):
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], page.url
    screenshot(page, f"{name}_{language}_{viewport['width']}")


def sign_in_with_uaepass(open_page, language, viewport, identity, *, lands_on):
    """A new browser page that signs in with the stand-in's `identity` and waits to land on `lands_on`."""
    page = open_page(viewport=viewport)
    page.goto(f"/{language}/account/login/")
    button = page.get_by_test_id("uaepass-button")
    assert button.inner_text().strip() == TEXT[language]["button"]
    shot(page, "uaepass_0_login", language, viewport)
    button.click()
    page.wait_for_url("**/uaepass-standin/idshub/authorize?**")
    assert page.locator("html").get_attribute("lang") == language  # ui_locales reached UAE PASS
    shot(page, "uaepass_1_standin", language, viewport)
    page.locator(f"button[data-identity={identity}]").click()
    page.wait_for_url(f"**/{language}/account/{lands_on}")
    return page


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_family_signs_in_with_uaepass_completes_its_profile_and_applies(open_page, language, viewport):
    page = sign_in_with_uaepass(open_page, language, viewport, "citizen", lands_on="profile/")

    # A pre-filled profile: what UAE PASS verified is shown and cannot be changed.
    assert page.get_by_test_id("uaepass-verified").is_visible()
    for field in ("full_name_ar", "full_name_en", "emirates_id", "nationality", "mobile"):
        assert page.locator(f"#id_{field}").is_disabled(), field
    assert page.input_value("#id_full_name_ar") == "مريم أحمد السويدي"
    assert re.fullmatch(r"784-1986-4410023-\d", page.input_value("#id_emirates_id"))
    shot(page, "uaepass_2_profile_prefilled", language, viewport)

    # The family gives the rest: date of birth, residence, home.
    page.fill("#id_date_of_birth", "1986-02-03")
    page.select_option("#id_emirate", "sharjah")
    page.fill("#id_area", "Al Khan")
    page.fill("#id_address", "Street 12, Villa 4")
    page.get_by_test_id("save-profile").click()
    page.wait_for_url(f"**/{language}/account/")
    assert page.locator("[data-testid=checklist] [data-state=missing]").count() == 0
    assert page.get_by_test_id("uaepass-verified-badge").is_visible()
    shot(page, "uaepass_3_account", language, viewport)
    profile = FamilyProfile.objects.get(user__email="citizen@uaepass-standin.example")
    assert (profile.full_name_en, profile.nationality) == ("Mariam Ahmed Al Suwaidi", "AE")

    # Its application (answers and documents as the application journey's test gives them), sent from the review.
    application = complete_application(family=profile)
    with translation.override(language):
        page.goto(reverse("licenses:application_step", kwargs={"pk": application.pk, "step": "review"}))
    page.check("#id_confirm")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r".*/applications/\d+/$"))
    assert page.get_by_test_id("status").inner_text() == TEXT[language]["received"]
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.family_snapshot["emirates_id"] == profile.emirates_id
    assert application.family_snapshot["full_name_ar"] == "مريم أحمد السويدي"
    shot(page, "uaepass_4_submitted", language, viewport)


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_existing_family_links_its_account_with_its_password(open_page, language, viewport):
    from demo.uaepass_standin import IDENTITIES

    idn = next(identity for identity in IDENTITIES if identity.key == "resident").userinfo["idn"]
    family = FamilyProfileFactory(
        user=UserFactory(email=f"aisha.{language}@example.ae", password="Sharjah-kitchen-77"),
        emirates_id=f"{idn[:3]}-{idn[3:7]}-{idn[7:14]}-{idn[14]}",
        date_of_birth="1992-06-01",
    )
    page = sign_in_with_uaepass(open_page, language, viewport, "resident", lands_on="uaepass/link/")
    shot(page, "uaepass_link", language, viewport)
    page.fill("#id_password", "Sharjah-kitchen-77")
    page.locator("[data-testid=uaepass-link-form] button[type=submit]").click()
    page.wait_for_url(f"**/{language}/account/")
    assert User.objects.get(pk=family.user_id).uaepass.user_type == "SOP2"


@ARABIC_PHONE_AND_ENGLISH_DESKTOP
def test_a_basic_uaepass_account_is_told_to_upgrade_before_it_can_apply(open_page, language, viewport):
    page = sign_in_with_uaepass(open_page, language, viewport, "basic", lands_on="profile/")
    assert page.get_by_test_id("uaepass-unverified").is_visible()
    assert not page.locator("#id_emirates_id").is_disabled()
    assert page.locator("[data-code=uaepass_unverified]").get_attribute("data-state") == "missing"
    shot(page, "uaepass_sop1_profile", language, viewport)
    assert not Application.objects.exists()


@ARABIC_PHONE_AND_ENGLISH_DESKTOP
def test_not_allowing_at_uaepass_comes_back_to_the_login_page_with_the_password_way_in(open_page, language, viewport):
    page = open_page(viewport=viewport)
    page.goto(f"/{language}/account/uaepass/")
    page.get_by_test_id("standin-cancel").click()
    page.wait_for_url(f"**/{language}/account/login/")
    with translation.override(language):
        assert str(FAILURE_MESSAGES["access_denied"]) in page.locator(".alert").first.inner_text()
    assert page.get_by_test_id("login-form").is_visible()
    shot(page, "uaepass_refused", language, viewport)
