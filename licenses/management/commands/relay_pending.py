from django.core.management.base import BaseCommand

from licenses.tasks import fee_assessments_relay
from notifications.tasks import outbox_relay


class Command(BaseCommand):
    help = (
        "Hand Celery everything still waiting: notification deliveries and fee assessments written while the "
        "broker was down or left by a worker that died (what Celery beat does every minute)."
    )

    def handle(self, *args, **options):
        deliveries = outbox_relay()
        assessments = fee_assessments_relay()
        self.stdout.write(f"{deliveries} deliveries and {assessments} fee assessments handed to Celery.")
