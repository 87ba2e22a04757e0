"""A manager's morning in a real browser: log in to the administration, open the dashboard, filter it by package,
follow a figure to the admin list it counts, switch language, and download the figures.

In Arabic on a phone (360 px) and in English on a desktop (1280 px); screenshots of both languages at both widths
are kept."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.conftest import PASSWORD
from tests.dashboard.factories import known_data_set
from tests.e2e.conftest import DESKTOP, PHONE, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fresh_figures(settings):
    settings.DASHBOARD_CACHE_SECONDS = 0
    cache.clear()


def fits(page, viewport):
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], page.url


def shot(page, language, viewport):
    fits(page, viewport)
    screenshot(page, f"dashboard_{language}_{viewport['width']}")


def chart_is_drawn(page) -> bool:
    return page.evaluate("() => Chart.getChart('monthly-chart') !== undefined")


def test_a_manager_reads_the_figures_follows_one_and_downloads_them(open_page, live_server, manager):
    known_data_set(today=timezone.localdate())

    # Arabic, on a phone: the administration's login, then its home page's link to the dashboard.
    page = open_page(viewport=PHONE)
    page.goto(f"{live_server.url}/ar/admin/")
    page.fill("#id_username", manager.email)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.get_by_test_id("admin-dashboard-link").locator("a").click()
    page.wait_for_url(re.compile(r"/ar/staff/dashboard/"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_test_id("licences-this-year").locator(".figure-value").inner_text() == "3"
    assert "رخص «اعتماد» الصادرة" in page.content()
    assert chart_is_drawn(page)
    shot(page, "ar", PHONE)

    # One package: only its row and its bars are left.
    page.select_option("#id_package", label="باقة طيب")
    page.get_by_test_id("apply-filters").click()
    page.wait_for_url(re.compile(r"package="))
    rows = page.get_by_test_id("licences-table").locator("tbody tr")
    assert rows.count() == 2  # Tayeb and the total
    assert page.get_by_test_id("licences-this-year").locator(".figure-value").inner_text() == "2"

    # The figure leads to the admin list of exactly those licences.
    page.get_by_test_id("licences-this-year").click()
    page.wait_for_url(re.compile(r"/admin/licenses/licence/\?"))
    assert page.locator("#result_list tbody tr").count() == 2

    # Back to the dashboard, then English on a desktop: the language switch keeps the filters.
    page.go_back()
    page.wait_for_url(re.compile(r"/ar/staff/dashboard/"))
    page.set_viewport_size(DESKTOP)
    page.get_by_test_id("switch-language").click()
    page.wait_for_url(re.compile(r"/en/staff/dashboard/\?.*package="))
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert "Etimad licences issued" in page.content()
    assert page.get_by_test_id("licences-this-year").locator(".figure-value").inner_text() == "2"
    assert chart_is_drawn(page)

    # The figures as a spreadsheet-ready file, with the filters that made them.
    with page.expect_download() as download:
        page.get_by_test_id("export-csv").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Licences issued this year,Tayeb,2," in content

    # All packages again, for the screenshots of both languages at both widths.
    page.goto(f"{live_server.url}/en/staff/dashboard/")
    shot(page, "en", DESKTOP)
    page.set_viewport_size(PHONE)
    page.reload()
    shot(page, "en", PHONE)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/ar/staff/dashboard/")
    assert chart_is_drawn(page)
    shot(page, "ar", DESKTOP)
