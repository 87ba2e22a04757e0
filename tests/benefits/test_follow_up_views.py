"""The incubation follow-up's pages: the family's timeline on its account page and on its own page, its answer to a
next step and its photo; the reviewers' admin (the file with its visits, goals and referrals, the list of next steps
due this week for their families, the count on the admin home). Another family gets a 404, staff notes reach no
family page, and pages cost the same queries for 5 visits and 50."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import dates, timezone, translation
from django.utils.formats import date_format

from benefits import services
from benefits.models import Contact, FollowUpFile, Goal, GoalProgress, Notice
from notifications.models import Notification
from tests.benefits.follow_up import ADVICE, NEXT_STEP, STAFF_NOTE, assign, contact_add, file_open
from tests.factories import UserFactory
from tests.licenses.factories import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"benefits:{name}", kwargs=kwargs)


def account(language="en"):
    with translation.override(language):
        return reverse("families:home")


@pytest.fixture
def followed(alice_family, reviewer):
    """Alice's project is followed: a visit with staff notes, advice and a next step due in three days, a goal."""
    file = file_open(alice_family, reviewer)
    contact = contact_add(file, reviewer)
    goal = services.goal_save(goal=Goal(file=file, title="Sell online"), actor=reviewer)
    goal.progress = 40
    services.goal_save(goal=goal, actor=reviewer, note="Instagram page made")
    return contact


def visits_make(family, reviewer, visits: int):
    """A file with `visits` visits and calls, each with a next step, and a goal with a few steps of progress."""
    file = file_open(family, reviewer)
    for number in range(visits):
        contact_add(file, reviewer, due_in=number % 7, notify_family=False)
    goal = services.goal_save(goal=Goal(file=file, title="Sell online"), actor=reviewer)
    for percent in range(10, 60, 10):
        goal.progress = percent
        services.goal_save(goal=goal, actor=reviewer)
    return file


def family_pages(client, contact, language):
    """Every page a family reads about its follow-up, and its notifications."""
    return [
        client.get(account(language)),
        client.get(url("follow_up", language)),
        client.get(url("next_step_answer", language, pk=contact.pk)),
        client.get(f"/{language}/notifications/"),
    ]


# The family's timeline


def test_the_family_sees_its_shared_timeline_on_its_account_page(client, alice, followed):
    client.force_login(alice)
    page = client.get(account()).content.decode()
    assert 'data-testid="account-follow-up"' in page
    assert ADVICE in page and NEXT_STEP in page and "Sell online" in page and "40% done" in page
    assert "Instagram page made" in page
    assert url("next_step_answer", pk=followed.pk) in page


def test_the_timeline_is_in_arabic_with_arabic_dates(client, alice, followed):
    client.force_login(alice)
    page = client.get(account("ar")).content.decode()
    with translation.override("ar"):
        arabic_due = date_format(followed.next_step_due_on, "DATE_FORMAT")
        arabic_month = str(dates.MONTHS[followed.next_step_due_on.month])
    assert "حضانة المشروعات ومتابعتها" in page
    assert arabic_due in page and arabic_month in arabic_due and re.search("[\u0621-\u064a]", arabic_month)


def test_staff_notes_reach_no_family_page_and_no_notification(client, alice, followed):
    client.force_login(alice)
    for language in ("ar", "en"):
        for response in family_pages(client, followed, language):
            assert response.status_code == 200
            html = response.content.decode()
            assert STAFF_NOTE not in html and "STAFF-ONLY" not in html
    bodies = [str(notification.context) for notification in Notification.objects.filter(recipient=alice)]
    assert bodies and not any("STAFF-ONLY" in body for body in bodies)


def test_a_family_the_centre_does_not_follow_sees_no_follow_up_section(client, charlie_family, followed):
    client.force_login(charlie_family.user)
    page = client.get(account()).content.decode()
    assert 'data-testid="account-follow-up"' not in page and NEXT_STEP not in page
    timeline = client.get(url("follow_up")).content.decode()
    assert NEXT_STEP not in timeline and ADVICE not in timeline


