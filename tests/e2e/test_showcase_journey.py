"""The products showcase in a real browser: on a phone, in Arabic, a licence holder opts in from its account page
with two photos; a reviewer approves the entry in the admin; a visitor, without logging in, finds it by package and
by a word, in Arabic and in English, with its photos loaded at a phone's width.

Screenshots of the family's page, the admin's page, the list and an entry are kept in Arabic and English, at 360
and 1280 px."""

import pytest

from showcase.models import Entry
from showcase.workflow import Status
from tests.benefits.conftest import licence_holder
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_application_journey import logged_in, shot
from tests.showcase.conftest import photo_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def showcase_files(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "showcase": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def photos_loaded(page) -> list[int]:
    """The width of each photo the browser drew (0 for one that did not load)."""
    page.wait_for_load_state("networkidle")
    return page.eval_on_selector_all("img[srcset]", "images => images.map(image => image.naturalWidth)")


def test_a_family_opts_in_a_reviewer_approves_and_a_visitor_finds_it(open_page, live_server, alice, reviewer):
    licence = licence_holder(alice).licences.get()

    # On a phone, in Arabic: the family opens its showcase page from its account page.
    family = logged_in(open_page, live_server, alice, PHONE)
    family.goto("/ar/account/")
    family.get_by_test_id("account-showcase-edit").click()
    family.wait_for_url(f"**/ar/showcase/mine/{licence.pk}/")
    family.fill("#id_description_ar", "عطور وبخور من صنع المنزل بخلطات إماراتية تقليدية.")
    family.fill("#id_description_en", "Home-made perfumes and incense blended the Emirati way.")
    family.fill("#id_whatsapp", "050 123 4567")
    family.fill("#id_instagram", "@oud.home")
    family.set_input_files(
        "#id_photos",
        files=[
            {"name": "oud.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes(size=(1600, 1200))},
            {"name": "box.png", "mimeType": "image/png", "buffer": photo_bytes(colour=(40, 90, 120), form="PNG")},
        ],
    )
    shot(family, "showcase_1_family_form", "ar", PHONE)
    # Re-drawing the photos takes a moment on a busy machine: the page may take longer than the default to answer.
    family.get_by_test_id("showcase-send").click(no_wait_after=True)
    family.wait_for_url("**/ar/account/", timeout=90_000)
    assert "بانتظار موافقة المركز" in family.get_by_test_id("account-showcase").inner_text()
    shot(family, "showcase_2_account_pending", "ar", PHONE)
    version = Entry.objects.get(licence=licence).draft
    assert version.photos.count() == 2

    # Nothing public yet.
    visitor = open_page(viewport=PHONE)
    visitor.goto("/ar/showcase/")
    assert visitor.get_by_test_id("showcase-empty").is_visible()

    # A reviewer approves it in the admin's moderation queue.
    staff = logged_in(open_page, live_server, reviewer, DESKTOP)
    staff.goto("/ar/admin/showcase/version/?status__exact=pending")
    staff.locator("#result_list .field-trade_name a").first.click()
    staff.wait_for_url(f"**/admin/showcase/version/{version.pk}/change/**")
    assert staff.locator("img.showcase-admin-photo").count() == 2
    shot(staff, "showcase_3_admin_version", "ar", DESKTOP)
    staff.locator("a[data-step=approved]").click()
    staff.wait_for_url("**/step/approved/**")
    staff.get_by_test_id("confirm-step").click()
    staff.wait_for_url("**/admin/showcase/version/**")
    version.refresh_from_db()
    assert version.status == Status.APPROVED

    # The visitor finds it by package, then by a word, in Arabic on a phone.
    visitor.goto("/ar/")
    visitor.locator(".navbar-toggler").click()
    visitor.get_by_test_id("nav-showcase").click()
    visitor.wait_for_url("**/ar/showcase/")
    visitor.get_by_test_id("showcase-packages").get_by_text(licence.package.name_ar).click()
    visitor.wait_for_url("**/ar/showcase/?package=tayeb")
    assert licence.trade_name_ar in visitor.get_by_test_id("showcase-list").inner_text()
    assert all(width > 0 for width in photos_loaded(visitor))
    shot(visitor, "showcase_4_list", "ar", PHONE)
    visitor.goto("/ar/showcase/")
    visitor.fill("#showcase-q", "بخور")
    visitor.locator("[data-testid=showcase-search] button").click()
    visitor.wait_for_url("**/ar/showcase/?q=*")
    visitor.get_by_test_id("showcase-card").get_by_role("link", name=licence.trade_name_ar).click()
    visitor.wait_for_url(f"**/ar/showcase/{version.entry_id}/")
    widths = photos_loaded(visitor)
    assert len(widths) == 2 and all(0 < width <= 640 for width in widths)  # a phone's copy, not the 1280 one
    assert visitor.get_by_test_id("showcase-contacts").is_visible()
    shot(visitor, "showcase_5_entry", "ar", PHONE)
    visitor.get_by_test_id("showcase-verify").click()
    visitor.wait_for_url(f"**/verify/{licence.verification_token}/")

    # And in English, on a phone and on a desktop: by package and by a word.
    for viewport in (PHONE, DESKTOP):
        page = open_page(viewport=viewport)
        page.goto("/en/showcase/?package=tayeb")
        assert licence.trade_name_en in page.get_by_test_id("showcase-list").inner_text()
        shot(page, "showcase_4_list", "en", viewport)
        page.fill("#showcase-q", "incense")
        page.locator("[data-testid=showcase-search] button").click()
        page.wait_for_url("**/en/showcase/?*q=incense*")
        assert page.get_by_test_id("showcase-card").count() == 1
        page.fill("#showcase-q", "embroidery")
        page.locator("[data-testid=showcase-search] button").click()
        page.wait_for_url("**/en/showcase/?*q=embroidery*")
        assert page.get_by_test_id("showcase-empty").is_visible()
        page.goto(f"/en/showcase/{version.entry_id}/")
        assert all(width > 0 for width in photos_loaded(page))
        shot(page, "showcase_5_entry", "en", viewport)
    desktop_ar = open_page(viewport=DESKTOP)
    desktop_ar.goto("/ar/showcase/")
    shot(desktop_ar, "showcase_4_list", "ar", DESKTOP)
    desktop_ar.goto(f"/ar/showcase/{version.entry_id}/")
    shot(desktop_ar, "showcase_5_entry", "ar", DESKTOP)

    # The family's page with its approved entry, in both languages at both widths.
    for language, viewport in (("en", DESKTOP), ("en", PHONE), ("ar", DESKTOP)):
        page = logged_in(open_page, live_server, alice, viewport)
        page.goto(f"/{language}/showcase/mine/{licence.pk}/")
        assert page.get_by_test_id("showcase-thumbs").is_visible()
        shot(page, "showcase_1_family_form", language, viewport)
        page.goto(f"/{language}/account/")
        shot(page, "showcase_2_account", language, viewport)
