"""The outbox with a real worker: delivery, a worker killed mid-send, a broker that is down."""

import datetime
import os
import signal
import time

import pytest
from django.utils import timezone

from notifications.models import Channel, Delivery, DeliveryStatus
from notifications.tasks import outbox_relay
from tests.integration.conftest import notify, run_portal, status_of, wait_for

pytestmark = [pytest.mark.real_broker, pytest.mark.django_db(transaction=True)]


def test_a_worker_delivers_an_email_from_the_outbox(real_celery, alice):
    real_celery.start()
    delivery = notify(alice, [Channel.EMAIL])
    assert wait_for(lambda: status_of(delivery.pk) == DeliveryStatus.SENT), status_of(delivery.pk)
    (sent,) = list(real_celery.mail_dir.iterdir())
    assert "ETM-2026-000007" in sent.read_text(encoding="utf-8")


def test_a_worker_killed_mid_send_loses_nothing_and_sends_once(real_celery, alice, settings):
    alice.mobile = "+971501234567"
    alice.save()
    first = real_celery.start(SMS_BACKEND="tests.integration.sms.StallingOnceSmsBackend")
    delivery = notify(alice, [Channel.SMS])
    assert wait_for(lambda: (real_celery.sms_dir / "stalled.marker").exists())
    assert status_of(delivery.pk) == DeliveryStatus.SENDING
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)

    real_celery.start()
    # The dead worker's claim is older than the claim timeout (which outlasts any attempt's time limit).
    abandoned = timezone.now() - datetime.timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS + 1)
    Delivery.objects.filter(pk=delivery.pk).update(claimed_at=abandoned)
    outbox_relay()  # what Celery beat runs every minute
    assert wait_for(lambda: status_of(delivery.pk) == DeliveryStatus.SENT), status_of(delivery.pk)
    sent = list(real_celery.sms_dir.glob("*.sms"))
    assert len(sent) == 1
    assert Delivery.objects.get(pk=delivery.pk).attempts == 2


def test_a_gateway_that_ignores_its_timeout_is_stopped_by_the_time_limit_and_sent_once_later(real_celery, alice):
    alice.mobile = "+971501234567"
    alice.save()
    # Each task carries the time limits of the process that publishes it: the web side's and the worker's agree.
    limits = {"CELERY_TASK_TIME_LIMIT_SECONDS": "4", "CELERY_TASK_SOFT_TIME_LIMIT_SECONDS": "2"}
    real_celery.start(
        pool="prefork",  # production's pool: the one that enforces time limits
        SMS_BACKEND="tests.integration.sms.StallingOnceSmsBackend",  # hangs 120 s the first time
        NOTIFICATION_RETRY_BASE_SECONDS="1",
        **limits,
    )
    script = (
        "from families.models import User\nfrom notifications.models import Channel\n"
        "from tests.integration.conftest import notify\n"
        "print(notify(User.objects.get(email='alice@example.ae'), [Channel.SMS]).pk)\n"
    )
    web = run_portal(
        script, CELERY_BROKER_URL=real_celery.broker, CELERY_TASK_DEFAULT_QUEUE=real_celery.queue, **limits
    )
    assert web.returncode == 0, web.stderr
    delivery = Delivery.objects.get(pk=int(web.stdout.split()[-1]))
    stopped = wait_for(lambda: Delivery.objects.filter(pk=delivery.pk, attempts=1, last_error__gt="").first())
    assert stopped and stopped.status == DeliveryStatus.PENDING, status_of(delivery.pk)
    print(f"\na hung SMS gateway: the attempt was stopped by the soft time limit ({stopped.last_error})")
    assert stopped.last_error.startswith("SoftTimeLimitExceeded")

    time.sleep(max(0.0, (stopped.next_attempt_at - timezone.now()).total_seconds()) + 0.1)
    outbox_relay()
    assert wait_for(lambda: status_of(delivery.pk) == DeliveryStatus.SENT), status_of(delivery.pk)
    assert len(list(real_celery.sms_dir.glob("*.sms"))) == 1


def test_with_the_broker_down_the_change_commits_and_the_relay_delivers_later(real_celery, alice):
    """A process whose broker is a dead port writes a notification; then the live broker and a worker deliver it."""
    script = (
        "import time\n"
        "from families.models import User\n"
        "from notifications.models import Channel\n"
        "from tests.integration.conftest import notify\n"
        "started = time.monotonic()\n"
        "notify(User.objects.get(email='alice@example.ae'), [Channel.EMAIL])\n"
        "print(f'committed in {time.monotonic() - started:.2f} s with the broker down')\n"
    )
    result = run_portal(script, CELERY_BROKER_URL="redis://127.0.0.1:9/0", CELERY_TASK_DEFAULT_QUEUE=real_celery.queue)
    assert result.returncode == 0, result.stderr
    print(result.stdout.strip())
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING

    real_celery.start()
    outbox_relay()
    assert wait_for(lambda: status_of(delivery.pk) == DeliveryStatus.SENT), status_of(delivery.pk)
    assert len(list(real_celery.mail_dir.iterdir())) == 1
