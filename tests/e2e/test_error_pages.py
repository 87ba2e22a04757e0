"""The error pages in the browser: the 404 page and a database outage's 503 page, in Arabic and English, on a phone
and a desktop, in the portal's layout and under its Content-Security-Policy."""

from unittest import mock

import pytest
from django.db import OperationalError

from tests.e2e.conftest import DESKTOP, PHONE, csp_violations_watch, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADINGS = {
    (404, "ar"): "الصفحة غير موجودة",
    (404, "en"): "Page not found",
    (503, "ar"): "البوابة غير متاحة مؤقتاً",
    (503, "en"): "The portal is briefly unavailable",
}


def database_down():
    """Every query of the live server (a thread of this process) fails as with PostgreSQL stopped."""
    return mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    )


def page_checked(page, *, status, language, viewport):
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.get_by_role("heading", level=1).inner_text() == HEADINGS[status, language]
    assert page.get_by_test_id("error-home").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"error_{status}_{language}_{viewport['width']}")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_visitor_who_mistypes_an_address_sees_the_404_page(open_page, viewport, language):
    page = open_page(viewport=viewport)
    response = page.goto(f"/{language}/packages/no-such-package/")
    assert response.status == 404
    page_checked(page, status=404, language=language, viewport=viewport)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_visitor_sees_the_503_page_while_the_database_is_down(open_page, viewport, language):
    page = open_page(viewport=viewport)
    with database_down():
        response = page.goto(f"/{language}/")
        assert response.status == 503
        assert response.headers["retry-after"] == "30"
        page_checked(page, status=503, language=language, viewport=viewport)


def test_the_watch_reports_what_the_policy_blocks(browser, live_server):
    """The check every browser test makes at its end can fail: an inline style on a portal page is reported."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    violations = []
    csp_violations_watch(page, violations)
    page.goto("/en/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">blocked</p>')")
    page.wait_for_timeout(200)
    context.close()
    assert len(violations) == 1
    assert "style-src" in violations[0]