def test_the_whole_timeline_is_paginated(client, alice_family, reviewer):
    file = file_open(alice_family, reviewer)
    for number in range(25):
        contact_add(file, reviewer, advice=f"Advice number {number:02d}", due_in=None, notify_family=False)
    client.force_login(alice_family.user)
    first = client.get(url("follow_up")).content.decode()
    second = client.get(url("follow_up") + "?page=2").content.decode()
    assert first.count('data-testid="timeline-entry"') == 20
    assert second.count('data-testid="timeline-entry"') == 5


@pytest.mark.parametrize("visits", [5, 50])
def test_the_familys_pages_cost_the_same_queries_for_5_and_50_visits(
    client, alice_family, reviewer, visits, django_assert_max_num_queries
):
    visits_make(alice_family, reviewer, visits)
    client.force_login(alice_family.user)
    # The account page's own queries, then five for the follow-up (files, visits, goals, progress, referrals).
    with django_assert_max_num_queries(16):
        assert client.get(account()).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(url("follow_up")).status_code == 200


# The family's answer to a next step


def test_the_family_answers_a_next_step_with_a_note(client, alice, followed):
    client.force_login(alice)
    form = client.get(url("next_step_answer", pk=followed.pk)).content.decode()
    assert NEXT_STEP in form and STAFF_NOTE not in form
    response = client.post(url("next_step_answer", pk=followed.pk), {"note": "The shop is open."})
    assert response.status_code == 302 and response.url.endswith("#follow-up")
    followed.refresh_from_db()
    assert followed.answered_at is not None and followed.answer_note == "The shop is open."
    page = client.get(account()).content.decode()
    assert 'data-testid="step-done"' in page and "The shop is open." in page


def test_the_family_answers_with_a_photo_it_alone_and_staff_can_download(
    client, alice, charlie, reviewer, followed, documents_storage
):
    client.force_login(alice)
    photo = SimpleUploadedFile("shop.png", png_bytes(), content_type="image/png")
    assert client.post(url("next_step_answer", pk=followed.pk), {"note": "", "photo": photo}).status_code == 302
    photo_url = url("next_step_photo", pk=followed.pk)
    own = client.get(photo_url)
    assert own.status_code == 200 and own["Content-Type"] == "image/png"
    assert own["X-Content-Type-Options"] == "nosniff" and own["Cache-Control"] == "private, no-store"
    assert b"".join(own.streaming_content) == png_bytes()
    client.force_login(reviewer)
    assert client.get(photo_url).status_code == 200
    client.force_login(charlie)
    assert client.get(photo_url).status_code == 404
    client.logout()
    assert client.get(photo_url).status_code == 302


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("letter.pdf", pdf_bytes(), "The photo must be an image"),
        ("shop.png", pdf_bytes(), "does not match its name"),
        ("shop.exe", png_bytes(), "must end in"),
    ],
)
def test_a_photo_is_checked_like_the_documents(client, alice, followed, documents_storage, name, content, message):
    client.force_login(alice)
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post(url("next_step_answer", pk=followed.pk), {"note": "Done", "photo": upload})
    assert response.status_code == 200 and message in response.content.decode()
    followed.refresh_from_db()
    assert followed.answered_at is None and not followed.answer_photo


def test_an_oversized_photo_is_refused(client, alice, followed, documents_storage, settings):
    settings.DOCUMENT_MAX_BYTES = 50
    client.force_login(alice)
    upload = SimpleUploadedFile("shop.png", png_bytes(40, 40), content_type="image/png")
    response = client.post(url("next_step_answer", pk=followed.pk), {"photo": upload})
    assert "too large" in response.content.decode()
    followed.refresh_from_db()
    assert followed.answered_at is None


def test_an_empty_answer_is_refused(client, alice, followed):
    client.force_login(alice)
    response = client.post(url("next_step_answer", pk=followed.pk), {"note": " "})
    assert response.status_code == 200 and "Please add a note or a photo." in response.content.decode()


def test_another_family_gets_a_404_for_every_follow_up_page(client, charlie, followed):
    client.force_login(charlie)
    assert client.get(url("next_step_answer", pk=followed.pk)).status_code == 404
    assert client.post(url("next_step_answer", pk=followed.pk), {"note": "Done"}).status_code == 404
    assert client.get(url("next_step_photo", pk=followed.pk)).status_code == 404
    followed.refresh_from_db()
    assert followed.answered_at is None


