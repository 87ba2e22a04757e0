"""The benefits in the admin: managers publish, reviewers decide (one by one and in bulk, with a reason), keep the
registers and record who came; families see nothing of it."""

import datetime

import pytest
from django.contrib.admin import helpers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from benefits import services
from benefits.models import BoothApplication, BoothStatus, Course, Enrolment, EnrolmentStatus, Exhibition
from notifications.models import Notification
from tests.benefits.conftest import licence_holder
from tests.benefits.factories import course_make, exhibition_make, move
from tests.licenses.factories import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

ADMIN = "/en/admin/benefits"


def apply(family, exhibition):
    return services.exhibition_apply(exhibition=exhibition, family=family, products="Oud", actor=family.user)


def exhibition_form(**changes):
    today = timezone.localdate()
    data = {
        "name_ar": "معرض الشتاء",
        "name_en": "Winter market",
        "description_ar": "وصف",
        "description_en": "A market.",
        "venue_ar": "الشارقة",
        "venue_en": "Sharjah",
        "starts_on": (today + datetime.timedelta(days=30)).isoformat(),
        "ends_on": (today + datetime.timedelta(days=32)).isoformat(),
        "application_deadline": (today + datetime.timedelta(days=20)).isoformat(),
        "booths": "3",
        "is_published": "on",
    }
    return {**data, **changes}


# Publishing


def test_a_manager_publishes_an_exhibition_with_a_cover(client, manager):
    client.force_login(manager)
    cover = SimpleUploadedFile("poster.png", png_bytes(), content_type="image/png")
    response = client.post(f"{ADMIN}/exhibition/add/", exhibition_form(cover=cover))
    assert response.status_code == 302, response.context["adminform"].form.errors
    exhibition = Exhibition.objects.get()
    assert (exhibition.name_en, exhibition.booths, exhibition.cover_content_type) == ("Winter market", 3, "image/png")


