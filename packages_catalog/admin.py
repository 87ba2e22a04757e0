from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from packages_catalog.models import Activity, DocumentType, FeeSchedule, Package


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["name_ar", "name_en", "display_order", "is_active"]


@admin.register(Package)
class PackageAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_ar", "name_en", "requires_public_health_fee", "display_order", "is_active"]
    list_editable = ["display_order", "is_active"]
    search_fields = ["code", "name_ar", "name_en"]
    inlines = [ActivityInline]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["name_ar", "name_en", "package", "is_active"]
    list_filter = ["package", "is_active"]
    list_select_related = ["package"]
    search_fields = ["name_ar", "name_en"]


@admin.register(DocumentType)
class DocumentTypeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_ar", "name_en", "condition", "display_order"]
    list_filter = ["condition", "packages"]
    search_fields = ["code", "name_ar", "name_en"]
    filter_horizontal = ["packages"]


@admin.register(FeeSchedule)
class FeeScheduleAdmin(SimpleHistoryAdmin):
    list_display = [
        "effective_from",
        "new_licence_fee",
        "renewal_fee",
        "late_renewal_fine",
        "public_health_fee",
        "beneficiary_discount_percent",
    ]
    date_hierarchy = "effective_from"
