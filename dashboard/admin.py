from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dashboard.models import ExportRecord
from intaj_portal.admin_tools import ReadOnlyAdminMixin

LIST_SEPARATOR = pgettext_lazy("between items of a list", ", ")


@admin.register(ExportRecord)
class ExportRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who downloaded what: read by managers (the group's view permission), written only by the export views.

    The record is the audit trail of downloads: nobody edits it, superusers included.
    """

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
