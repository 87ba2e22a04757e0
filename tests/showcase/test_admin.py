"""The moderation queue in the admin: reviewers approve or refuse (with a reason the family is told), one by one
or in bulk; the lists cost the same whatever their length; families and staff without the permission cannot act."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from notifications.models import Notification
from showcase.models import Entry, Photo, Version
from showcase.workflow import Notice, Status
from tests.factories import UserFactory
from tests.showcase.conftest import entry_publish, entry_send, upload
from tests.showcase.test_views import _public_entries


def step_url(version, to_status):
    return reverse("admin:showcase_version_step", kwargs={"object_id": version.pk, "to_status": to_status})


def test_a_reviewer_sees_the_version_its_photos_and_what_is_public(client, reviewer, alice_licence, alice):
    entry = entry_publish(alice_licence, alice, reviewer)
    change = entry_send(alice_licence, alice, photos=[upload()], description_en="A new line of oud.")
    client.force_login(reviewer)
    page = client.get(reverse("admin:showcase_version_change", args=[change.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "A new line of oud." in body
    assert entry.published.description_en in body  # what the public sees meanwhile
    assert reverse("showcase:photo", args=[change.photos.get().pk, 320]) in body
    assert step_url(change, "approved") in body and step_url(change, "refused") in body
    assert 'data-testid="showcase-history"' in body


def test_a_reviewer_approves_from_the_step_page(client, reviewer, alice_licence, alice):
    version = entry_send(alice_licence, alice)
    client.force_login(reviewer)
    assert client.get(step_url(version, "approved")).status_code == 200
    response = client.post(step_url(version, "approved"))
    assert response.status_code == 302
    assert Entry.objects.get().published == version


def test_a_refusal_needs_a_reason_and_is_sent_to_the_family(client, reviewer, alice_licence, alice):
    version = entry_send(alice_licence, alice)
    client.force_login(reviewer)
    assert client.post(step_url(version, "refused"), {"reason": ""}).status_code == 200
    version.refresh_from_db()
    assert version.status == Status.PENDING
    client.post(step_url(version, "refused"), {"reason": "Please add a photo of the products themselves."})
    version.refresh_from_db()
    assert version.status == Status.REFUSED
    notification = Notification.objects.get(recipient=alice, kind=Notice.REFUSED)
    assert notification.context["message"] == "Please add a photo of the products themselves."


def test_a_step_no_longer_possible_is_refused_with_a_message(client, reviewer, alice_licence, alice):
    entry = entry_publish(alice_licence, alice, reviewer)
    client.force_login(reviewer)
    response = client.post(step_url(entry.published, "approved"))
    assert response.status_code == 302
    assert client.get(step_url(entry.published, "nonsense")).status_code == 404


def test_a_bulk_approval_approves_each_pending_version(
    client, reviewer, alice_licence, alice, charlie_licence, charlie
):
    first, second = entry_send(alice_licence, alice), entry_send(charlie_licence, charlie)
    client.force_login(reviewer)
    client.post(
        reverse("admin:showcase_version_changelist"),
        {"action": "approve", "_selected_action": [first.pk, second.pk]},
    )
    assert set(Version.objects.values_list("status", flat=True)) == {Status.APPROVED}


def test_families_and_staff_without_the_permission_cannot_moderate(client, alice, alice_licence):
    version = entry_send(alice_licence, alice)
    client.force_login(alice)
    assert client.get(step_url(version, "approved")).status_code == 302  # to the admin login
    clerk = UserFactory(is_staff=True)
    client.force_login(clerk)
    assert client.post(step_url(version, "approved")).status_code == 403
    version.refresh_from_db()
    assert version.status == Status.PENDING


def test_reviewers_and_managers_may_decide(db):
    for name in ("Reviewers", "Managers"):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert {"view_entry", "view_version", "decide_version"} <= codenames
        assert "change_version" not in codenames


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("model", ["version", "entry"])
def test_the_admin_lists_cost_the_same_for_5_and_50_rows(client, reviewer, count, model, django_assert_max_num_queries):
    _public_entries(count, reviewer)
    client.force_login(reviewer)
    with django_assert_max_num_queries(14):
        response = client.get(
            reverse(f"admin:showcase_{model}_changelist"),
            {"status__exact": "approved"} if model == "version" else {"public": "yes"},
        )
    assert response.status_code == 200
    assert response.context["cl"].result_count == count
    assert Photo.objects.count() == 2 * count


def test_the_entry_list_is_never_filtered_by_the_search_document(client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("admin:showcase_entry_changelist"), {"search_document": "abc"})
    assert response.status_code == 400