def test_a_visit_without_a_next_step_has_nothing_to_answer(client, alice_family, reviewer):
    contact = contact_add(file_open(alice_family, reviewer), reviewer, due_in=None)
    client.force_login(alice_family.user)
    assert client.get(url("next_step_answer", pk=contact.pk)).status_code == 404


def test_visitors_log_in_and_staff_are_sent_to_the_admin(client, reviewer, followed):
    for name, kwargs in (("next_step_answer", {"pk": followed.pk}), ("follow_up", {})):
        response = client.get(url(name, **kwargs))
        assert response.status_code == 302 and "/login/" in response.url
    client.force_login(reviewer)
    response = client.get(url("next_step_answer", pk=followed.pk))
    assert response.status_code == 302 and response.url == reverse("admin:benefits_followupfile_changelist")


def test_wrong_methods_are_refused(client, alice, followed):
    client.force_login(alice)
    assert client.put(url("next_step_answer", pk=followed.pk)).status_code == 405
    assert client.post(url("follow_up")).status_code == 405
    assert client.post(url("next_step_photo", pk=followed.pk)).status_code == 405


def test_a_closed_file_takes_no_answer(client, alice, reviewer, followed):
    services.follow_up_file_close(file=followed.file, actor=reviewer)
    client.force_login(alice)
    form = client.get(url("next_step_answer", pk=followed.pk)).content.decode()
    assert 'data-testid="file-closed"' in form and 'data-testid="answer-form"' not in form
    client.post(url("next_step_answer", pk=followed.pk), {"note": "Done"})
    followed.refresh_from_db()
    assert followed.answered_at is None


# The reviewers' admin


