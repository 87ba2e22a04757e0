import datetime

import pytest
from django.core import mail
from django.utils import timezone

from licenses import services
from licenses.models import Licence
from licenses.models import Notice as Kind
from licenses.tasks import licences_expire
from notifications.models import Notification
from tests.licenses.factories import complete_application, licence_for

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 28)


def issued_to_expire_in(family, days):
    # A licence's last valid day is the day before the anniversary of its issue date.
    issued_on = TODAY + datetime.timedelta(days=days + 1) - datetime.timedelta(days=365)
    licence = licence_for(family=family, issued_on=issued_on)
    Licence.objects.filter(pk=licence.pk).update(expires_on=TODAY + datetime.timedelta(days=days))
    licence.refresh_from_db()
    return licence


@pytest.mark.parametrize("days", [30, 7, 0])
def test_holders_are_reminded_30_and_7_days_before_expiry_and_on_the_day(alice_family, days):
    licence = issued_to_expire_in(alice_family, days)
    assert services.licence_reminders_send(today=TODAY) == 1
    notification = Notification.objects.get(kind=Kind.RENEWAL_REMINDER)
    assert notification.recipient == alice_family.user
    assert notification.context["licence_number"] == licence.number
    assert notification.context["expiry_date"] == licence.expires_on.isoformat()


@pytest.mark.parametrize("days", [31, 8, 6, 1, -1])
def test_no_reminder_on_other_days(alice_family, days):
    issued_to_expire_in(alice_family, days)
    assert services.licence_reminders_send(today=TODAY) == 0


def test_running_the_reminders_twice_the_same_day_sends_once(alice_family, django_capture_on_commit_callbacks):
    issued_to_expire_in(alice_family, 7)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.licence_reminders_send(today=TODAY) == 1
        assert services.licence_reminders_send(today=TODAY) == 0
    assert len(mail.outbox) == 1


def test_an_expired_licence_is_not_reminded(alice_family):
    licence = issued_to_expire_in(alice_family, 7)
    Licence.objects.filter(pk=licence.pk).update(status=Licence.Status.EXPIRED)
    assert services.licence_reminders_send(today=TODAY) == 0


def test_the_expiry_task_marks_licences_past_their_last_day(alice_family):
    licence = issued_to_expire_in(alice_family, -1)
    assert licences_expire() == 1
    licence.refresh_from_db()
    assert licence.status == Licence.Status.EXPIRED
    assert licences_expire() is None  # a second beat's run the same day does nothing (intaj_portal/periodic.py)
    assert services.licence_expire_due(today=timezone.localdate()) == 0  # and the work itself is idempotent


def test_the_overdue_digest_goes_to_staff_once_a_day(alice_family, reviewer, manager):
    application = complete_application(family=alice_family, status="submitted")
    long_ago = timezone.now() - datetime.timedelta(days=30)
    type(application).objects.filter(pk=application.pk).update(last_submitted_at=long_ago)
    assert services.overdue_digest_send(today=TODAY) == 2
    assert services.overdue_digest_send(today=TODAY) == 0
    digest = Notification.objects.filter(kind=Kind.STAFF_OVERDUE_DIGEST).first()
    assert digest.context["references"] == [application.reference]
    assert not Notification.objects.filter(recipient=alice_family.user).exists()


def test_no_digest_when_nothing_is_overdue(alice_family, reviewer):
    complete_application(family=alice_family, status="submitted")
    assert services.overdue_digest_send(today=TODAY) == 0


def test_the_schedules_are_stored_in_the_database_for_celery_beat():
    from django_celery_beat.models import PeriodicTask

    tasks = dict(PeriodicTask.objects.values_list("task", "enabled"))
    assert tasks == {
        "notifications.tasks.outbox_relay": True,
        "licenses.tasks.fee_assessments_relay": True,
        "licenses.tasks.licences_expire": True,
        "licenses.tasks.licence_reminders": True,
        "licenses.tasks.overdue_digest": True,
        "benefits.tasks.session_reminders": True,
    }
