from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from notifications.messages import notification_render
from notifications.selectors import notification_list_for
from notifications.services import notifications_mark_read

PAGE_SIZE = 20


@login_required
@require_GET
def notification_list(request):
    page = Paginator(notification_list_for(recipient=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    items = [(notification, notification_render(notification)) for notification in page.object_list]
    return render(request, "notifications/list.html", {"page": page, "items": items})


@login_required
@require_POST
def notification_mark_read(request):
    """Marks one notification (`id`) or, without one, all of the signed-in user's notifications as read."""
    raw_id = request.POST.get("id", "")
    ids = [int(raw_id)] if raw_id.isdigit() else None
    notifications_mark_read(recipient=request.user, notification_ids=ids)
    return redirect("notifications:list")
