"""The incubation follow-up in a real browser: on a phone, in Arabic, a licence holder reads the timeline of its
project on its account page (advice, goals, the next step) and tells the centre the step is done with a note; the
reviewer sees the answer in the admin, next to the staff notes the family never saw.

Screenshots of the account section, the answer page, the whole timeline and the admin file are kept in Arabic and
English, at 360 and 1280 px."""

import pytest

from benefits import services
from benefits.models import Goal
from tests.benefits.conftest import licence_holder
from tests.benefits.follow_up import ADVICE, STAFF_NOTE, assign, contact_add, file_open
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_application_journey import logged_in, shot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEXT_STEP_AR = "إنشاء صفحة للمشروع على إنستغرام ونشر أول خمس صور"
ANSWER_AR = "أنشأنا الصفحة ونشرنا خمس صور للعلب."


@pytest.fixture
def followed(alice, reviewer):
    """Alice's project, followed by the reviewer assigned to it: a visit with a next step due today, a goal under
    way."""
    family = licence_holder(alice)
    assign(family, reviewer)
    file = file_open(family, reviewer)
    contact_add(file, reviewer, due_in=None, advice="ننصح بتصوير المنتجات في ضوء النهار.")
    contact = contact_add(file, reviewer, next_step=NEXT_STEP_AR, due_in=0)
    goal = services.goal_save(goal=Goal(file=file, title="البيع عبر الإنترنت"), actor=reviewer)
    goal.progress = 40
    services.goal_save(goal=goal, actor=reviewer, note="تم اختيار المنصة")
    return contact


def test_on_a_phone_in_arabic_a_family_answers_its_next_step_and_the_reviewer_sees_it(
    open_page, live_server, alice, reviewer, followed
):
    family = logged_in(open_page, live_server, alice, PHONE)
    family.goto("/ar/account/")
    assert family.locator("html").get_attribute("dir") == "rtl"
    section = family.get_by_test_id("account-follow-up")
    section.scroll_into_view_if_needed()
    text = section.inner_text()
    assert "متابعة مشروعكم" in text and NEXT_STEP_AR in text and "البيع عبر الإنترنت" in text
    assert STAFF_NOTE not in family.content()
    shot(family, "follow_up_1_account", "ar", PHONE)

    # The family says the step is done, with a note.
    section.get_by_test_id("answer-step").click()
    family.wait_for_url(f"**/ar/follow-up/steps/{followed.pk}/answer/")
    assert NEXT_STEP_AR in family.get_by_test_id("answer-step-text").inner_text()
    family.fill("#id_note", ANSWER_AR)
    shot(family, "follow_up_2_answer", "ar", PHONE)
    family.get_by_test_id("answer-submit").click()
    family.wait_for_url("**/ar/account/#follow-up")
    done = family.get_by_test_id("step-done").first
    done.wait_for()
    assert "أُنجزت" in done.inner_text() and ANSWER_AR in family.get_by_test_id("account-follow-up").inner_text()
    followed.refresh_from_db()
    assert followed.answer_note == ANSWER_AR and followed.answered_at is not None

    # The reviewer sees the answer on the family's file in the admin, beside the staff notes.
    staff = logged_in(open_page, live_server, reviewer, DESKTOP)
    staff.goto(f"/ar/admin/benefits/followupfile/{followed.file_id}/change/")
    page = staff.content()
    assert ANSWER_AR in page and STAFF_NOTE in page
    assert staff.locator("fieldset.staff-only").first.is_visible()
    shot(staff, "follow_up_4_admin_file", "ar", DESKTOP)
    # Among the reviewer's families' steps done, and no longer among those waiting for the family.
    staff.goto("/ar/admin/benefits/contact/?due=answered&mine=yes")
    assert NEXT_STEP_AR in staff.locator("#result_list").inner_text()
    staff.goto("/ar/admin/benefits/contact/?due=waiting&mine=yes")
    assert NEXT_STEP_AR not in staff.locator("#changelist").inner_text()


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("ar", PHONE), ("ar", DESKTOP), ("en", PHONE), ("en", DESKTOP)],
    ids=["arabic-phone", "arabic-desktop", "english-phone", "english-desktop"],
)
def test_the_follow_up_pages_fit_and_read_in_both_languages(
    open_page, live_server, alice, reviewer, followed, language, viewport
):
    family = logged_in(open_page, live_server, alice, viewport)
    family.goto(f"/{language}/account/")
    family.get_by_test_id("account-follow-up").scroll_into_view_if_needed()
    shot(family, "follow_up_1_account", language, viewport)
    family.goto(f"/{language}/follow-up/steps/{followed.pk}/answer/")
    shot(family, "follow_up_2_answer", language, viewport)
    family.goto(f"/{language}/follow-up/")
    assert ADVICE in family.get_by_test_id("follow-up-timeline").inner_text()
    assert STAFF_NOTE not in family.content()
    shot(family, "follow_up_3_timeline", language, viewport)
    if viewport is DESKTOP:
        staff = logged_in(open_page, live_server, reviewer, viewport)
        staff.goto(f"/{language}/admin/")
        staff.get_by_test_id("admin-steps-due").click()
        staff.wait_for_url("**/admin/benefits/contact/?due=week&mine=yes")
        assert NEXT_STEP_AR in staff.locator("#result_list").inner_text()
        shot(staff, "follow_up_5_admin_due", language, viewport)
