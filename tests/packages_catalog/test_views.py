import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

PAGES = [("catalog:home", {}), ("catalog:package_detail", {"code": "atayeb"})]


def url(name, kwargs, language):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_every_public_page_answers_in_arabic_right_to_left(client, name, kwargs):
    response = client.get(url(name, kwargs, "ar"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    assert "بوابة إنتاج" in content
    assert "bootstrap.rtl.min.css" in content


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_every_public_page_answers_in_english_left_to_right(client, name, kwargs):
    response = client.get(url(name, kwargs, "en"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="en" dir="ltr">' in content
    assert "Intaj Portal" in content
    assert "bootstrap.rtl.min.css" not in content


def test_the_site_root_redirects_to_arabic_first(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


def test_landing_lists_the_five_packages_in_order(client):
    response = client.get("/en/")
    assert [p.code for p in response.context["packages"]] == ["tayeb", "atayeb", "ibdaa", "anaqa", "mohra"]


def test_landing_page_query_count_is_fixed(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get("/ar/")


def test_package_page_shows_fees_localised_in_arabic(client):
    content = client.get("/ar/packages/atayeb/").content.decode()
    assert "1,200.00" in content
    assert "600.00" in content
    assert "880.00" in content


def test_an_unknown_package_is_404(client):
    assert client.get("/en/packages/nonexistent/").status_code == 404


def test_an_inactive_package_is_404(client):
    from packages_catalog.models import Package

    Package.objects.filter(code="mohra").update(is_active=False)
    assert client.get("/en/packages/mohra/").status_code == 404
    assert "mohra" not in [p.code for p in client.get("/en/").context["packages"]]


@pytest.mark.parametrize("path", ["/ar/", "/en/packages/tayeb/"])
def test_public_pages_refuse_post(client, path):
    assert client.post(path).status_code == 405


def test_switching_language_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/packages/tayeb/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/packages/tayeb/"


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_the_language_switch_points_at_the_same_page_in_english(client):
    content = client.get("/ar/packages/tayeb/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert 'name="next" value="/en/packages/tayeb/"' in content
    assert 'value="en"' in content
