"""A mail server that hangs or fails at each moment of a delivery, with a real worker, Redis and PostgreSQL.

Each test counts the copies the (fake) mail server took, by Message-ID: every notification exactly once, and says
where the remaining duplicate window is. And a person asking for a password reset is not held up by it either.
"""

import os
import signal
import time

import pytest
from django.utils import timezone

from notifications.models import Channel, Delivery, DeliveryStatus
from notifications.services import delivery_message_id
from notifications.tasks import outbox_relay
from tests.integration.conftest import (
    database_backends_terminate,
    notify,
    own_backend_pid,
    status_of,
    wait_for,
)

pytestmark = [pytest.mark.real_broker, pytest.mark.django_db(transaction=True)]


def smtp_worker_env(server, *, timeout: int = 1) -> dict:
    """A worker that sends through `server`, gives up on it after `timeout` seconds, and retries a second later."""
    return {
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(server.port),
        "DJANGO_EMAIL_TIMEOUT": str(timeout),
        "NOTIFICATION_RETRY_BASE_SECONDS": "1",
    }


def stop(worker) -> str:
    """Kill a worker as a machine that dies would, and return what it logged."""
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    return worker.stdout.read().decode(errors="replace")


def retry_when_due(delivery_id):
    """Run the relay (as Celery beat does every minute) once the failed delivery's back-off is over."""
    due = Delivery.objects.get(pk=delivery_id).next_attempt_at
    time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.1)
    outbox_relay()


@pytest.mark.parametrize("stall", ["greeting", "accept"])
def test_a_mail_server_that_stalls_before_accepting_ends_the_attempt_and_the_retry_sends_once(
    real_celery, smtp_server, alice, stall
):
    server = smtp_server(stall=stall)
    real_celery.start(**smtp_worker_env(server))
    delivery = notify(alice, [Channel.EMAIL])
    first_attempt_over = wait_for(
        lambda: Delivery.objects.filter(pk=delivery.pk, attempts=1, last_error__gt="").first(), interval=0.05
    )
    assert first_attempt_over and first_attempt_over.status == DeliveryStatus.PENDING, status_of(delivery.pk)
    attempt_seconds = (timezone.now() - first_attempt_over.claimed_at).total_seconds()  # at most: it is polled

    retry_when_due(delivery.pk)
    assert wait_for(lambda: status_of(delivery.pk) == DeliveryStatus.SENT), status_of(delivery.pk)
    message_id = delivery_message_id(delivery)
    print(
        f"\nserver stalls at {stall}: first attempt ended within {attempt_seconds:.1f} s of its claim"
        f" ({first_attempt_over.last_error}); copies accepted: {server.accepted.count(message_id)};"
        f" received but never accepted: {server.unanswered.count(message_id)}"
    )
    assert server.accepted == [message_id]
    assert Delivery.objects.get(pk=delivery.pk).attempts == 2
    # The window left (docs/decisions.md): stalling at "accept", this server had the whole message. It dropped it,
    # as a server must when it never answered; one that delivered it anyway would make two copies, both carrying
    # the same Message-ID.
    assert server.unanswered == ([message_id] if stall == "accept" else [])


def test_a_worker_killed_while_the_server_is_slow_to_answer_quit_has_already_marked_the_delivery_sent(
    real_celery, smtp_server, alice
):
    server = smtp_server(stall="quit", stall_times=1000)
    first = real_celery.start(**smtp_worker_env(server, timeout=30))
    delivery = notify(alice, [Channel.EMAIL])
    assert wait_for(server.stalled_at_quit.is_set)
    assert status_of(delivery.pk) == DeliveryStatus.SENT  # before QUIT, while the worker still waits for its answer
    stop(first)

    # Another worker, and the relay: nothing is due, nothing is sent again. Two more notifications show that a
    # server that never answers QUIT holds this worker only EMAIL_TIMEOUT each time.
    real_celery.start(**smtp_worker_env(server, timeout=1))
    outbox_relay()
    later = [notify(alice, [Channel.EMAIL]) for _ in range(2)]
    assert wait_for(lambda: all(status_of(each.pk) == DeliveryStatus.SENT for each in later), timeout=30)
    copies = [server.accepted.count(delivery_message_id(each)) for each in [delivery, *later]]
    print(f"\nserver never answers QUIT, first worker killed waiting for it: copies per notification {copies}")
    assert copies == [1, 1, 1]
    assert len(server.accepted) == 3


def test_a_database_error_after_the_server_accepted_is_retried_and_the_family_gets_one_copy(
    real_celery, smtp_server, alice
):
    test_connection = own_backend_pid()
    killed = []
    server = smtp_server(on_accept=lambda: killed.append(database_backends_terminate(sparing={test_connection})))
    worker = real_celery.start(**smtp_worker_env(server))
    delivery = notify(alice, [Channel.EMAIL])
    assert wait_for(lambda: status_of(delivery.pk) == DeliveryStatus.SENT), status_of(delivery.pk)
    log = stop(worker)
    print(
        f"\nworker's database connection killed as the server accepted: {killed} killed; copies accepted:"
        f" {server.accepted.count(delivery_message_id(delivery))}"
    )
    assert killed and killed[0] >= 1
    assert "marking it sent failed (try 1), trying again" in log
    assert server.accepted == [delivery_message_id(delivery)]
    assert Delivery.objects.get(pk=delivery.pk).attempts == 1


def test_a_password_reset_with_a_hung_mail_server_answers_at_once_and_says_to_try_again(
    client, hung_server, alice, settings
):
    """With the default ACCOUNT_EMAIL_TIMEOUT (2 s), which bounds e-mails sent while a person waits."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", hung_server.port
    client.get("/en/account/password/reset/")  # a web process that has served a page before, as in production
    started = time.monotonic()
    response = client.post("/en/account/password/reset/", {"email": alice.email})
    seconds = time.monotonic() - started
    print(f"\npassword reset, mail server hung: answered {response.status_code} in {seconds:.2f} s")
    assert response.status_code == 200
    assert seconds < 3
    assert hung_server.connections, "the portal never tried the hung mail server"
    assert "We could not send the e-mail just now. Please try again in a few minutes." in response.content.decode()
