import datetime
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet

from notifications.models import Delivery, DeliveryStatus, Notification


def notification_list_for(*, recipient) -> QuerySet[Notification]:
    """The recipient's notifications, newest first."""
    return Notification.objects.filter(recipient=recipient).order_by("-created_at", "-id")


def notification_unread_count(*, recipient) -> int:
    """How many of the recipient's notifications are unread."""
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True).count()


@dataclass(frozen=True)
class DeliveryBacklog:
    pending: int
    failed: int
    oldest_pending_since: datetime.datetime | None


def delivery_backlog() -> DeliveryBacklog:
    """What an operator alerts on, in one query: deliveries waiting to be sent (pending, or being sent), those that
    failed for good, and since when the oldest waiting one waits (its notification's creation)."""
    waiting = Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING])
    figures = Delivery.objects.filter(waiting | Q(status=DeliveryStatus.FAILED)).aggregate(
        pending=Count("pk", filter=waiting),
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
        oldest=Min("notification__created_at", filter=waiting),
    )
    return DeliveryBacklog(pending=figures["pending"], failed=figures["failed"], oldest_pending_since=figures["oldest"])
