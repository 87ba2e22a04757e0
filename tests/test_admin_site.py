"""The portal's admin site: no sidebar menu, the model list built only where it is shown, rows' checkboxes written
directly, and a whole list's total read from where it is kept exactly rather than counted."""

import pytest
from django.contrib import admin

from intaj_portal import admin_tools
from intaj_portal.admin_tools import KnownTotalPaginator, known_total_register
from licenses.models import Application, Status
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import complete_application

pytestmark = pytest.mark.django_db
LIST = "/en/admin/licenses/application/"


@pytest.fixture
def applications(alice):
    family = eligible_family(alice)
    return [
        complete_application(family=family, package_code=code, status=Status.SUBMITTED) for code in ("tayeb", "mohra")
    ]


@pytest.fixture
def known_total(monkeypatch):
    """The applications' list told its total is 1234, whatever the rows (the dashboard registers the real one)."""
    monkeypatch.setattr(admin_tools, "_KNOWN_TOTALS", {})
    known_total_register(Application, lambda: 1234)


def test_a_whole_list_reads_its_total_where_it_is_kept(client, reviewer, applications, known_total):
    client.force_login(reviewer)
    for query in ({}, {"p": "1"}, {"o": "2"}):
        changelist = client.get(LIST, query).context["cl"]
        assert isinstance(changelist.paginator, KnownTotalPaginator)
        assert changelist.result_count == 1234


@pytest.mark.parametrize("query", [{"status": Status.SUBMITTED}, {"q": "ETM"}, {"package__id__exact": "1"}])
def test_a_filtered_or_searched_list_counts_its_rows(client, reviewer, applications, known_total, query):
    client.force_login(reviewer)
    changelist = client.get(LIST, query).context["cl"]
    assert not isinstance(changelist.paginator, KnownTotalPaginator)
    assert changelist.result_count == changelist.queryset.count()


def test_without_a_kept_total_the_list_counts_its_rows(client, reviewer, applications, monkeypatch):
    monkeypatch.setattr(admin_tools, "_KNOWN_TOTALS", {})
    known_total_register(Application, lambda: None)  # as on SQLite: no summary kept
    client.force_login(reviewer)
    assert client.get(LIST).context["cl"].result_count == 2


def test_rows_carry_the_admins_own_checkbox_for_actions(client, reviewer, applications):
    client.force_login(reviewer)
    page = client.get(LIST).content.decode()
    for application in applications:
        assert (
            f'<input type="checkbox" name="_selected_action" value="{application.pk}" class="action-select" '
            f'aria-label="Select this object for an action - {application}">'
        ) in page
    arabic = client.get(LIST.replace("/en/", "/ar/")).content.decode()
    assert f'aria-label="حدد هذا الكائن لإجراء - {applications[0]}"' in arabic


def test_no_sidebar_menu_and_the_home_page_still_lists_the_models(client, reviewer):
    client.force_login(reviewer)
    assert 'id="nav-sidebar"' not in client.get(LIST).content.decode()
    home = client.get("/en/admin/")
    assert admin.site.enable_nav_sidebar is False
    assert any(model["object_name"] == "Application" for app in home.context["app_list"] for model in app["models"])
