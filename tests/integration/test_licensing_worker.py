"""The licensing steps with a real Celery worker, Redis and PostgreSQL: submission and approval, also with the
broker down."""

import subprocess
from decimal import Decimal

import pytest

from licenses import services
from licenses.models import FeeAssessment, Status
from licenses.tasks import fee_assessments_relay
from notifications.models import Delivery, DeliveryStatus
from notifications.tasks import outbox_relay
from tests.integration.conftest import run_portal, wait_for
from tests.licenses.factories import complete_application

pytestmark = [pytest.mark.real_broker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def alice_draft(alice):
    from tests.licenses.conftest import eligible_family

    return complete_application(family=eligible_family(alice))


def family_deliveries(alice):
    return Delivery.objects.filter(notification__recipient=alice)


def test_a_submission_produces_a_delivered_email(real_celery, alice, alice_draft, reviewer):
    real_celery.start()
    services.application_transition(application=alice_draft, to_status=Status.SUBMITTED, actor=alice)
    assert wait_for(lambda: family_deliveries(alice).filter(status=DeliveryStatus.SENT).exists())
    staff = Delivery.objects.filter(notification__recipient=reviewer)
    assert wait_for(lambda: staff.filter(status=DeliveryStatus.SENT).exists())
    mails = [path.read_text(encoding="utf-8") for path in real_celery.mail_dir.iterdir()]
    alice_draft.refresh_from_db()
    assert any(alice_draft.reference in text and "alice@example.ae" in text for text in mails)


def test_an_approval_produces_a_fee_assessment(real_celery, alice, alice_draft, reviewer):
    real_celery.start()
    submitted = services.application_transition(application=alice_draft, to_status=Status.SUBMITTED, actor=alice)
    reviewing = services.application_transition(application=submitted, to_status=Status.UNDER_REVIEW, actor=reviewer)
    services.application_transition(application=reviewing, to_status=Status.APPROVED, actor=reviewer)
    assessment = FeeAssessment.objects.get(application=alice_draft)
    assert wait_for(lambda: FeeAssessment.objects.get(pk=assessment.pk).state == FeeAssessment.State.COMPUTED)
    assert FeeAssessment.objects.get(pk=assessment.pk).total == Decimal("1200.00")
    approved = family_deliveries(alice).filter(notification__kind="approved")
    assert wait_for(lambda: approved.filter(status=DeliveryStatus.SENT).exists())


def run_with_dead_broker(script: str, queue: str) -> subprocess.CompletedProcess:
    prelude = (
        "import time\nfrom families.models import User\nfrom licenses import services\n"
        "from licenses.models import Application, Status\n"
    )
    return run_portal(prelude + script, CELERY_BROKER_URL="redis://127.0.0.1:9/0", CELERY_TASK_DEFAULT_QUEUE=queue)


def test_with_redis_down_a_family_submits_and_a_reviewer_approves_then_nothing_is_lost(
    real_celery, alice, alice_draft, reviewer
):
    script = f"""
application = Application.objects.get(pk={alice_draft.pk})
alice = User.objects.get(pk={alice.pk})
reviewer = User.objects.get(pk={reviewer.pk})
for to_status, actor in ((Status.SUBMITTED, alice), (Status.UNDER_REVIEW, reviewer), (Status.APPROVED, reviewer)):
    started = time.monotonic()
    application = services.application_transition(application=application, to_status=to_status, actor=actor)
    print(f"{{to_status}} committed in {{time.monotonic() - started:.2f}} s with the broker down")
"""
    result = run_with_dead_broker(script, real_celery.queue)
    assert result.returncode == 0, result.stderr
    print(result.stdout)
    alice_draft.refresh_from_db()
    assert alice_draft.status == Status.APPROVED
    assessment = FeeAssessment.objects.get(application=alice_draft)
    assert assessment.state == FeeAssessment.State.PENDING
    assert set(family_deliveries(alice).values_list("status", flat=True)) == {DeliveryStatus.PENDING}

    # The broker is back: a worker runs, and the relays that Celery beat runs every minute hand over the backlog.
    real_celery.start()
    FeeAssessment.objects.filter(pk=assessment.pk).update(created_at=assessment.created_at.replace(year=2000))
    outbox_relay()
    fee_assessments_relay()
    assert wait_for(lambda: FeeAssessment.objects.get(pk=assessment.pk).state == FeeAssessment.State.COMPUTED)
    assert wait_for(lambda: not family_deliveries(alice).exclude(status=DeliveryStatus.SENT).exists())
    kinds = set(family_deliveries(alice).values_list("notification__kind", flat=True))
    assert kinds == {"application_received", "under_review", "approved"}