def test_a_cover_that_is_not_an_image_is_refused_on_the_form(client, manager):
    client.force_login(manager)
    cover = SimpleUploadedFile("poster.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(f"{ADMIN}/exhibition/add/", exhibition_form(cover=cover))
    assert response.status_code == 200
    assert "cover" in response.context["adminform"].form.errors
    assert not Exhibition.objects.exists()


def test_dates_out_of_order_are_refused_on_the_form(client, manager):
    client.force_login(manager)
    today = timezone.localdate()
    response = client.post(
        f"{ADMIN}/exhibition/add/",
        exhibition_form(application_deadline=(today + datetime.timedelta(days=40)).isoformat()),
    )
    assert "application_deadline" in response.context["adminform"].form.errors


def test_fewer_booths_than_families_accepted_is_refused_and_nothing_is_saved(client, manager, reviewer):
    exhibition = exhibition_make(booths=2)
    for _ in range(2):
        services.booth_application_transition(
            booth_application=apply(licence_holder(), exhibition), to_status=BoothStatus.ACCEPTED, actor=reviewer
        )
    client.force_login(manager)
    data = exhibition_form(
        starts_on=exhibition.starts_on.isoformat(),
        ends_on=exhibition.ends_on.isoformat(),
        application_deadline=exhibition.application_deadline.isoformat(),
        booths="1",
        name_en="Renamed",
    )
    response = client.post(f"{ADMIN}/exhibition/{exhibition.pk}/change/", data, follow=True)
    assert "Booths already given to families: 2" in response.content.decode()
    exhibition.refresh_from_db()
    assert (exhibition.booths, exhibition.name_en) == (2, "Sharjah Heritage Days")


def test_reviewers_cannot_publish(client, reviewer):
    client.force_login(reviewer)
    assert client.get(f"{ADMIN}/exhibition/add/").status_code == 403
    assert client.get(f"{ADMIN}/exhibition/").status_code == 200


def test_a_manager_publishes_a_course_with_its_sessions(client, manager):
    client.force_login(manager)
    day = timezone.localdate() + datetime.timedelta(days=14)
    data = {
        "title_ar": "التسويق الإلكتروني",
        "title_en": "Selling online",
        "description_ar": "وصف",
        "description_en": "How to sell online.",
        "audience": "families",
        "place_ar": "مركز إنتاج",
        "place_en": "Intaj centre",
        "seats": "20",
        "is_published": "on",
        "sessions-TOTAL_FORMS": "2",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-starts_at_0": day.isoformat(),
        "sessions-0-starts_at_1": "10:00",
        "sessions-0-ends_at_0": day.isoformat(),
        "sessions-0-ends_at_1": "12:00",
        "sessions-1-starts_at_0": (day + datetime.timedelta(days=7)).isoformat(),
        "sessions-1-starts_at_1": "10:00",
        "sessions-1-ends_at_0": (day + datetime.timedelta(days=7)).isoformat(),
        "sessions-1-ends_at_1": "12:00",
    }
    response = client.post(f"{ADMIN}/course/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    course = Course.objects.get()
    assert timezone.localtime(course.starts_at).date() == day
    assert timezone.localtime(course.ends_at).date() == day + datetime.timedelta(days=7)


def test_a_course_is_published_only_with_a_place_or_a_link(client, manager):
    client.force_login(manager)
    data = {
        "title_ar": "دورة",
        "title_en": "Course",
        "description_ar": "-",
        "description_en": "-",
        "audience": "families",
        "seats": "5",
        "is_published": "on",
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    response = client.post(f"{ADMIN}/course/add/", data)
    assert "place_ar" in response.context["adminform"].form.errors


# Deciding


@pytest.fixture
def applications(reviewer):
    """Three applications to a two-booth exhibition, in the order the families applied."""
    exhibition = exhibition_make(booths=2)
    return [apply(licence_holder(), exhibition) for _ in range(3)]


def test_a_reviewer_accepts_one_application_from_its_page(client, reviewer, applications):
    client.force_login(reviewer)
    application = applications[0]
    page = client.get(f"{ADMIN}/boothapplication/{application.pk}/change/").content.decode()
    assert f"/step/{BoothStatus.ACCEPTED}/" in page
    response = client.post(f"{ADMIN}/boothapplication/{application.pk}/step/accepted/", {"notify_family": "on"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == BoothStatus.ACCEPTED


def test_declining_from_its_page_needs_a_reason(client, reviewer, applications):
    client.force_login(reviewer)
    step = f"{ADMIN}/boothapplication/{applications[0].pk}/step/declined/"
    response = client.post(step, {"reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    client.post(step, {"reason": "Not crafts.", "notify_family": "on"})
    applications[0].refresh_from_db()
    assert applications[0].status == BoothStatus.DECLINED


def test_a_bulk_acceptance_asks_for_a_message_then_accepts_in_order_and_reports_the_one_refused(
    client, reviewer, applications
):
    client.force_login(reviewer)
    selected = {"action": "accept", helpers.ACTION_CHECKBOX_NAME: [a.pk for a in applications]}
    page = client.post(f"{ADMIN}/boothapplication/", selected)
    assert page.status_code == 200 and 'data-testid="step-form"' in page.content.decode()
    assert not BoothApplication.objects.filter(status=BoothStatus.ACCEPTED).exists()
    response = client.post(
        f"{ADMIN}/boothapplication/",
        {**selected, "confirm": "1", "reason": "Welcome!", "notify_family": "on"},
        follow=True,
    )
    text = response.content.decode()
    assert "2 booth applications moved to “Accepted”." in text
    assert "Every booth of this exhibition is taken" in text
    statuses = [BoothApplication.objects.get(pk=a.pk).status for a in applications]
    assert statuses == [BoothStatus.ACCEPTED, BoothStatus.ACCEPTED, BoothStatus.APPLIED]
    assert Notification.objects.filter(context__message="Welcome!").count() == 2


def test_a_bulk_decline_without_a_reason_declines_nobody(client, reviewer, applications):
    client.force_login(reviewer)
    selected = {"action": "decline", helpers.ACTION_CHECKBOX_NAME: [a.pk for a in applications], "confirm": "1"}
    response = client.post(f"{ADMIN}/boothapplication/", {**selected, "reason": ""})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    assert not BoothApplication.objects.filter(status=BoothStatus.DECLINED).exists()


def test_families_and_staff_without_the_permission_cannot_decide(client, alice, alice_family, applications):
    client.force_login(alice)
    assert client.get(f"{ADMIN}/boothapplication/").status_code == 302
    assert client.post(f"{ADMIN}/boothapplication/{applications[0].pk}/step/accepted/").status_code == 302
    applications[0].refresh_from_db()
    assert applications[0].status == BoothStatus.APPLIED


def test_the_booth_list_filters_as_the_dashboard_links(client, reviewer, applications):
    services.booth_application_transition(
        booth_application=applications[0], to_status=BoothStatus.ACCEPTED, actor=reviewer
    )
    client.force_login(reviewer)
    response = client.get(f"{ADMIN}/boothapplication/", {"status__exact": "accepted"})
    assert response.context["cl"].result_count == 1
    # Not held yet: it opens in 20 days.
    today = timezone.localdate()
    response = client.get(f"{ADMIN}/boothapplication/", {"held_from": today.replace(month=1, day=1), "held_to": today})
    assert response.context["cl"].result_count == 0


# Attendance


def test_a_reviewer_records_who_came_and_their_sales(client, reviewer, alice_family):
    exhibition = exhibition_make(starts_in=2, deadline_in=1)
    application = services.booth_application_transition(
        booth_application=apply(alice_family, exhibition), to_status=BoothStatus.ACCEPTED, actor=reviewer
    )
    Exhibition.objects.filter(pk=exhibition.pk).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=3),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
        application_deadline=timezone.localdate() - datetime.timedelta(days=10),
    )
    client.force_login(reviewer)
    response = client.post(
        f"{ADMIN}/boothapplication/{application.pk}/attendance/", {"attended": "yes", "sales": "900.00"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.attended, str(application.sales_reported)) == (True, "900.00")


def test_a_reviewer_keeps_a_sessions_register(client, reviewer, alice_family, charlie_family):
    course = course_make(sessions=1)
    alice = services.course_enrol(course=course, family=alice_family, actor=alice_family.user)
    services.course_enrol(course=course, family=charlie_family, actor=charlie_family.user)
    move(course, days=-20)
    session = course.sessions.get()
    client.force_login(reviewer)
    register = f"{ADMIN}/course/{course.pk}/sessions/{session.pk}/register/"
    page = client.get(register)
    assert page.status_code == 200 and alice_family.full_name_en in page.content.decode()
    assert client.post(register, {"present": [alice.pk]}).status_code == 302
    statuses = dict(Enrolment.objects.values_list("family_id", "status"))
    assert statuses == {alice_family.pk: EnrolmentStatus.ATTENDED, charlie_family.pk: EnrolmentStatus.ENROLLED}


@pytest.mark.parametrize("model", ["exhibition", "course", "boothapplication", "enrolment"])
def test_every_list_opens_for_reviewers_in_both_languages(client, reviewer, applications, model):
    client.force_login(reviewer)
    for language in ("ar", "en"):
        assert client.get(f"/{language}/admin/benefits/{model}/").status_code == 200


def test_reviewers_decide_and_keep_registers_and_managers_also_publish():
    from django.contrib.auth.models import Group

    def permissions_of(name):
        group = Group.objects.get(name=name)
        return set(group.permissions.filter(content_type__app_label="benefits").values_list("codename", flat=True))

    reviewers, managers = permissions_of("Reviewers"), permissions_of("Managers")
    assert {"decide_boothapplication", "record_booth_attendance", "record_course_attendance"} <= reviewers
    # Reviewers write only the incubation follow-up (its files, visits and calls, goals and referrals).
    follow_up = {"followupfile", "contact", "goal", "referral"}
    writes = {perm for perm in reviewers if perm.startswith(("add_", "change_", "delete_"))}
    assert writes == {f"{verb}_{model}" for verb in ("add", "change") for model in follow_up}
    assert {"add_exhibition", "change_exhibition", "add_course", "change_course"} <= managers
    # Nobody edits a booth application or an enrolment as a field: the admin offers the processes' steps.
    assert not {"change_boothapplication", "change_enrolment", "delete_exhibition"} & (reviewers | managers)


@pytest.mark.parametrize("count", [5, 50])
def test_the_admin_lists_cost_the_same_for_5_and_50_rows(client, reviewer, count, django_assert_max_num_queries):
    exhibition = exhibition_make(booths=count)
    course = course_make(seats=count)
    for _ in range(count):
        family = licence_holder()
        apply(family, exhibition)
        services.course_enrol(course=course, family=family, actor=family.user)
    client.force_login(reviewer)
    for model in ("exhibition", "course", "boothapplication", "enrolment"):
        with django_assert_max_num_queries(ADMIN_LIST) as queries:
            response = client.get(f"{ADMIN}/{model}/")
        assert response.context["cl"].result_count >= 1
        print(f"admin {model} list, {count} rows: {len(queries)} queries")


# The session, the user and its permissions, the count, the page, the filters' choices (exhibitions, courses,
# packages), the notifications badge.
ADMIN_LIST = 12
