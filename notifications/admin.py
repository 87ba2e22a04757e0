from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.models import Delivery, Notification
from notifications.services import deliveries_retry


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ["channel", "address", "status", "attempts", "next_attempt_at", "sent_at", "last_error"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "recipient", "language", "read_at"]
    list_filter = ["kind", "language", ("read_at", admin.EmptyFieldListFilter)]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email", "context__reference"]
    date_hierarchy = "created_at"
    readonly_fields = ["recipient", "kind", "language", "context", "dedupe_key", "created_at", "read_at"]
    inlines = [DeliveryInline]

    def has_add_permission(self, request):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "notification",
        "channel",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "channel"]
    list_select_related = ["notification__recipient"]
    search_fields = ["address", "notification__recipient__email"]

    @admin.display(description=_("no."), ordering="id")
    def number(self, delivery):
        return delivery.pk

    readonly_fields = [
        "notification",
        "channel",
        "address",
        "status",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "sent_at",
        "last_error",
    ]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Try the failed deliveries again now"), permissions=["change"])
    def retry_now(self, request, queryset):
        count = deliveries_retry(delivery_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext("%(count)d delivery will be tried again.", "%(count)d deliveries will be tried again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
