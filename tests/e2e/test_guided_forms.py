"""Forms that guide, in a real browser: a form that fails says what is wrong at its top and takes the focus there,
each item leading to its field; answering the centre's request opens the step it is about, with the request on it.

In Arabic on a phone (360 px) and in English on a desktop (1280 px); screenshots are kept."""

import pytest

from licenses import services
from licenses.models import Reason, Status
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_application_journey import PNG, logged_in, shot, upload
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import complete_application

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SUMMARY_TITLE = {"ar": "يوجد خطأ", "en": "There is a problem"}


def focused(page) -> dict:
    """What has the focus, and whether it is on the screen."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const box = element.getBoundingClientRect();
            return {
                id: element.id,
                summary: element.hasAttribute("data-error-summary"),
                // A fraction of a pixel either way is the layout's rounding.
                visible: box.top >= -1 && box.bottom <= window.innerHeight + 1 && box.height > 0,
            };
        }"""
    )


def summary_focused(page) -> dict:
    """`focused(page)` once the error summary's script has moved the focus to it: the script runs when the answer
    page has loaded, which a slow machine showed to come after the summary is on the screen."""
    page.wait_for_function("document.activeElement.hasAttribute('data-error-summary')")
    return focused(page)


def ticked(page) -> list[str]:
    """The steps the stepper shows as done."""
    done = page.locator(".stepper-item.is-done[data-step]")
    return [done.nth(index).get_attribute("data-step") for index in range(done.count())]


@pytest.mark.parametrize(("language", "viewport"), [("ar", PHONE), ("en", DESKTOP)])
def test_sending_without_the_declaration_focuses_a_summary_whose_link_leads_to_the_box(
    open_page, live_server, alice, language, viewport
):
    application = complete_application(family=eligible_family(alice))
    page = logged_in(open_page, live_server, alice, viewport)
    page.goto(f"/{language}/applications/{application.pk}/edit/review/")
    page.get_by_test_id("submit").click()

    summary = page.get_by_test_id("form-errors")
    assert SUMMARY_TITLE[language] in summary.inner_text()
    assert summary_focused(page) == {"id": "", "summary": True, "visible": True}
    shot(page, "error_summary", language, viewport)

    summary.get_by_role("link").click()
    now = focused(page)
    assert now["id"] == "id_confirm"
    assert now["visible"]
    page.check("#id_confirm")
    page.get_by_test_id("submit").click()
    page.wait_for_url(f"**/{language}/applications/{application.pk}/")
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_a_required_field_is_marked_before_anything_is_wrong(open_page, live_server, alice):
    application = complete_application(family=eligible_family(alice), trade_name_ar="", trade_name_en="")
    page = logged_in(open_page, live_server, alice, PHONE)
    page.goto(f"/ar/applications/{application.pk}/edit/business/")
    assert page.locator("label[for=id_trade_name_ar] .asteriskField").count() == 1
    assert page.get_by_test_id("form-errors").count() == 0
    page.get_by_test_id("continue").click()
    assert summary_focused(page)["summary"]
    links = page.get_by_test_id("form-errors").get_by_role("link")
    hrefs = [links.nth(index).get_attribute("href") for index in range(links.count())]
    assert hrefs == ["#id_trade_name_ar", "#id_trade_name_en"]


@pytest.mark.parametrize(("language", "viewport"), [("ar", PHONE), ("en", DESKTOP)])
def test_answering_a_request_for_a_document_lands_on_that_document(
    open_page, live_server, alice, reviewer, language, viewport
):
    application = complete_application(family=eligible_family(alice), status=Status.UNDER_REVIEW)
    services.application_transition(
        application=application,
        to_status=Status.INFO_REQUESTED,
        actor=reviewer,
        reason=Reason.objects.get(kind=Reason.Kind.INFO_REQUEST, code="unclear_document"),
        message="The Emirates ID scan is blurred: please upload a clearer one.",
        documents_requested=["emirates_id_front"],
    )
    page = logged_in(open_page, live_server, alice, viewport)
    page.goto(f"/{language}/applications/{application.pk}/")
    page.get_by_test_id("answer-request").click()

    page.wait_for_url(f"**/{language}/applications/{application.pk}/edit/documents/")
    assert "The Emirates ID scan is blurred" in page.get_by_test_id("info-request").inner_text()
    requested = page.locator("[data-document=emirates_id_front] [data-testid=document-requested]")
    assert requested.is_visible()
    assert page.locator("[data-testid=document-requested]").count() == 1
    assert ticked(page) == ["activities", "business", "production"]  # the documents wait for the new scan
    shot(page, "answer_request_documents", language, viewport)

    upload(page, "emirates_id_front", "clearer-scan.png", PNG)
    page.get_by_test_id("upload").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=document-requested]").count() == 0
    assert ticked(page) == ["activities", "business", "production", "documents"]

    page.goto(f"/{language}/applications/{application.pk}/edit/activities/")
    box = page.get_by_test_id("info-request")
    assert "The Emirates ID scan is blurred" in box.inner_text()
    box.get_by_test_id("info-request-step").click()
    page.wait_for_url(f"**/{language}/applications/{application.pk}/edit/documents/")
