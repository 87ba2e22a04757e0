"""The licence certificate: what the PDF says (read back from the file), its QR code (decoded from page one rendered
as a picture), who may download it, and the page shown when the PDF library cannot run."""

import datetime
import importlib.abc
import re
import sys
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from licenses import services
from licenses.selectors import licence_get_for_certificate
from tests.licenses.certificates import page_one_png, pdf_fonts, pdf_pages, pdf_text, qr_codes_in
from tests.licenses.factories import licence_for

pytestmark = pytest.mark.django_db

ISSUED = datetime.date(2026, 4, 10)
PRINTED = datetime.date(2026, 5, 1)
SITE_URL = "https://intaj.example.ae"
# The faces templates/licenses/certificate.html declares with @font-face; WeasyPrint names them after the family.
CERTIFICATE_FONTS = ["Plex-Arabic", "Plex-Arabic-Bold", "Plex-Latin", "Plex-Latin-Bold"]


@pytest.fixture
def licence(alice_family):
    return licence_for(family=alice_family, issued_on=ISSUED, number="SHJ-2026-0417")


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE_URL


def certificate(licence, *, today=PRINTED) -> bytes:
    return services.licence_certificate_pdf(licence=licence_get_for_certificate(pk=licence.pk), today=today)


def test_certificate_holds_the_arabic_trade_name_in_reading_order_the_number_and_both_dates(
    weasyprint_works, licence, site_url
):
    started = time.perf_counter()
    pdf = certificate(licence)
    print(f"\ncertificate made in {time.perf_counter() - started:.2f} s, {len(pdf) / 1024:.0f} KiB")

    assert pdf.startswith(b"%PDF-")
    assert len(pdf_pages(pdf)) == 1
    text = pdf_text(pdf)
    assert "عطور مريم" in text
    assert "عطور مريم"[::-1] not in text
    assert "Maryam Perfumes" in text
    assert "SHJ-2026-0417" in text
    assert licence.application.reference in text
    # Both dates, in English and with the UAE's Arabic month name (أبريل, not Django's إبريل). A PDF keeps the runs
    # of a line in the order they are drawn: an Arabic date, whose numbers run left to right inside a right-to-left
    # line, reads year, month, day there (the words themselves are in reading order, as the trade name shows).
    for english, arabic in (("10 April 2026", "10 أبريل 2026"), ("9 April 2027", "9 أبريل 2027")):
        assert english in text
        day, month, year = arabic.split()
        assert re.search(rf"{year}\s+{month}\s*{day}(?!\d)", text), arabic
    assert "إبريل" not in text
    assert "مركز إنتاج للأسر المنتجة" in text
    assert "دائرة الخدمات الاجتماعية بالشارقة" in text
    assert "شهادة رخصة" in text and "اعتماد" in text
    assert "Etimad licence certificate" in text
    assert "باقة طيب" in text and "Tayeb" in text
    # Only the portal's own font (IBM Plex Sans Arabic, read from static/vendor/ by @font-face): no system font
    # stood in for a missing glyph.
    assert {"Plex-Arabic", "Plex-Latin"} <= pdf_fonts(pdf) <= set(CERTIFICATE_FONTS)


def test_certificate_qr_code_opens_the_licences_verification_page(weasyprint_works, licence, site_url):
    image = page_one_png(certificate(licence), "certificate_valid")
    assert qr_codes_in(image) == [f"{SITE_URL}/verify/{licence.verification_token}/"]


def test_certificate_of_an_expired_licence_says_so_in_both_languages(weasyprint_works, licence, site_url):
    pdf = certificate(licence, today=datetime.date(2027, 4, 10))
    page_one_png(pdf, "certificate_expired")
    text = pdf_text(pdf)
    assert "Expired: this licence was valid until 9 April 2027 and is not valid today." in text
    assert "منتهية" in text and "أبريل" in text


def test_certificate_of_a_renewed_licence_shows_the_renewal_and_the_current_validity(
    weasyprint_works, licence, site_url
):
    licence.renewed_on = datetime.date(2027, 3, 20)
    licence.expires_on = datetime.date(2028, 4, 9)
    licence.save()
    pdf = certificate(licence, today=datetime.date(2027, 3, 21))
    page_one_png(pdf, "certificate_renewed")
    text = pdf_text(pdf)
    assert "Valid: renewed on 20 March 2027, valid until 9 April 2028." in text
    assert "جُدّدت" in text
    assert "10 April 2026" in text  # first issued


