from django.db.models import QuerySet

from notifications.models import Notification


def notification_list_for(*, recipient) -> QuerySet[Notification]:
    """The recipient's notifications, newest first."""
    return Notification.objects.filter(recipient=recipient).order_by("-created_at", "-id")


def notification_unread_count(*, recipient) -> int:
    """How many of the recipient's notifications are unread."""
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True).count()
