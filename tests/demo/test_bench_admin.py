"""The benchmark's peer of the admin list: Django's plain changelist of applications, only when the setting is on."""

import importlib
import warnings

import pytest
from django.urls import clear_url_caches

import intaj_portal.urls
from licenses.admin import ApplicationAdmin

pytestmark = pytest.mark.django_db

PEER = "/en/bench/admin/licenses/application/"


@pytest.fixture
def peer_mounted(settings):
    """The URLs read the setting when they are imported: reloaded with it on, then reloaded as they were."""
    settings.BENCHMARK_BASELINE_VIEW = True
    urls_reload()
    yield
    settings.BENCHMARK_BASELINE_VIEW = False
    urls_reload()


def urls_reload():
    clear_url_caches()
    with warnings.catch_warnings():  # the reload registers the `id` path converter a second time: harmless
        warnings.filterwarnings("ignore", message="Converter 'id' is already registered")
        importlib.reload(intaj_portal.urls)


def test_the_peer_is_not_found_by_default(client, manager):
    client.force_login(manager)
    assert client.get(PEER).status_code == 404


def test_the_peer_lists_the_applications_with_the_portals_columns_and_filters(client, manager, submitted, peer_mounted):
    client.force_login(manager)
    response = client.get(PEER)
    assert response.status_code == 200
    changelist = response.context["cl"]
    assert [application.pk for application in changelist.result_list] == [submitted.pk]
    portal = client.get("/en/admin/licenses/application/").context["cl"]
    assert changelist.list_display == ApplicationAdmin.list_display
    assert [spec.title for spec in changelist.filter_specs] == [spec.title for spec in portal.filter_specs]
    assert changelist.list_select_related is False
    assert changelist.list_per_page == 100
    assert submitted.reference in response.content.decode()
    assert client.get(PEER, {"status": "approved"}).context["cl"].result_list.count() == 0


def test_the_peer_is_for_staff_only(client, alice, peer_mounted):
    client.force_login(alice)
    response = client.get(PEER)
    assert response.status_code == 302
    assert "/bench/admin/login/" in response["Location"]
