"""A broker that accepts connections and never answers (or a frozen Redis): the family's submission, which writes a
notification for each active reviewer, answers at once and commits; the relay delivers everything later, once."""

import json
import re
from collections import Counter

import pytest
from django.contrib.auth.models import Group

from families.roles import REVIEWERS
from licenses.models import Application, Status
from notifications.models import Channel, Delivery, DeliveryStatus
from notifications.tasks import outbox_relay
from tests.factories import UserFactory
from tests.integration.conftest import run_portal, wait_for
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import complete_application

pytestmark = [pytest.mark.real_broker, pytest.mark.django_db(transaction=True)]

SUBMIT = """
import json, time
from django.test import Client
from families.models import User
client = Client()
client.force_login(User.objects.get(pk={family}))
started = time.monotonic()
response = client.post("/en/applications/{application}/submit/", {{"confirm": "on"}})
print(json.dumps({{"status": response.status_code, "seconds": time.monotonic() - started}}))
"""


def message_ids_sent(mail_dir) -> Counter:
    """How many copies of each Message-ID the workers wrote out."""
    text = "".join(path.read_text(encoding="utf-8") for path in mail_dir.iterdir())
    return Counter(re.findall(r"^Message-ID: (<delivery-\d+@[^>]+>)$", text, flags=re.MULTILINE))


def test_a_submission_with_six_reviewers_does_not_wait_for_a_hung_broker_and_each_is_told_once(
    real_celery, hung_server, alice, reviewer
):
    for number in range(5):
        colleague = UserFactory(email=f"reviewer{number}@intaj.example.ae", is_staff=True)
        colleague.groups.add(Group.objects.get(name=REVIEWERS))
    application = complete_application(family=eligible_family(alice))

    result = run_portal(
        SUBMIT.format(family=alice.pk, application=application.pk),
        CELERY_BROKER_URL=f"redis://127.0.0.1:{hung_server.port}/0",
        CELERY_TASK_DEFAULT_QUEUE=real_celery.queue,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    deliveries = Delivery.objects.filter(channel=Channel.EMAIL)
    print(
        f"\nsubmission with 6 active reviewers, broker hung: answered {answer['status']} in {answer['seconds']:.2f} s,"
        f" {deliveries.count()} e-mails waiting"
    )
    assert answer["status"] == 302
    assert answer["seconds"] < 3
    assert hung_server.connections, "the portal never tried the hung broker"
    assert Application.objects.get(pk=application.pk).status == Status.SUBMITTED
    assert deliveries.count() == 7  # the family and six reviewers
    assert set(deliveries.values_list("status", flat=True)) == {DeliveryStatus.PENDING}

    # The broker is back: a worker runs and the relay, which Celery beat runs every minute, hands over the backlog.
    real_celery.start()
    outbox_relay()
    assert wait_for(lambda: not deliveries.exclude(status=DeliveryStatus.SENT).exists())
    copies = message_ids_sent(real_celery.mail_dir)
    print(f"copies sent per notification: {sorted(copies.values())}")
    assert sorted(copies) == sorted(
        f"<delivery-{pk}@intaj.sssd.shj.ae>" for pk in deliveries.values_list("pk", flat=True)
    )
    assert set(copies.values()) == {1}
