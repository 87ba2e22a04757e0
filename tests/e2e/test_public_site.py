import pytest

from tests.e2e.conftest import DESKTOP, PHONE, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PACKAGE_CODES = ["tayeb", "atayeb", "ibdaa", "anaqa", "mohra"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_visitor_reads_the_landing_page_in_arabic_then_switches_to_english(open_page, viewport):
    page = open_page(viewport=viewport)
    page.goto("/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.get_by_role("heading", level=1).inner_text().startswith("حوّل")
    cards = page.locator("[data-testid=package-list] [data-package]")
    assert [cards.nth(i).get_attribute("data-package") for i in range(cards.count())] == PACKAGE_CODES
    assert "باقة أطايب" in page.locator("[data-package=atayeb]").inner_text()
    screenshot(page, f"landing_ar_{viewport['width']}")

    page.get_by_test_id("switch-language").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Atayeb" in page.locator("[data-package=atayeb]").inner_text()
    screenshot(page, f"landing_en_{viewport['width']}")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_visitor_opens_a_package_and_keeps_it_when_switching_language(open_page, viewport):
    page = open_page(viewport=viewport)
    page.goto("/ar/")
    page.locator("[data-package=atayeb]").click()
    page.wait_for_url("**/ar/packages/atayeb/")
    assert "البطاقة الصحية" in page.get_by_test_id("documents").inner_text()
    assert "880.00" in page.get_by_test_id("fees").inner_text()
    # No page may be wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"package_atayeb_ar_{viewport['width']}")

    page.get_by_test_id("switch-language").click()
    page.wait_for_url("**/en/packages/atayeb/")
    assert "Health card" in page.get_by_test_id("documents").inner_text()
    assert "1,200.00" in page.get_by_test_id("fees").inner_text()
    screenshot(page, f"package_atayeb_en_{viewport['width']}")


def test_the_browser_finds_the_favicon_the_admins_pages_do_not_name(open_page):
    page = open_page(viewport=DESKTOP)
    response = page.goto("/favicon.ico")
    assert response.status == 200
    assert response.url.endswith("/static/favicon.ico")
    assert response.headers["content-type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
