"""Pages cost the same number of queries for 5 applications as for 50 (templates never query)."""

import datetime

import pytest
from django.utils import timezone

from licenses.models import ApplicationEvent, Status
from packages_catalog.models import DocumentType
from tests.factories import UserFactory
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import ApplicationFactory, complete_application, document_add, licence_for

pytestmark = pytest.mark.django_db

# The caps: the same for 5 rows and for 50 (today's count plus one; the portal's shared parts, such as the session,
# the user and the notifications badge, are in them).
FAMILY_LIST = 8
APPLICATION_PAGE = 11
ADMIN_QUEUE = 12
ADMIN_PAGE = 13


def fill_family(family, count):
    """`count` applications of every kind for one family: one open per package, the rest closed."""
    licence_for(family=family, package_code="mohra", issued_on=timezone.localdate())
    for number in range(count):
        status = Status.SUBMITTED if number == 0 else Status.WITHDRAWN
        ApplicationFactory(family=family, status=status, reference=f"ETM-2026-{number + 1:06d}")


@pytest.mark.parametrize("count", [5, 50])
def test_the_family_list_costs_the_same_for_5_and_50(client, alice, alice_family, count, django_assert_max_num_queries):
    fill_family(alice_family, count)
    client.force_login(alice)
    with django_assert_max_num_queries(FAMILY_LIST):
        response = client.get("/en/applications/")
    assert len(response.context["overview"].applications) == count + 1


def test_the_family_list_costs_the_same_for_one_licence_and_five(
    client, alice, alice_family, django_assert_max_num_queries
):
    today = timezone.localdate()
    licence_for(family=alice_family, package_code="mohra", issued_on=today)
    client.force_login(alice)
    with django_assert_max_num_queries(FAMILY_LIST) as one:
        client.get("/en/applications/")
    for code in ("tayeb", "atayeb", "ibdaa", "anaqa"):
        licence_for(family=alice_family, package_code=code, issued_on=today)
    with django_assert_max_num_queries(len(one)):
        response = client.get("/en/applications/")
    assert len(response.context["overview"].licences) == 5


def test_the_family_list_reads_the_renewal_grace_only_for_a_licence_past_its_expiry(
    client, alice, alice_family, django_assert_max_num_queries, django_assert_num_queries
):
    today = timezone.localdate()
    valid = licence_for(family=alice_family, package_code="mohra", issued_on=today)
    client.force_login(alice)
    client.get("/en/applications/")  # the session's first read
    with django_assert_max_num_queries(FAMILY_LIST) as without_grace:
        response = client.get("/en/applications/")
    assert not any(row.renewal_would_be_late for row in response.context["overview"].licences)
    # Expired 40 days ago: past the schedule's 30 days of grace, so a renewal now pays the late fine.
    expired = licence_for(family=alice_family, package_code="tayeb", issued_on=today)
    expired.expires_on = today - datetime.timedelta(days=40)
    expired.save(update_fields=["expires_on"])
    with django_assert_num_queries(len(without_grace) + 1):
        response = client.get("/en/applications/")
    late = {row.licence.pk: row.renewal_would_be_late for row in response.context["overview"].licences}
    assert late == {valid.pk: False, expired.pk: True}
    assert "a late-renewal fine applies" in response.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_the_application_page_costs_the_same_for_5_and_50(
    client, alice, alice_family, count, django_assert_max_num_queries
):
    fill_family(alice_family, count)
    application = complete_application(family=alice_family, package_code="ibdaa", status=Status.INFO_REQUESTED)
    photos = DocumentType.objects.get(code="product_photos")
    for number in range(count):
        document_add(application, photos, name=f"photo-{number}.png")
        ApplicationEvent.objects.create(application=application, from_status="submitted", to_status="under_review")
    client.force_login(alice)
    with django_assert_max_num_queries(APPLICATION_PAGE):
        response = client.get(f"/en/applications/{application.pk}/")
    assert response.status_code == 200
    with django_assert_max_num_queries(APPLICATION_PAGE):
        client.get(f"/en/applications/{application.pk}/edit/review/")


def fill_queue(count):
    for _ in range(count):
        complete_application(family=eligible_family(UserFactory()), status=Status.SUBMITTED)


@pytest.mark.parametrize("count", [5, 50])
def test_the_admin_queue_costs_the_same_for_5_and_50(client, reviewer, count, django_assert_max_num_queries):
    fill_queue(count)
    client.force_login(reviewer)
    with django_assert_max_num_queries(ADMIN_QUEUE):
        response = client.get("/en/admin/licenses/application/", {"overdue": "no"})
    assert response.context["cl"].result_count == count


@pytest.mark.parametrize("count", [5, 50])
def test_the_admin_application_page_costs_the_same_for_5_and_50(
    client, reviewer, alice_family, count, django_assert_max_num_queries
):
    application = complete_application(family=alice_family, status=Status.SUBMITTED)
    photos = DocumentType.objects.get(code="product_photos")
    for number in range(count):
        document_add(application, photos, name=f"photo-{number}.png")
        ApplicationEvent.objects.create(application=application, from_status="submitted", to_status="submitted")
    client.force_login(reviewer)
    url = f"/en/admin/licenses/application/{application.pk}/change/"
    client.get(url)  # the public holidays, read once and kept in the cache for an hour, whichever test runs first
    with django_assert_max_num_queries(ADMIN_PAGE):
        assert client.get(url).status_code == 200
