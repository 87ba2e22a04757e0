from django.core.management.base import BaseCommand

from notifications.services import deliveries_due, deliveries_enqueue


class Command(BaseCommand):
    help = "Hand Celery every notification delivery still waiting (what Celery beat does every minute)."

    def handle(self, *args, **options):
        due = deliveries_due()
        enqueued = deliveries_enqueue(delivery_ids=due)
        self.stdout.write(f"{len(due)} deliveries due, {enqueued} handed to Celery.")