def _inline_data(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{name}": value for name, value in row.items()})
    return data


def test_a_reviewer_opens_a_file_and_records_a_call_and_a_goal_on_its_page(client, alice_family, reviewer):
    client.force_login(reviewer)
    licence = alice_family.licences.get()
    response = client.post(reverse("admin:benefits_followupfile_add"), {"licence": licence.pk, "_save": "Save"})
    assert response.status_code == 302
    file = FollowUpFile.objects.get(licence=licence)
    assert file.opened_by == reviewer
    today = timezone.localdate().isoformat()
    due = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    call = {
        "file": file.pk,
        "id": "",
        "kind": "call",
        "happened_on": today,
        "staff_notes": STAFF_NOTE,
        "advice": ADVICE,
        "next_step": NEXT_STEP,
        "next_step_due_on": due,
    }
    goal = {"file": file.pk, "id": "", "title": "New product line", "agreed_on": today, "progress": "10"}
    goal["progress_note"] = "Recipes chosen"
    data = {
        **_inline_data("contacts", [call]),
        **_inline_data("goals", [goal]),
        **_inline_data("referrals", []),
        "_continue": "Save",
    }
    response = client.post(reverse("admin:benefits_followupfile_change", args=[file.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    contact = Contact.objects.get(file=file)
    assert (contact.kind, contact.staff_member, contact.staff_notes) == ("call", reviewer, STAFF_NOTE)
    assert GoalProgress.objects.get(goal__file=file).note == "Recipes chosen"
    notice = Notification.objects.get(recipient=alice_family.user)
    assert notice.kind == Notice.FOLLOW_UP_NEXT_STEP and "STAFF-ONLY" not in str(notice.context)
    page = client.get(reverse("admin:benefits_followupfile_change", args=[file.pk])).content.decode()
    assert STAFF_NOTE in page and "Staff only — never shown to the family" in page
    assert "staff-only" in page


def test_a_next_step_without_its_due_date_is_shown_on_the_form(client, alice_family, reviewer):
    file = file_open(alice_family, reviewer)
    client.force_login(reviewer)
    call = {"file": file.pk, "id": "", "kind": "call", "happened_on": timezone.localdate().isoformat()}
    call["next_step"] = "Sell online"
    data = {
        **_inline_data("contacts", [call]),
        **_inline_data("goals", []),
        **_inline_data("referrals", []),
    }
    response = client.post(reverse("admin:benefits_followupfile_change", args=[file.pk]), data)
    assert response.status_code == 200 and "A next step needs its due date." in response.content.decode()
    assert not Contact.objects.exists()


def test_opening_a_file_for_an_expired_licence_is_refused_in_the_admin(client, alice_family, reviewer):
    licence = alice_family.licences.get()
    type(licence).objects.filter(pk=licence.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=5))
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:benefits_followupfile_add"), {"licence": licence.pk, "_save": "Save"}, follow=True
    )
    assert "Only licence holders have a follow-up file" in response.content.decode()
    assert not FollowUpFile.objects.exists()


def test_a_reviewer_filters_the_next_steps_of_their_families_due_this_week(
    client, alice_family, charlie_family, reviewer, manager
):
    alice_file = file_open(alice_family, reviewer)
    mine = contact_add(alice_file, reviewer, due_in=0, next_step="Alice's step due today")
    contact_add(alice_file, reviewer, due_in=-1, next_step="Alice's overdue step")
    contact_add(file_open(charlie_family, reviewer), reviewer, due_in=0, next_step="Charlie's step due today")
    assign(alice_family, reviewer)
    assign(charlie_family, manager)
    client.force_login(reviewer)
    response = client.get(reverse("admin:benefits_contact_changelist") + "?due=week&mine=yes")
    assert list(response.context["cl"].result_list) == [mine]
    overdue = client.get(reverse("admin:benefits_contact_changelist") + "?due=overdue&mine=yes")
    assert [row.next_step for row in overdue.context["cl"].result_list] == ["Alice's overdue step"]
    everybody = client.get(reverse("admin:benefits_contact_changelist") + "?due=week")
    assert everybody.context["cl"].result_count == 2
    home = client.get(reverse("admin:index")).content.decode()
    assert "Follow-up: 1 next step of my families due this week" in home and "1 overdue" in home


def test_the_admin_home_shows_no_follow_up_count_to_a_family_or_staff_outside_the_reviewers(client, alice_family):
    clerk = UserFactory(email="clerk@intaj.example.ae", is_staff=True)
    client.force_login(clerk)
    home = client.get(reverse("admin:index")).content.decode()
    assert 'data-testid="admin-follow-up-steps"' not in home
    client.force_login(alice_family.user)
    assert client.get(reverse("admin:benefits_contact_changelist")).status_code == 302


@pytest.mark.parametrize("visits", [5, 50])
def test_the_admin_pages_cost_the_same_queries_for_5_and_50_visits(
    client, alice_family, reviewer, visits, django_assert_max_num_queries
):
    file = visits_make(alice_family, reviewer, visits)
    assign(alice_family, reviewer)
    client.force_login(reviewer)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("admin:benefits_contact_changelist") + "?due=week&mine=yes").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("admin:benefits_followupfile_changelist")).status_code == 200
    with django_assert_max_num_queries(17):
        assert client.get(reverse("admin:benefits_followupfile_change", args=[file.pk])).status_code == 200


def test_the_follow_up_admin_pages_open_in_both_languages(client, reviewer, manager, followed):
    for user in (reviewer, manager):
        client.force_login(user)
        for language in ("ar", "en"):
            for model in ("followupfile", "contact", "partner"):
                assert client.get(f"/{language}/admin/benefits/{model}/").status_code == 200
            page = f"/{language}/admin/benefits/followupfile/{followed.file_id}/change/"
            assert client.get(page).status_code == 200
            assert client.get(f"/{language}/admin/benefits/contact/{followed.pk}/change/").status_code == 200


def test_a_reviewer_closes_and_reopens_files_with_the_admin_actions(client, alice_family, charlie_family, reviewer):
    files = [file_open(alice_family, reviewer), file_open(charlie_family, reviewer)]
    services.follow_up_file_close(file=files[1], actor=reviewer)
    client.force_login(reviewer)
    changelist = reverse("admin:benefits_followupfile_changelist")
    selected = [str(file.pk) for file in files]
    response = client.post(changelist, {"action": "close_files", "_selected_action": selected}, follow=True)
    page = response.content.decode()
    assert "1 file closed." in page and "already closed" in page
    assert not FollowUpFile.objects.filter(closed_on__isnull=True).exists()
    client.post(changelist, {"action": "reopen_files", "_selected_action": selected})
    assert FollowUpFile.objects.filter(closed_on__isnull=True).count() == 2