def test_family_downloads_its_certificate_as_an_attachment(weasyprint_works, client, alice, licence):
    client.force_login(alice)
    response = client.get(f"/en/applications/licences/{licence.pk}/certificate/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="etimad-licence-shj-2026-0417.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert "SHJ-2026-0417" in pdf_text(response.content)


def test_family_finds_the_download_on_its_licences_its_application_and_its_account(client, alice, licence):
    client.force_login(alice)
    url = reverse("licenses:licence_certificate", kwargs={"pk": licence.pk})
    for page in (
        "/en/applications/",
        f"/en/applications/{licence.application.pk}/",
        "/en/account/",
    ):
        assert url.removeprefix("/ar").removeprefix("/en") in client.get(page).content.decode(), page


def test_another_family_cannot_download_the_certificate(client, charlie, charlie_family, licence):
    client.force_login(charlie)
    assert client.get(f"/en/applications/licences/{licence.pk}/certificate/").status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, licence):
    response = client.get(f"/en/applications/licences/{licence.pk}/certificate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


def test_it_rejects_post(client, alice, licence):
    client.force_login(alice)
    assert client.post(f"/en/applications/licences/{licence.pk}/certificate/").status_code == 405


def test_staff_are_sent_from_the_family_page_to_the_admin(client, reviewer, licence):
    client.force_login(reviewer)
    response = client.get(f"/en/applications/licences/{licence.pk}/certificate/")
    assert response.status_code == 302
    assert response["Location"] == "/en/admin/licenses/licence/"


@pytest.mark.parametrize("persona", ["reviewer", "manager"])
def test_staff_download_the_certificate_from_the_admin(weasyprint_works, client, request, persona, licence):
    client.force_login(request.getfixturevalue(persona))
    change_page = client.get(f"/en/admin/licenses/licence/{licence.pk}/change/").content.decode()
    assert f"/en/admin/licenses/licence/{licence.pk}/certificate/" in change_page
    response = client.get(f"/en/admin/licenses/licence/{licence.pk}/certificate/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "SHJ-2026-0417" in pdf_text(response.content)


def test_a_family_cannot_use_the_admin_download(client, alice, licence):
    client.force_login(alice)
    response = client.get(f"/en/admin/licenses/licence/{licence.pk}/certificate/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_download_of_an_unknown_licence_is_a_404(client, reviewer, db):
    client.force_login(reviewer)
    assert client.get("/en/admin/licenses/licence/999999/certificate/").status_code == 404


class RefuseImport(importlib.abc.MetaPathFinder):
    """Imports of weasyprint fail as they do on a machine without it (ImportError) or without Pango (OSError)."""

    def __init__(self, error: Exception):
        self.error = error

    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise self.error
        return None


@pytest.fixture(params=["weasyprint missing", "pango missing"])
def weasyprint_broken(request, monkeypatch):
    error = (
        ImportError("No module named 'weasyprint'")
        if request.param == "weasyprint missing"
        else OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
    )
    for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [RefuseImport(error), *sys.meta_path])
    return error


@pytest.mark.parametrize("language", ["ar", "en"])
def test_without_the_pdf_library_the_download_explains_what_is_missing_in_both_languages(
    client, alice, licence, weasyprint_broken, language
):
    client.force_login(alice)
    response = client.get(f"/{language}/applications/licences/{licence.pk}/certificate/")
    assert response.status_code == 503
    body = response.content.decode()
    assert "لا يمكن إصدار الشهادة في الوقت الحالي" in body
    assert "The certificate cannot be made at the moment" in body
    assert "Pango" in body
    assert str(weasyprint_broken).replace("'", "&#x27;") in body


def test_without_the_pdf_library_the_admin_download_explains_it_too(client, reviewer, licence, weasyprint_broken):
    client.force_login(reviewer)
    response = client.get(f"/en/admin/licenses/licence/{licence.pk}/certificate/")
    assert response.status_code == 503
    assert f"/en/admin/licenses/licence/{licence.pk}/change/" in response.content.decode()


def test_every_licence_gets_its_own_verification_token(alice_family, charlie_family):
    today = timezone.localdate()
    first = licence_for(family=alice_family, issued_on=today)
    second = licence_for(family=charlie_family, issued_on=today)
    assert first.verification_token != second.verification_token
    assert len(first.verification_token) >= 32
    assert first.number not in first.verification_token
