"""The dashboard's incubation follow-up figures: next steps due this week and overdue, as of today whatever the
period, narrowed to a package's licences when one is chosen, each equal to the admin list it links to."""

import pytest
from django.urls import reverse
from django.utils import translation

from benefits import services
from packages_catalog.models import Package
from tests.benefits.conftest import licence_holder
from tests.benefits.follow_up import contact_add, file_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def steps(reviewer):
    """A Tayeb family with a step due today and two overdue (one of them answered), an Atayeb family with one overdue
    and one in a closed file."""
    tayeb = file_open(licence_holder(package_code="tayeb"), reviewer)
    contact_add(tayeb, reviewer, due_in=0, notify_family=False)
    contact_add(tayeb, reviewer, due_in=-3, notify_family=False)
    answered = contact_add(tayeb, reviewer, due_in=-4, notify_family=False)
    services.next_step_answer(contact=answered, actor=tayeb.licence.family.user, note="Done")
    atayeb_family = licence_holder(package_code="atayeb")
    atayeb = file_open(atayeb_family, reviewer)
    contact_add(atayeb, reviewer, due_in=-1, notify_family=False)
    return tayeb, atayeb


def _figures(client, query=""):
    with translation.override("en"):
        url = reverse("dashboard:home")
    section = client.get(f"{url}?{query}").context["report"].section["follow_ups"]
    return {figure.label: figure for figure in section.figures}


def test_the_follow_up_figures_count_the_steps_due_and_overdue_and_equal_their_admin_lists(client, manager, steps):
    client.force_login(manager)
    figures = _figures(client)
    assert figures["Next steps due this week"].value == 1
    assert figures["Next steps overdue"].value == 2
    for figure in figures.values():
        assert client.get(figure.url).context["cl"].result_count == figure.value, figure.url


def test_with_a_package_chosen_the_figures_count_its_licences_only(client, manager, steps):
    client.force_login(manager)
    atayeb = Package.objects.get(code="atayeb")
    figures = _figures(client, f"package={atayeb.pk}")
    assert (figures["Next steps due this week"].value, figures["Next steps overdue"].value) == (0, 1)
    for figure in figures.values():
        assert client.get(figure.url).context["cl"].result_count == figure.value, figure.url


def test_a_closed_file_leaves_the_figures(client, manager, reviewer, steps):
    _tayeb, atayeb = steps
    services.follow_up_file_close(file=atayeb, actor=reviewer)
    client.force_login(manager)
    assert _figures(client)["Next steps overdue"].value == 1
