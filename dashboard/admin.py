from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from dashboard.models import ExportRecord
from intaj_portal.admin_tools import ReadOnlyAdminMixin
from intaj_portal.text import list_join


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
        values = {name: value if isinstance(value, str) else list_join(value) for name, value in record.filters.items()}
        return list_join((f"{name} = {value}" for name, value in values.items()), groups=True)
