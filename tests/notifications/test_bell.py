"""The bell in the header: a link to the notifications with the unread count, for signed-in users only."""

import pytest

from licenses.models import Notice as Kind
from notifications.services import notification_create

pytestmark = pytest.mark.django_db


def notify(recipient, context, count):
    for _ in range(count):
        notification_create(recipient=recipient, kind=Kind.APPLICATION_RECEIVED, context=context, channels=[])


def test_the_bell_shows_the_unread_count_with_a_label_that_says_it(client, alice, received_context):
    notify(alice, received_context, count=3)
    client.force_login(alice)
    content = client.get("/en/").content.decode()
    assert 'data-testid="nav-bell"' in content
    assert 'href="/en/notifications/"' in content
    assert 'aria-label="Notifications, 3 unread"' in content
    assert '<span class="nav-bell-count" data-testid="unread-count" aria-hidden="true">3</span>' in content


def test_the_bell_says_one_unread_in_the_singular(client, alice, received_context):
    notify(alice, received_context, count=1)
    client.force_login(alice)
    assert 'aria-label="Notifications, 1 unread"' in client.get("/en/").content.decode()


def test_the_bell_has_no_badge_when_everything_is_read(client, alice):
    client.force_login(alice)
    content = client.get("/en/").content.decode()
    assert 'data-testid="nav-bell"' in content
    assert 'aria-label="Notifications"' in content
    assert 'data-testid="unread-count"' not in content


def test_the_bell_is_labelled_in_arabic(client, alice, received_context):
    notify(alice, received_context, count=2)
    client.force_login(alice)
    content = client.get("/ar/").content.decode()
    assert 'href="/ar/notifications/"' in content
    assert 'aria-label="Notifications, 2 unread"' not in content


def test_anonymous_visitors_have_no_bell(client):
    assert 'data-testid="nav-bell"' not in client.get("/en/").content.decode()


def test_charlie_does_not_count_alices_notifications(client, alice, charlie, received_context):
    notify(alice, received_context, count=2)
    client.force_login(charlie)
    assert 'data-testid="unread-count"' not in client.get("/en/").content.decode()


def test_references_stay_whole_and_left_to_right_in_the_arabic_list(client, alice, received_context):
    notify(alice, {**received_context, "reference": "ETM-2026-000042"}, count=1)
    client.force_login(alice)
    content = client.get("/ar/notifications/").content.decode()
    assert '<bdi dir="ltr" class="text-nowrap">ETM-2026-000042</bdi>' in content


def test_notification_text_is_still_escaped(client, alice, received_context):
    notify(alice, {**received_context, "package_ar": "<script>x</script>"}, count=1)
    client.force_login(alice)
    content = client.get("/ar/notifications/").content.decode()
    assert "<script>x</script>" not in content


@pytest.mark.parametrize("count", [1, 2, 3, 11, 100])
def test_the_arabic_label_holds_the_digits_the_bell_shows(client, alice, received_context, count):
    """A label that names what is seen (WCAG 2.5.3): a speech user says the digits the badge shows, in every plural
    form of Arabic."""
    notify(alice, received_context, count=count)
    client.force_login(alice)
    assert f'aria-label="الإشعارات غير المقروءة: {count}"' in client.get("/ar/").content.decode()
