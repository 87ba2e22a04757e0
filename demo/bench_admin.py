"""The benchmark's peer for the admin list: Django's own `ModelAdmin` changelist over the same applications.

Mounted at `/<lang>/bench/admin/` only when settings.BENCHMARK_BASELINE_VIEW is on (intaj_portal/urls.py), so
`make bench` can measure the portal's `ApplicationAdmin` beside what a plain admin would cost on the same table: the
same columns and filters, but Django's defaults (no `list_select_related`, 100 rows a page, a full count).
"""

from django.contrib import admin

from licenses.admin import ApplicationAdmin
from licenses.models import Application
from licenses.selectors import application_is_overdue, application_overdue_cutoff


class BenchAdminSite(admin.AdminSite):
    """A second admin site holding only the plain application list; staff sign in as on the portal's admin."""


bench_admin_site = BenchAdminSite(name="bench_admin")


class PlainApplicationAdmin(admin.ModelAdmin):
    """The portal's list columns and filters, everything else left at Django's default."""

    list_display = ApplicationAdmin.list_display
    list_filter = ApplicationAdmin.list_filter
    # The portal's computed columns, borrowed as they are (each reads its row's related objects one by one here).
    family_name = ApplicationAdmin.family_name
    package_and_kind = ApplicationAdmin.package_and_kind
    first_submitted = ApplicationAdmin.first_submitted
    last_submitted = ApplicationAdmin.last_submitted

    @admin.display(description=ApplicationAdmin.overdue.short_description, boolean=True)
    def overdue(self, application):
        # As a plain admin would: the service level's cutoff worked out for each row (the portal's list reads it once).
        return application_is_overdue(application=application, cutoff=application_overdue_cutoff())

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


bench_admin_site.register(Application, PlainApplicationAdmin)
