"""The benchmark's baseline: one row read through the whole middleware stack, only when the setting turns it on."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/en/bench/baseline/"


def test_it_is_not_found_by_default(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL)
    assert response.status_code == 404


def test_it_answers_with_one_package_read_in_one_query_when_turned_on(client, settings, django_assert_num_queries):
    settings.BENCHMARK_BASELINE_VIEW = True
    with django_assert_num_queries(1):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"code": "tayeb", "name_en": "Tayeb"}


def test_it_rejects_post(client, settings):
    settings.BENCHMARK_BASELINE_VIEW = True
    assert client.post(URL).status_code == 405


def test_the_page_baseline_shows_the_package_in_the_portals_layout(client, settings, django_assert_num_queries):
    settings.BENCHMARK_BASELINE_VIEW = True
    with django_assert_num_queries(1):
        response = client.get(f"{URL}page/")
    assert response.status_code == 200
    assert "Tayeb" in response.content.decode()
    assert 'dir="ltr"' in response.content.decode()


def test_the_page_baseline_is_not_found_by_default(client):
    assert client.get(f"{URL}page/").status_code == 404
