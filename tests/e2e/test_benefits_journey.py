"""The members' benefits in a real browser: on a phone, in Arabic, a licence holder applies for a booth and enrols
in a course; a reviewer accepts the booth in the admin; the family sees it on its account page and under the bell.

Screenshots of the public lists, a detail page and the account section are kept in Arabic and English, at 360 and
1280 px."""

import re

import pytest
from django.core.files.base import ContentFile

from benefits import services
from benefits.models import BoothApplication, BoothStatus, Enrolment, EnrolmentStatus
from tests.benefits.conftest import licence_holder
from tests.benefits.factories import course_make, exhibition_make
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_application_journey import logged_in, shot
from tests.licenses.factories import png_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = {
    "ar": {"applied": "تم الاستلام", "accepted": "مقبول: تم تأكيد جناحكم", "enrolled": "تم تسجيلكم"},
    "en": {"applied": "Received", "accepted": "Accepted: your booth is confirmed", "enrolled": "Enrolled"},
}


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """The licences' documents and the exhibitions' covers go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "documents"},
        },
    }


@pytest.fixture
def offers():
    """An exhibition with a cover, and a course with two sessions and two seats, both open."""
    exhibition = exhibition_make(name="Sharjah Heritage Days", booths=3)
    exhibition.cover.save("cover.png", ContentFile(png_bytes(64, 28)), save=False)
    exhibition.cover_content_type = "image/png"
    exhibition.save()
    exhibition_make(name="Winter Souq", name_ar="سوق الشتاء", starts_in=40, deadline_in=30, packages=("atayeb",))
    course = course_make(title="Photographing products with a phone", seats=2)
    return exhibition, course


def open_menu(page, viewport):
    if viewport is PHONE:
        page.locator(".navbar-toggler").click()
        page.locator("#main-nav.show").wait_for(state="visible")


def test_on_a_phone_in_arabic_a_licence_holder_takes_a_booth_and_a_seat_and_sees_the_booth_accepted(
    open_page, live_server, alice, reviewer, offers
):
    exhibition, course = offers
    licence_holder(alice)
    family = logged_in(open_page, live_server, alice, PHONE)

    # The family finds the exhibitions in the menu, opens one and applies with its products.
    family.goto("/ar/")
    open_menu(family, PHONE)
    family.get_by_test_id("nav-exhibitions").click()
    family.wait_for_url("**/ar/exhibitions/")
    assert family.locator("html").get_attribute("dir") == "rtl"
    family.get_by_test_id("exhibition-card").filter(has_text="أيام الشارقة التراثية").click()
    family.wait_for_url(f"**/ar/exhibitions/{exhibition.pk}/")
    family.fill("#id_products", "خلطات العود والبخور في علب هدايا")
    family.get_by_test_id("apply").click()
    family.wait_for_url(f"**/ar/exhibitions/{exhibition.pk}/")
    assert TEXT["ar"]["applied"] in family.get_by_test_id("benefit-status").inner_text()
    shot(family, "benefits_journey_1_booth_applied", "ar", PHONE)

    # Then a course: a free seat, so it is enrolled.
    open_menu(family, PHONE)
    family.get_by_test_id("nav-courses").click()
    family.wait_for_url("**/ar/courses/")
    family.get_by_test_id("course-card").first.click()
    family.wait_for_url(f"**/ar/courses/{course.pk}/")
    family.get_by_test_id("enrol").click()
    family.wait_for_url(f"**/ar/courses/{course.pk}/")
    assert TEXT["ar"]["enrolled"] in family.get_by_test_id("benefit-status").inner_text()
    shot(family, "benefits_journey_2_enrolled", "ar", PHONE)
    assert Enrolment.objects.get(family__user=alice).status == EnrolmentStatus.ENROLLED

    # The reviewer, on a phone too, accepts the booth from the admin list with a bulk action and a message.
    staff = logged_in(open_page, live_server, reviewer, PHONE)
    staff.goto(f"/ar/admin/benefits/boothapplication/?exhibition__id__exact={exhibition.pk}&status__exact=applied")
    staff.locator("input[name=_selected_action]").first.check()
    staff.select_option("select[name=action]", "accept")
    staff.locator("button[name=index]").click()
    staff.get_by_test_id("step-form").wait_for(state="visible")
    staff.fill("#id_reason", "جناحكم رقم 12 قرب المدخل.")
    shot(staff, "benefits_journey_3_admin_accept", "ar", PHONE)
    staff.get_by_test_id("confirm-step").click()
    staff.wait_for_url(re.compile(r"/ar/admin/benefits/boothapplication/"))
    assert "نُقل طلب جناح واحد" in staff.locator(".messagelist").inner_text()
    assert BoothApplication.objects.get(family__user=alice).status == BoothStatus.ACCEPTED

    # The family sees it: on its account page, and under the bell with the reviewer's message.
    family.goto("/ar/account/")
    section = family.get_by_test_id("account-benefits")
    assert TEXT["ar"]["accepted"] in section.get_by_test_id("account-booths").inner_text()
    assert course.title_ar in section.get_by_test_id("account-courses").inner_text()
    section.scroll_into_view_if_needed()
    shot(family, "benefits_journey_4_account", "ar", PHONE)
    family.get_by_test_id("nav-bell").click()
    family.wait_for_url("**/ar/notifications/")
    assert "جناحكم رقم 12 قرب المدخل." in family.get_by_test_id("notifications").inner_text()


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_lists_a_detail_page_and_the_account_section_read_well_in_both_languages_and_widths(
    open_page, live_server, alice, offers, language, viewport
):
    exhibition, course = offers
    family = licence_holder(alice)
    services.course_enrol(course=course, family=family, actor=alice)
    page = logged_in(open_page, live_server, alice, viewport)
    page.goto(f"/{language}/exhibitions/")
    assert page.get_by_test_id("exhibition-card").count() == 2
    shot(page, "benefits_exhibitions", language, viewport)
    page.goto(f"/{language}/exhibitions/{exhibition.pk}/")
    assert page.get_by_test_id("apply-form").is_visible()
    shot(page, "benefits_exhibition_detail", language, viewport)
    page.goto(f"/{language}/courses/")
    shot(page, "benefits_courses", language, viewport)
    page.goto(f"/{language}/courses/{course.pk}/")
    assert TEXT[language]["enrolled"] in page.get_by_test_id("benefit-status").inner_text()
    shot(page, "benefits_course_detail", language, viewport)
    services.exhibition_apply(exhibition=exhibition, family=family, products="Oud", actor=alice)
    page.goto(f"/{language}/account/")
    page.get_by_test_id("account-benefits").scroll_into_view_if_needed()
    shot(page, "benefits_account", language, viewport)
