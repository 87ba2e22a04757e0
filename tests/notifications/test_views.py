import pytest
from django.urls import reverse

from licenses.models import Notice as Kind
from notifications.models import Notification
from notifications.services import notification_create

pytestmark = pytest.mark.django_db


def notify(recipient, context, count=1):
    return [
        notification_create(recipient=recipient, kind=Kind.APPLICATION_RECEIVED, context=context, channels=[])
        for _ in range(count)
    ]


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/en/notifications/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_a_family_sees_its_notifications_in_its_language(client, alice, received_context):
    notify(alice, received_context)
    client.force_login(alice)
    content = client.get("/ar/notifications/").content.decode()
    assert 'تم استلام الطلب <bdi dir="ltr" class="text-nowrap">ETM-2026-000042</bdi>' in content
    assert 'href="/ar/applications/42/"' in content


def test_a_family_never_sees_another_familys_notifications(client, alice, charlie, received_context):
    notify(alice, received_context)
    client.force_login(charlie)
    response = client.get("/en/notifications/")
    assert "ETM-2026-000042" not in response.content.decode()
    assert list(response.context["page"]) == []


def test_the_bell_counts_unread_notifications(client, alice, received_context):
    notify(alice, received_context, count=3)
    client.force_login(alice)
    assert client.get("/en/").context["unread_notifications"] == 3


def test_marking_one_as_read(client, alice, received_context):
    first, second = notify(alice, received_context, count=2)
    client.force_login(alice)
    response = client.post(reverse("notifications:mark_read"), {"id": first.pk})
    assert response.status_code == 302
    assert Notification.objects.filter(read_at__isnull=True).get() == second


def test_marking_all_as_read(client, alice, received_context):
    notify(alice, received_context, count=2)
    client.force_login(alice)
    client.post(reverse("notifications:mark_read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_a_family_cannot_mark_another_familys_notification(client, alice, charlie, received_context):
    (theirs,) = notify(alice, received_context)
    client.force_login(charlie)
    client.post(reverse("notifications:mark_read"), {"id": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize("raw", ["'; drop table", "²", "٣", "1e3", "-1", "9" * 20, "1.0", " 1"])
def test_a_malformed_id_marks_nothing_and_says_so(client, alice, received_context, raw):
    # '²'.isdigit() is True, and an id that was not a number used to mean "mark them all".
    notify(alice, received_context, count=2)
    client.force_login(alice)
    response = client.post("/ar/notifications/read/", {"id": raw})
    assert response.status_code == 302
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "لم يُعثر على هذا العنصر. يُرجى إعادة تحميل الصفحة والمحاولة مجدداً." in page


def test_mark_read_refuses_get(client, alice):
    client.force_login(alice)
    assert client.get(reverse("notifications:mark_read")).status_code == 405


@pytest.mark.parametrize("count", [5, 50])
def test_the_list_query_count_does_not_grow_with_notifications(
    client, alice, received_context, count, django_assert_max_num_queries
):
    notify(alice, received_context, count=count)
    client.force_login(alice)
    with django_assert_max_num_queries(6):
        response = client.get("/en/notifications/")
    assert len(response.context["items"]) == min(count, 20)
