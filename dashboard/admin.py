from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dashboard.models import ExportRecord

LIST_SEPARATOR = pgettext_lazy("between items of a list", ", ")


@admin.register(ExportRecord)
class ExportRecordAdmin(admin.ModelAdmin):
    """Who downloaded what: read by managers (the group's view permission), written only by the export views."""

    list_display = ["created_at", "actor", "what", "fmt", "row_count", "filter_list"]
    list_filter = ["what", "fmt"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"

    @admin.display(description=_("filters"))
    def filter_list(self, record):
        if not record.filters:
            return "—"
        return "; ".join(
            f"{name} = {value if isinstance(value, str) else str(LIST_SEPARATOR).join(value)}"
            for name, value in record.filters.items()
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The record is the audit trail of downloads: nobody edits it, superusers included.
        return False

    def has_delete_permission(self, request, obj=None):
        return False
