"""task_publish: a broker that hangs costs a request one short wait, whatever the number of tasks it publishes."""

import threading
import time

import pytest

from intaj_portal import celery as portal_celery

TASK = "notifications.tasks.outbox_relay"


@pytest.fixture
def broker(monkeypatch, settings):
    """A broker to publish to, in the real (not eager) mode: it records each publish and hangs while `hung` is set."""
    settings.TASK_PUBLISH_TIMEOUT_SECONDS = 0.2
    portal_celery.app.conf.task_always_eager = False  # put back by the `celery_in_process` fixture
    monkeypatch.setattr(portal_celery, "_paused_until", 0.0)

    class Broker:
        published: list[tuple] = []
        threads: list[str] = []
        hung = False
        release = threading.Event()

        def apply_async(self, args):
            Broker.threads.append(threading.current_thread().name)
            if self.hung:
                self.release.wait(10)
                raise TimeoutError("the broker never answered")
            Broker.published.append(args)

    fake = Broker()
    monkeypatch.setattr(portal_celery.app.tasks[TASK], "apply_async", fake.apply_async)
    yield fake
    Broker.release.set()


def test_a_publish_reaches_the_broker(broker):
    assert portal_celery.task_publish(TASK, 7) is True
    assert broker.published == [(7,)]


def test_a_hung_broker_is_waited_for_once_then_every_publish_gives_up_at_once(broker):
    broker.hung = True
    results = [portal_celery.task_publish(TASK, n) for n in range(12)]
    assert results == [False] * 12
    assert len(broker.threads) == 1  # the first publish waited for the broker; the next eleven did not try


def test_publishing_tries_the_broker_again_once_the_pause_is_over(broker, settings):
    settings.TASK_PUBLISH_PAUSE_SECONDS = 0.01
    broker.hung = True
    assert portal_celery.task_publish(TASK, 1) is False
    broker.hung = False
    broker.release.set()  # the hung publish ends; the broker answers again
    time.sleep(0.05)
    assert portal_celery.task_publish(TASK, 2) is True
    assert broker.published == [(2,)]


def test_a_broker_that_refuses_pauses_publishing_too(broker, monkeypatch):
    def refused(args):
        broker.threads.append("refused")
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(portal_celery.app.tasks[TASK], "apply_async", refused)
    assert portal_celery.task_publish(TASK, 1) is False
    assert portal_celery.task_publish(TASK, 2) is False
    assert broker.threads == ["refused"]


def test_in_eager_mode_the_task_runs_here_and_now(broker):
    portal_celery.app.conf.task_always_eager = True
    assert portal_celery.task_publish(TASK, 3) is True
    assert broker.threads == [threading.current_thread().name]
    assert broker.published == [(3,)]
