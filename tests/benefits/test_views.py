"""The benefits' pages: anybody reads the lists and detail pages; a family applies, enrols, withdraws and cancels
from them and sees why it cannot; another family's booth application or enrolment is a 404; staff are sent to the
admin; wrong methods are refused; the lists cost the same queries for 5 rows and 1,000."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from benefits import services
from benefits.models import BoothApplication, BoothStatus, Enrolment, EnrolmentStatus, Exhibition
from tests.benefits.factories import course_make, courses_bulk, exhibition_make, exhibitions_bulk, move
from tests.licenses.factories import png_bytes

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"benefits:{name}", kwargs=kwargs)


def apply(family, exhibition):
    return services.exhibition_apply(exhibition=exhibition, family=family, products="Oud", actor=family.user)


def enrol(family, course):
    return services.course_enrol(course=course, family=family, actor=family.user)


# The public pages


def test_anybody_reads_the_upcoming_and_past_exhibitions(client):
    coming = exhibition_make(name="Coming soon")
    past = exhibition_make(name="Last spring")
    Exhibition.objects.filter(pk=past.pk).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=40),
        ends_on=timezone.localdate() - datetime.timedelta(days=38),
        application_deadline=timezone.localdate() - datetime.timedelta(days=50),
    )
    exhibition_make(name="Not announced", is_published=False)
    upcoming_page = client.get(url("exhibition_list")).content.decode()
    assert "Coming soon" in upcoming_page and "Last spring" not in upcoming_page
    assert "Not announced" not in upcoming_page
    assert "2 booths left" in upcoming_page
    past_page = client.get(url("exhibition_list_past")).content.decode()
    assert "Last spring" in past_page and "Coming soon" not in past_page
    assert client.get(url("exhibition_detail", pk=coming.pk)).status_code == 200


def test_anybody_reads_the_courses(client):
    course = course_make(title="Food safety at home")
    page = client.get(url("course_list")).content.decode()
    assert "Food safety at home" in page and "2 seats left" in page
    detail = client.get(url("course_detail", pk=course.pk)).content.decode()
    assert "Log in to enrol" in detail
    assert "10:00–12:00" in detail


@pytest.mark.parametrize("name", ["exhibition_detail", "course_detail"])
def test_an_unpublished_exhibition_or_course_is_not_found(client, name):
    row = exhibition_make(is_published=False) if name == "exhibition_detail" else course_make(is_published=False)
    assert client.get(url(name, pk=row.pk)).status_code == 404


def test_a_visitor_is_asked_to_log_in_to_apply(client):
    exhibition = exhibition_make()
    page = client.get(url("exhibition_detail", pk=exhibition.pk)).content.decode()
    assert "Log in to apply" in page
    response = client.post(url("exhibition_apply", pk=exhibition.pk), {"products": "Oud"})
    assert response.status_code == 302 and "/account/login/" in response["Location"]


@pytest.mark.parametrize("name", ["exhibition_list", "exhibition_list_past", "course_list", "course_list_past"])
def test_the_lists_refuse_post(client, name):
    assert client.post(url(name)).status_code == 405


def test_the_nav_links_to_the_exhibitions_and_courses(client):
    page = client.get("/ar/").content.decode()
    assert url("exhibition_list", "ar") in page and url("course_list", "ar") in page


# Applying for a booth


def test_a_licence_holder_applies_from_the_detail_page_and_sees_the_answer(client, alice, alice_family):
    exhibition = exhibition_make()
    client.force_login(alice)
    page = client.get(url("exhibition_detail", pk=exhibition.pk)).content.decode()
    assert 'data-testid="apply-form"' in page
    response = client.post(url("exhibition_apply", pk=exhibition.pk), {"products": "Oud and bukhoor"})
    assert response.status_code == 302
    application = BoothApplication.objects.get(family=alice_family)
    assert application.products == "Oud and bukhoor"
    page = client.get(url("exhibition_detail", pk=exhibition.pk)).content.decode()
    assert 'data-status="applied"' in page and "apply-form" not in page
    assert url("booth_withdraw", pk=application.pk) in page


def test_a_family_without_a_licence_sees_why_and_is_refused(client, charlie):
    from tests.licenses.conftest import eligible_family

    eligible_family(charlie)
    exhibition = exhibition_make()
    client.force_login(charlie)
    page = client.get(url("exhibition_detail", pk=exhibition.pk)).content.decode()
    assert 'data-code="no_licence"' in page and "apply-form" not in page
    response = client.post(url("exhibition_apply", pk=exhibition.pk), {"products": "Oud"})
    assert response.status_code == 200
    assert "Only families holding an Etimad licence can take part." in response.content.decode()
    assert not BoothApplication.objects.exists()


def test_a_family_without_a_profile_is_sent_to_complete_it(client, charlie):
    client.force_login(charlie)
    exhibition = exhibition_make()
    assert 'data-code="profile_missing"' in client.get(url("exhibition_detail", pk=exhibition.pk)).content.decode()
    response = client.post(url("exhibition_apply", pk=exhibition.pk), {"products": "Oud"})
    assert response["Location"].endswith("/account/profile/")


def test_the_products_are_required_on_the_form(client, alice, alice_family):
    exhibition = exhibition_make()
    client.force_login(alice)
    response = client.post(url("exhibition_apply", pk=exhibition.pk), {"products": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["products"]


def test_staff_are_sent_to_the_admin_list(client, reviewer):
    client.force_login(reviewer)
    exhibition = exhibition_make()
    response = client.post(url("exhibition_apply", pk=exhibition.pk), {"products": "Oud"})
    assert response["Location"] == reverse("admin:benefits_boothapplication_changelist")


def test_apply_refuses_get(client, alice, alice_family):
    client.force_login(alice)
    assert client.get(url("exhibition_apply", pk=exhibition_make().pk)).status_code == 405


def test_alice_withdraws_and_charlie_cannot_see_her_application(client, alice, alice_family, charlie):
    application = apply(alice_family, exhibition_make())
    client.force_login(charlie)
    assert client.get(url("booth_withdraw", pk=application.pk)).status_code == 404
    assert client.post(url("booth_withdraw", pk=application.pk)).status_code == 404
    client.force_login(alice)
    assert client.get(url("booth_withdraw", pk=application.pk)).status_code == 200
    response = client.post(url("booth_withdraw", pk=application.pk))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == BoothStatus.WITHDRAWN


# Enrolling


def test_a_family_enrols_then_cancels(client, alice, alice_family):
    course = course_make(seats=1)
    client.force_login(alice)
    assert 'data-testid="enrol-form"' in client.get(url("course_detail", pk=course.pk)).content.decode()
    assert client.post(url("course_enrol", pk=course.pk)).status_code == 302
    enrolment = Enrolment.objects.get(family=alice_family)
    assert enrolment.status == EnrolmentStatus.ENROLLED
    page = client.get(url("course_detail", pk=course.pk)).content.decode()
    assert 'data-status="enrolled"' in page and url("enrolment_cancel", pk=enrolment.pk) in page
    client.post(url("enrolment_cancel", pk=enrolment.pk))
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED


def test_a_full_course_offers_the_waiting_list(client, alice, alice_family, charlie_family):
    course = course_make(seats=1)
    enrol(charlie_family, course)
    client.force_login(alice)
    page = client.get(url("course_detail", pk=course.pk)).content.decode()
    assert "Join the waiting list" in page
    client.post(url("course_enrol", pk=course.pk))
    page = client.get(url("course_detail", pk=course.pk)).content.decode()
    assert 'data-status="waitlisted"' in page and "place 1 on the list" in page


def test_the_online_link_is_given_to_enrolled_families_only(client, alice, alice_family):
    course = course_make(online=True)
    assert "meet.example.ae" not in client.get(url("course_detail", pk=course.pk)).content.decode()
    client.force_login(alice)
    enrol(alice_family, course)
    assert "meet.example.ae" in client.get(url("course_detail", pk=course.pk)).content.decode()


def test_charlie_cannot_cancel_alices_enrolment_or_open_her_letter(client, alice_family, charlie):
    enrolment = enrol(alice_family, course_make())
    client.force_login(charlie)
    assert client.get(url("enrolment_cancel", pk=enrolment.pk)).status_code == 404
    assert client.post(url("enrolment_cancel", pk=enrolment.pk)).status_code == 404
    assert client.get(url("completion_letter", pk=enrolment.pk)).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_the_letter_is_there_once_every_session_was_attended(client, alice, alice_family, reviewer):
    course = course_make(sessions=1)
    enrolment = enrol(alice_family, course)
    client.force_login(alice)
    assert client.get(url("completion_letter", pk=enrolment.pk)).status_code == 404
    move(course, days=-20)
    services.session_attendance_record(session=course.sessions.get(), present=[enrolment.pk], actor=reviewer)
    response = client.get(url("completion_letter", pk=enrolment.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert alice_family.full_name_en in page and course.title_en in page
    assert "<script>" not in page.replace('<script src="', "")


# The account page


@pytest.mark.parametrize("count", [1, 20])
def test_the_account_page_lists_the_familys_booths_and_courses_in_two_queries(
    client, alice, alice_family, count, django_assert_max_num_queries
):
    for number in range(count):
        apply(alice_family, exhibition_make(name=f"Winter market {number}"))
        enrol(alice_family, course_make(title=f"Photographing products {number}"))
    client.force_login(alice)
    with django_assert_max_num_queries(ACCOUNT_PAGE) as queries:
        response = client.get("/en/account/")
    print(f"account page, {count} booth applications and enrolments: {len(queries)} queries")
    page = response.content.decode()
    assert "Winter market 0" in page and "Photographing products 0" in page
    assert page.count('data-testid="benefit-status"') == 2 * count


# The cover image


def test_a_published_cover_is_served_as_an_image_that_runs_nothing(client, manager):
    exhibition = exhibition_make()
    exhibition.cover.save("cover.png", ContentFile(png_bytes()), save=False)
    exhibition.cover_content_type = "image/png"
    exhibition.save()
    response = client.get(url("exhibition_cover", pk=exhibition.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == png_bytes()
    Exhibition.objects.filter(pk=exhibition.pk).update(is_published=False)
    assert client.get(url("exhibition_cover", pk=exhibition.pk)).status_code == 404
    client.force_login(manager)
    assert client.get(url("exhibition_cover", pk=exhibition.pk)).status_code == 200


def test_an_exhibition_without_a_cover_has_none(client):
    assert client.get(url("exhibition_cover", pk=exhibition_make().pk)).status_code == 404


# Speed


def _exhibitions(count):
    today = timezone.localdate()
    exhibitions_bulk([today + datetime.timedelta(days=10 + number % 300) for number in range(count)])


def _courses(count):
    now = timezone.now()
    courses_bulk([now + datetime.timedelta(days=5 + number % 300) for number in range(count)])


# A family: its session, user, unread notifications; the count, the page with its places left, its packages.
# A visitor on the courses: the count and the page with its places left and sessions.
EXHIBITION_LIST = 6
# The families app's page with the licences' and the benefits' parts (tests/families/test_views.py).
ACCOUNT_PAGE = 12
COURSE_LIST = 2


@pytest.mark.parametrize("count", [5, 1000])
def test_the_exhibition_list_costs_the_same_for_5_and_1000(
    client, alice, alice_family, count, django_assert_max_num_queries
):
    _exhibitions(count)
    client.force_login(alice)
    with django_assert_max_num_queries(EXHIBITION_LIST) as queries:
        response = client.get(url("exhibition_list"))
    print(f"exhibition list, {count} exhibitions: {len(queries)} queries")
    assert len(response.context["page"].object_list) == min(count, 12)


@pytest.mark.parametrize("count", [5, 1000])
def test_the_course_list_costs_the_same_for_5_and_1000(client, count, django_assert_max_num_queries):
    _courses(count)
    with django_assert_max_num_queries(COURSE_LIST) as queries:
        response = client.get(url("course_list"))
    print(f"course list, {count} courses: {len(queries)} queries")
    assert len(response.context["page"].object_list) == min(count, 12)
