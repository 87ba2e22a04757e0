"""The family's applications and licences on its account page (the licences app's inclusion tag)."""

import pytest
from django.utils import timezone

from licenses.models import Status
from licenses.selectors import family_applications_summary
from tests.licenses.factories import ApplicationFactory, complete_application, licence_for

pytestmark = pytest.mark.django_db

ACCOUNT = "/en/account/"
# The account page with its summary: the same for 5 applications as for 50 (today's count plus one), the
# benefits' part (booth applications, enrolments, the incubation follow-up files) and the showcase's (the licences
# it may show) included.
ACCOUNT_PAGE = 12


def summary(content: str) -> str:
    start = content.index('data-testid="account-applications"')
    return content[start : content.index("</section>", start)]


def test_the_account_page_summarises_the_familys_applications_and_licence(client, alice, alice_family):
    licence = licence_for(family=alice_family, package_code="mohra", issued_on=timezone.localdate(), number="SHJ-77")
    latest = complete_application(family=alice_family, package_code="tayeb", status=Status.UNDER_REVIEW)
    client.force_login(alice)
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    section = summary(response.content.decode())
    assert "You have 1 application in progress." in section
    assert f'href="/en/applications/{latest.pk}/"' in section
    assert 'data-status="under_review"' in section
    assert "SHJ-77" in section
    assert licence.expires_on.strftime("%Y") in section
    assert 'href="/en/applications/"' in section
    assert 'href="/en/applications/new/"' in section


def test_a_family_without_applications_is_invited_to_start_one(client, alice, alice_family):
    client.force_login(alice)
    section = summary(client.get(ACCOUNT).content.decode())
    assert "You have no application in progress." in section
    assert "You have no applications yet." in section
    assert 'href="/en/applications/new/"' in section


def test_an_account_without_a_profile_sees_the_placeholder(client, alice):
    client.force_login(alice)
    section = summary(client.get(ACCOUNT).content.decode())
    assert "will be shown here" in section
    assert 'href="/en/applications/new/"' not in section


def test_charlie_sees_nothing_of_alices_applications(client, alice_family, charlie, charlie_family):
    complete_application(family=alice_family, status=Status.SUBMITTED)
    licence_for(family=alice_family, package_code="mohra", issued_on=timezone.localdate(), number="SHJ-ALICE")
    client.force_login(charlie)
    section = summary(client.get(ACCOUNT).content.decode())
    assert "SHJ-ALICE" not in section
    assert "You have no applications yet." in section


def test_the_summary_is_in_arabic_on_the_arabic_page(client, alice, alice_family):
    complete_application(family=alice_family, status=Status.SUBMITTED)
    client.force_login(alice)
    section = summary(client.get("/ar/account/").content.decode())
    assert "You have" not in section


@pytest.mark.parametrize("count", [5, 50])
def test_the_account_page_costs_the_same_for_5_and_50(
    client, alice, alice_family, count, django_assert_max_num_queries
):
    licence_for(family=alice_family, package_code="mohra", issued_on=timezone.localdate())
    for number in range(count):
        ApplicationFactory(family=alice_family, status=Status.WITHDRAWN, reference=f"ETM-2026-{number + 1:06d}")
    client.force_login(alice)
    with django_assert_max_num_queries(ACCOUNT_PAGE):
        assert client.get(ACCOUNT).status_code == 200


def test_another_familys_licences_are_not_counted(alice_family, charlie_family):
    licence_for(family=alice_family, issued_on=timezone.localdate())
    assert family_applications_summary(family=charlie_family).licences == []
