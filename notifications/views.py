from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from notifications.forms import MarkReadForm
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
    form = MarkReadForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["id"][0])
        return redirect("notifications:list")
    notification_id = form.cleaned_data["id"]
    notifications_mark_read(
        recipient=request.user, notification_ids=None if notification_id is None else [notification_id]
    )
    return redirect("notifications:list")
