from notifications.selectors import notification_unread_count


def unread_notifications(request):
    """The bell's count: one query, and only for a signed-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": notification_unread_count(recipient=user)}
