from django.db.models import QuerySet

from notifications.models import Notification


def notifications_for(*, recipient) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=recipient).order_by("-created_at", "-id")


def notifications_unread_count(*, recipient) -> int:
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True).count()
