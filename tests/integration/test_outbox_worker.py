"""The outbox with a real worker: delivery, a worker killed mid-send, a broker that is down."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import transaction

from licenses.models import Notice as Kind
from notifications.models import Channel, Delivery, DeliveryStatus
from notifications.services import notification_create
from notifications.tasks import outbox_relay
from tests.integration.conftest import ROOT, database_url, wait_for

pytestmark = [pytest.mark.real_broker, pytest.mark.django_db(transaction=True)]

CONTEXT = {"reference": "ETM-2026-000007", "package_ar": "باقة مهرة", "package_en": "Mohra", "path": "/"}


def status_of(delivery_id):
    return Delivery.objects.get(pk=delivery_id).status


def notify(user, channels):
    with transaction.atomic():
        notification = notification_create(
            recipient=user, kind=Kind.APPLICATION_RECEIVED, context=CONTEXT, channels=channels
        )
    return notification.deliveries.get()


def test_a_worker_delivers_an_email_from_the_outbox(real_celery, alice):
    real_celery.start()
    delivery = notify(alice, [Channel.EMAIL])
    assert wait_for(lambda: status_of(delivery.pk) == DeliveryStatus.SENT), status_of(delivery.pk)
    (sent,) = list(real_celery.mail_dir.iterdir())
    assert "ETM-2026-000007" in sent.read_text(encoding="utf-8")


def test_a_worker_killed_mid_send_loses_nothing_and_sends_once(real_celery, alice, settings):
    settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS = 2
    alice.mobile = "+971501234567"
    alice.save()
    first = real_celery.start(
        SMS_BACKEND="tests.integration.sms.StallingOnceSmsBackend", NOTIFICATION_CLAIM_TIMEOUT_SECONDS="2"
    )
    delivery = notify(alice, [Channel.SMS])
    assert wait_for(lambda: (real_celery.sms_dir / "stalled.marker").exists())
    assert status_of(delivery.pk) == DeliveryStatus.SENDING
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)

    real_celery.start(NOTIFICATION_CLAIM_TIMEOUT_SECONDS="2")
    time.sleep(2.5)  # past the claim timeout: the dead worker's claim is abandoned
    outbox_relay()  # what Celery beat runs every minute
    assert wait_for(lambda: status_of(delivery.pk) == DeliveryStatus.SENT), status_of(delivery.pk)
    sent = list(real_celery.sms_dir.glob("*.sms"))
    assert len(sent) == 1
    assert Delivery.objects.get(pk=delivery.pk).attempts == 2


def test_with_the_broker_down_the_change_commits_and_the_relay_delivers_later(real_celery, alice):
    """A process whose broker is a dead port writes a notification; then the live broker and a worker deliver it."""
    script = (
        "import time, django; django.setup();"
        "from django.db import transaction;"
        "from families.models import User;"
        "from licenses.models import Notice as Kind; from notifications.models import Channel;"
        "from notifications.services import notification_create;"
        "started = time.monotonic();"
        "user = User.objects.get(email='alice@example.ae');"
        f"ctx = {CONTEXT!r};"
        "exec('with transaction.atomic():\\n notification_create(recipient=user, kind=Kind.APPLICATION_RECEIVED,"
        " context=ctx, channels=[Channel.EMAIL])');"
        "print(f'committed in {time.monotonic() - started:.2f} s with the broker down')"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "CELERY_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="intaj_portal.settings",
        DATABASE_URL=database_url(),
        CELERY_BROKER_URL="redis://127.0.0.1:9/0",
        CELERY_TASK_DEFAULT_QUEUE=real_celery.queue,
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    print(result.stdout.strip())
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING

    real_celery.start()
    outbox_relay()
    assert wait_for(lambda: status_of(delivery.pk) == DeliveryStatus.SENT), status_of(delivery.pk)
    assert len(list(real_celery.mail_dir.iterdir())) == 1
