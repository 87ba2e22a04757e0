"""The 403, 404, 500 and 503 pages: in the visitor's language, in the portal's layout, and the 500 and 503 pages
without the database or the session (intaj_portal/middleware.py)."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.test import Client, RequestFactory

from intaj_portal.views import server_error

pytestmark = pytest.mark.django_db

FOOTER = "Intaj productive families centre"
FOOTER_AR = "مركز إنتاج للأسر المنتجة"


@contextmanager
def database_down(error=OperationalError):
    """Every query fails as with PostgreSQL stopped, and so does opening a connection."""
    with (
        mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=error("connection refused")),
        mock.patch(
            "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
            side_effect=error("connection refused"),
        ),
    ):
        yield


class Untouchable:
    """Stands for the session or the user: the page fails the test if it reads anything of it."""

    def __init__(self, what):
        self.what = what

    def __getattr__(self, name):
        raise AssertionError(f"the 500 page read the {self.what}'s {name}")


@pytest.mark.parametrize(
    ("path", "heading", "footer", "html"),
    [
        ("/en/packages/no-such-package/", "Page not found", FOOTER, '<html lang="en" dir="ltr">'),
        ("/ar/no-such-page/", "الصفحة غير موجودة", FOOTER_AR, '<html lang="ar" dir="rtl">'),
    ],
)
def test_the_404_page_is_in_the_addresss_language_in_the_portals_layout(client, path, heading, footer, html):
    response = client.get(path)
    assert response.status_code == 404
    content = response.content.decode()
    assert (heading in content, footer in content, html in content) == (True, True, True)


def test_the_404_page_shows_a_signed_in_family_its_own_menu(client, alice):
    client.force_login(alice)
    content = client.get("/en/no-such-page/").content.decode()
    assert 'data-testid="nav-applications"' in content


def test_the_403_page_is_in_the_visitors_language(client, reviewer):
    """A reviewer may not add Celery schedules: the admin refuses with the portal's 403 page."""
    client.force_login(reviewer)
    for language, heading in (("en", "You may not open this page"), ("ar", "لا تتوفر لكم صلاحية فتح هذه الصفحة")):
        response = client.get(f"/{language}/admin/django_celery_beat/periodictask/add/")
        assert response.status_code == 403
        assert heading in response.content.decode()


@pytest.mark.parametrize(("path", "heading"), [("/en/", "Something went wrong on our side"), ("/ar/", "حدث خلل")])
def test_the_500_page_renders_with_the_database_and_the_session_unavailable(path, heading):
    request = RequestFactory().get(path, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc123")
    request.session = Untouchable("session")
    request.user = Untouchable("user")
    with database_down():
        try:
            raise RuntimeError("a bug in a view")
        except RuntimeError:
            response = server_error(request)
    assert response.status_code == 500
    content = response.content.decode()
    assert heading in content
    assert "Log in" in content or "تسجيل الدخول" in content  # the layout, as a visitor who is not signed in


@pytest.mark.parametrize(
    ("path", "heading", "lang"),
    [("/en/", "The portal is briefly unavailable", "en"), ("/ar/", "البوابة غير متاحة مؤقتاً", "ar")],
)
def test_a_database_outage_answers_503_in_the_visitors_language(client, path, heading, lang):
    with database_down():
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    content = response.content.decode()
    assert heading in content
    assert f'<html lang="{lang}"' in content
    assert "Content-Security-Policy" in response


def test_a_broken_connection_is_an_outage_too(client):
    with database_down(InterfaceError):
        response = client.get("/en/")
    assert response.status_code == 503


def test_a_signed_in_family_gets_the_503_page_though_its_session_cannot_be_read(client, alice):
    client.force_login(alice)
    with database_down():
        response = client.get("/en/applications/")
    assert response.status_code == 503
    assert "The portal is briefly unavailable" in response.content.decode()


def test_an_outage_met_outside_a_view_answers_503_too(alice):
    """A signed-in family's 404 page reads the bell's count: with the database down, that read fails in the error
    handler, not in a view, and handler500 answers with the 503 page."""
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    with database_down():
        response = client.get("/ar/no-such-page/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "البوابة غير متاحة مؤقتاً" in response.content.decode()


def test_another_error_is_not_taken_for_an_outage(client):
    with (
        mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=ValueError("a bug")),
        pytest.raises(ValueError),
    ):
        client.get("/en/")


def test_the_health_check_still_says_the_database_is_down(client):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_the_favicon_is_served_from_the_static_files(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    assert "max-age=86400" in response["Cache-Control"]
    assert (settings.BASE_DIR / "static" / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
