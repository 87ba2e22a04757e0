"""The benefits with a real Celery worker, Redis and PostgreSQL: a booth accepted reaches the family by e-mail, and
the day-before reminders, run twice by the worker, are written and delivered once."""

import datetime

import pytest
from django.utils import timezone

from benefits import services
from benefits.models import BoothStatus, Notice
from benefits.tasks import session_reminders
from notifications.models import Delivery, DeliveryStatus, Notification
from tests.benefits.conftest import licence_holder
from tests.benefits.factories import course_make, exhibition_make
from tests.integration.conftest import wait_for

pytestmark = [pytest.mark.real_broker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "documents"},
        },
    }


def sent(kind):
    return Delivery.objects.filter(notification__kind=kind, status=DeliveryStatus.SENT)


def test_an_accepted_booth_reaches_the_family_by_email(real_celery, alice, reviewer):
    real_celery.start()
    family = licence_holder(alice)
    exhibition = exhibition_make(name="Sharjah Heritage Days")
    application = services.exhibition_apply(exhibition=exhibition, family=family, products="Oud", actor=alice)
    services.booth_application_transition(
        booth_application=application, to_status=BoothStatus.ACCEPTED, actor=reviewer, reason="Booth 12."
    )
    assert wait_for(lambda: sent(Notice.BOOTH_ACCEPTED).filter(channel="email").exists())
    mails = [path.read_text(encoding="utf-8") for path in real_celery.mail_dir.iterdir()]
    assert any("Booth 12." in text and "alice@example.ae" in text for text in mails)


def test_the_worker_sends_each_reminder_once_however_often_the_task_runs(real_celery, alice):
    real_celery.start()
    family = licence_holder(alice)
    course = course_make(starts_in=1, sessions=1)
    services.course_enrol(course=course, family=family, actor=alice, now=timezone.now() - datetime.timedelta(days=2))
    session_reminders.delay()
    session_reminders.delay()
    # One worker process takes the tasks in order: both runs were done before the first run's delivery was sent.
    assert wait_for(lambda: sent(Notice.SESSION_REMINDER).filter(channel="email").exists())
    assert Notification.objects.filter(kind=Notice.SESSION_REMINDER).count() == 1
