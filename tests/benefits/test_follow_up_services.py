"""The incubation follow-up's rules: who may have a file and who writes in it, next steps due and overdue by the
local date, the family's answer, what the family is told (never the staff notes), and the staff digest."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from benefits import services
from benefits.exceptions import ActorNotAllowed, BenefitError
from benefits.models import Contact, FollowUpFile, Goal, GoalProgress, Notice, Partner, Referral
from benefits.selectors import follow_up
from licenses.models import Licence, Status
from licenses.models import Notice as LicensingNotice
from licenses.services import overdue_digest_send
from notifications.messages import email_render, notification_render
from notifications.models import Notification
from tests.benefits.follow_up import ADVICE, NEXT_STEP, STAFF_NOTE, assign, contact_add, file_open
from tests.factories import UserFactory
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import complete_application, png_bytes

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 12, 7)


def expire(family, *, days_ago: int = 10) -> Licence:
    licence = family.licences.get()
    Licence.objects.filter(pk=licence.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=days_ago))
    licence.refresh_from_db()
    return licence


# Who may have a file, and who writes in it


def test_a_licence_holder_gets_one_file_opened_by_a_reviewer(alice_family, reviewer):
    file = file_open(alice_family, reviewer)
    assert file.is_open and file.opened_by == reviewer and file.licence.family == alice_family
    with pytest.raises(BenefitError) as refused:
        file_open(alice_family, reviewer)
    assert refused.value.code == "file_already_open"


def test_an_expired_licence_gets_no_file(alice_family, reviewer):
    expire(alice_family)
    with pytest.raises(BenefitError) as refused:
        file_open(alice_family, reviewer)
    assert refused.value.code == "not_a_licence_holder"
    assert not FollowUpFile.objects.exists()


def test_an_expired_licence_being_renewed_gets_a_file(alice_family, reviewer):
    licence = expire(alice_family)
    complete_application(family=alice_family, status=Status.SUBMITTED, kind="renewal", renews=licence)
    assert file_open(alice_family, reviewer).licence == licence


def test_a_draft_renewal_is_not_being_renewed(alice_family, reviewer):
    licence = expire(alice_family)
    complete_application(family=alice_family, status=Status.DRAFT, kind="renewal", renews=licence)
    assert not follow_up.follow_up_licence_allowed(licence=licence, today=timezone.localdate())


def test_a_family_without_a_licence_has_no_licence_to_open_a_file_for(alice, reviewer):
    family = eligible_family(alice)
    assert not family.licences.exists()
    assert not Licence.objects.filter(follow_up.follow_up_licence_q(today=timezone.localdate())).exists()


def test_families_and_staff_outside_the_reviewers_cannot_write(alice_family, reviewer):
    with pytest.raises(ActorNotAllowed):
        file_open(alice_family, alice_family.user)
    outsider = UserFactory(email="clerk@intaj.example.ae", is_staff=True)
    with pytest.raises(ActorNotAllowed):
        file_open(alice_family, outsider)
    file = file_open(alice_family, reviewer)
    with pytest.raises(ActorNotAllowed):
        contact_add(file, alice_family.user)


def test_a_closed_file_takes_no_new_visit_until_it_is_reopened(alice_family, reviewer):
    file = file_open(alice_family, reviewer)
    services.follow_up_file_close(file=file, actor=reviewer)
    with pytest.raises(BenefitError) as refused:
        contact_add(file, reviewer)
    assert refused.value.code == "file_closed"
    reopened = file_open(alice_family, reviewer)
    assert reopened.pk == file.pk and reopened.is_open
    assert contact_add(reopened, reviewer).pk


def test_no_visit_is_recorded_once_the_licence_has_lapsed(alice_family, reviewer):
    file = file_open(alice_family, reviewer)
    expire(alice_family)
    with pytest.raises(BenefitError) as refused:
        contact_add(file, reviewer)
    assert refused.value.code == "not_a_licence_holder"


def test_a_next_step_needs_its_due_date(alice_family, reviewer):
    file = file_open(alice_family, reviewer)
    contact = Contact(file=file, happened_on=timezone.localdate(), next_step="Sell online")
    with pytest.raises(BenefitError) as refused:
        services.contact_save(contact=contact, actor=reviewer)
    assert refused.value.code == "due_date_missing"


def test_the_visit_is_recorded_against_the_reviewer_who_writes_it(alice_family, reviewer):
    contact = contact_add(file_open(alice_family, reviewer), reviewer)
    assert contact.staff_member == reviewer
    assert contact.history.first().history_type == "+"


# What the family is told: the shared part, never the staff notes


def test_a_new_next_step_tells_the_family_with_the_advice_and_never_the_staff_notes(alice_family, reviewer):
    contact_add(file_open(alice_family, reviewer), reviewer)
    notification = Notification.objects.get(recipient=alice_family.user)
    assert notification.kind == Notice.FOLLOW_UP_NEXT_STEP
    assert notification.context["next_step"] == NEXT_STEP and notification.context["message"] == ADVICE
    assert STAFF_NOTE not in str(notification.context)
    for language in ("ar", "en"):
        notification.language = language
        message = notification_render(notification)
        subject, text, html = email_render(notification)
        rendered = " ".join([message.subject, message.body, message.staff_message, subject, text, html])
        assert NEXT_STEP in rendered and ADVICE in rendered
        assert STAFF_NOTE not in rendered and "STAFF-ONLY" not in rendered


def test_the_e_mails_the_family_receives_never_hold_the_staff_notes(
    alice_family, reviewer, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contact = contact_add(file_open(alice_family, reviewer), reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        contact.staff_notes = "STAFF-ONLY: second thoughts"
        contact.advice = "Price the small boxes at 45 dirhams."
        services.contact_save(contact=contact, actor=reviewer)
    assert len(mail.outbox) == 2
    for email in mail.outbox:
        html = "".join(str(content) for content, _type in getattr(email, "alternatives", []))
        assert "STAFF-ONLY" not in email.subject + email.body + html
    assert "45 dirhams" in mail.outbox[1].body


def test_advice_alone_is_its_own_notice_and_a_staff_note_alone_tells_nobody(alice_family, reviewer):
    file = file_open(alice_family, reviewer)
    contact = contact_add(file, reviewer, due_in=None)
    assert Notification.objects.get(recipient=alice_family.user).kind == Notice.FOLLOW_UP_ADVICE
    contact.staff_notes = "STAFF-ONLY: corrected"
    services.contact_save(contact=contact, actor=reviewer)
    contact_add(file, reviewer, advice="", due_in=None)
    assert Notification.objects.filter(recipient=alice_family.user).count() == 1


def test_an_answered_next_step_is_not_rewritten(alice_family, reviewer):
    contact = contact_add(file_open(alice_family, reviewer), reviewer)
    services.next_step_answer(contact=contact, actor=alice_family.user, note="The shop is open.")
    contact.refresh_from_db()
    contact.next_step = "Something else"
    with pytest.raises(BenefitError) as refused:
        services.contact_save(contact=contact, actor=reviewer)
    assert refused.value.code == "step_answered"


# Due and overdue, by the local date


def test_due_this_week_runs_from_today_to_sunday_and_overdue_is_before_today(alice_family, reviewer):
    file = file_open(alice_family, reviewer)
    today = MONDAY + datetime.timedelta(days=2)  # Wednesday
    rows = {days: contact_add(file, reviewer, due_in=days, today=today) for days in (-1, 0, 4, 5)}
    due = set(Contact.objects.filter(follow_up.next_step_due_q(today=today)))
    overdue = set(Contact.objects.filter(follow_up.next_step_overdue_q(today=today)))
    assert due == {rows[0], rows[4]}  # today and Sunday; Monday next week is not this week
    assert overdue == {rows[-1]}
    assert follow_up.week_end(today) == MONDAY + datetime.timedelta(days=6)


def test_an_answered_step_or_a_closed_file_is_neither_due_nor_overdue(alice_family, reviewer):
    file = file_open(alice_family, reviewer)
    answered = contact_add(file, reviewer, due_in=-2)
    services.next_step_answer(contact=answered, actor=alice_family.user, note="Done")
    contact_add(file, reviewer, due_in=-3)
    assert Contact.objects.filter(follow_up.next_step_overdue_q(today=timezone.localdate())).count() == 1
    services.follow_up_file_close(file=file, actor=reviewer)
    assert not Contact.objects.filter(follow_up.next_step_overdue_q(today=timezone.localdate())).exists()


def test_overdue_follows_the_sharjah_date_not_utc(alice_family, reviewer, monkeypatch):
    """At 21:30 UTC on a Sunday it is already Monday in Sharjah: a step due on that Sunday is overdue."""
    sunday = MONDAY - datetime.timedelta(days=1)
    file = file_open(alice_family, reviewer)
    assign(alice_family, reviewer)
    contact_add(file, reviewer, due_in=0, today=sunday)
    late_sunday_utc = datetime.datetime(2026, 12, 6, 21, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: late_sunday_utc)
    assert timezone.localdate() == MONDAY
    counts = follow_up.next_step_counts_for_reviewer(user=reviewer)
    assert (counts.due, counts.overdue) == (0, 1)


def test_a_reviewer_counts_only_the_families_assigned_to_them(alice_family, charlie_family, reviewer, manager):
    contact_add(file_open(alice_family, reviewer), reviewer, due_in=1, today=MONDAY)
    contact_add(file_open(charlie_family, reviewer), reviewer, due_in=-1, today=MONDAY)
    assign(alice_family, reviewer)
    assign(charlie_family, manager)
    mine = follow_up.next_step_counts_for_reviewer(user=reviewer, today=MONDAY)
    theirs = follow_up.next_step_counts_for_reviewer(user=manager, today=MONDAY)
    assert (mine.due, mine.overdue) == (1, 0)
    assert (theirs.due, theirs.overdue) == (0, 1)
    reviewers_rows = Contact.objects.filter(follow_up.reviewer_families_q(user=reviewer))
    assert [row.file.licence.family for row in reviewers_rows] == [alice_family]


# The family's answer


def test_the_family_answers_a_next_step_with_a_note_and_a_photo(alice_family, reviewer, documents_storage):
    contact = contact_add(file_open(alice_family, reviewer), reviewer)
    photo = SimpleUploadedFile("shop.png", png_bytes(), content_type="image/png")
    answered = services.next_step_answer(
        contact=contact, actor=alice_family.user, note="The shop is open.", photo=photo, photo_type="image/png"
    )
    assert answered.answered_at is not None and answered.answer_note == "The shop is open."
    assert answered.answer_photo.name == f"follow-up/{contact.file_id}/step-{contact.pk}.png"
    assert (documents_storage / answered.answer_photo.name).read_bytes() == png_bytes()
    with pytest.raises(BenefitError) as refused:
        services.next_step_answer(contact=contact, actor=alice_family.user, note="Again")
    assert refused.value.code == "step_answered"


def test_only_the_familys_own_user_answers_and_not_with_nothing(alice_family, charlie_family, reviewer):
    contact = contact_add(file_open(alice_family, reviewer), reviewer)
    for actor in (charlie_family.user, reviewer):
        with pytest.raises(ActorNotAllowed):
            services.next_step_answer(contact=contact, actor=actor, note="Done")
    with pytest.raises(BenefitError) as refused:
        services.next_step_answer(contact=contact, actor=alice_family.user, note="  ")
    assert refused.value.code == "answer_empty"


# Goals and referrals


def test_each_change_of_a_goals_progress_is_kept_with_its_note(alice_family, reviewer):
    file = file_open(alice_family, reviewer)
    goal = services.goal_save(goal=Goal(file=file, title="Sell online"), actor=reviewer)
    goal.progress = 40
    services.goal_save(goal=goal, actor=reviewer, note="Instagram page made")
    services.goal_save(goal=goal, actor=reviewer)  # nothing changed: no new step
    goal.progress = 100
    services.goal_save(goal=goal, actor=reviewer)
    assert list(GoalProgress.objects.filter(goal=goal).values_list("percent", "note")) == [
        (0, ""),
        (40, "Instagram page made"),
        (100, ""),
    ]
    assert str(goal.stage) == "Reached"
    goal.progress = 120
    with pytest.raises(BenefitError):
        services.goal_save(goal=goal, actor=reviewer)


def test_a_new_referral_is_to_a_partner_the_centre_still_works_with(alice_family, reviewer):
    file = file_open(alice_family, reviewer)
    active = Partner.objects.create(name_ar="صندوق الشارقة", name_en="Sharjah Fund")
    former = Partner.objects.create(name_ar="شريك سابق", name_en="Former partner", is_active=False)
    referral = services.referral_save(referral=Referral(file=file, partner=active), actor=reviewer)
    referral.outcome = Referral.Outcome.ACCEPTED
    services.referral_save(referral=referral, actor=reviewer)
    assert Referral.objects.get().outcome == "accepted"
    with pytest.raises(BenefitError) as refused:
        services.referral_save(referral=Referral(file=file, partner=former), actor=reviewer)
    assert refused.value.code == "partner_inactive"


# The staff digest


def test_an_overdue_next_step_is_in_the_staff_digest_that_already_exists(alice_family, reviewer, manager):
    file = file_open(alice_family, reviewer)
    contact_add(file, reviewer, due_in=-2)
    contact_add(file, reviewer, due_in=2)  # not overdue
    today = timezone.localdate()
    assert overdue_digest_send(today=today) == 2  # the reviewer and the manager
    assert overdue_digest_send(today=today) == 0
    digest = Notification.objects.filter(kind=LicensingNotice.STAFF_OVERDUE_DIGEST, recipient=reviewer).get()
    number = file.licence.number
    due = (today - datetime.timedelta(days=2)).isoformat()
    assert digest.context["follow_up_steps"] == [f"{number} ({due})"]
    assert digest.context["references"] == [] and digest.context["count"] == 1
    assert digest.context["path"] == "/admin/benefits/contact/?due=overdue"
    for language in ("en", "ar"):
        digest.language = language
        message = notification_render(digest)
        assert number in message.body and STAFF_NOTE not in message.body
    digest.language = "en"
    body = notification_render(digest).body
    assert "Incubation next steps past their due date" in body and "service level" not in body
