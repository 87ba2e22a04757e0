"""A family's documents kept in S3-compatible object storage (moto's server): opened from the application's page;
while the storage hangs, a page in the family's language says so and leads back to the application."""

import pytest
from django.conf import settings
from django.test import Client

from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.integration.servers import HungServer
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import complete_application, pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
TEXT = {
    "ar": {"heading": "لا يمكن فتح المستند", "back": "العودة إلى الطلب"},
    "en": {"heading": "The document cannot be opened", "back": "Back to the application"},
}


@pytest.fixture
def signed_in(open_page, live_server, alice):
    client = Client()
    client.force_login(alice)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]

    def page_for(viewport):
        page = open_page(viewport=viewport)
        page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        return page

    return page_for


def test_a_document_in_object_storage_opens_from_the_application_page(s3_storage, alice, signed_in):
    draft = complete_application(family=eligible_family(alice))
    page = signed_in(DESKTOP)
    page.goto(f"/en/applications/{draft.pk}/")
    link = page.locator("[data-testid=documents] a").first
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.body() == pdf_bytes()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_storage_that_hangs_shows_a_page_that_leads_back(s3_storage, alice, signed_in, language):
    draft = complete_application(family=eligible_family(alice))
    document = draft.documents.first()
    server = HungServer()
    try:
        s3_storage(endpoint_url=f"http://127.0.0.1:{server.port}", S3_READ_TIMEOUT_SECONDS="0.5")
        for viewport in (PHONE, DESKTOP):
            page = signed_in(viewport)
            page.goto(f"/{language}/applications/{draft.pk}/documents/{document.pk}/?inline=1")
            assert page.locator("h1").inner_text() == TEXT[language]["heading"]
            assert page.locator("[data-testid=storage-unavailable]").is_visible()
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            screenshot(page, f"document_storage_unavailable_{language}_{viewport['width']}")
            page.get_by_text(TEXT[language]["back"]).click()
            page.wait_for_url(f"**/{language}/applications/{draft.pk}/")
    finally:
        server.stop()
