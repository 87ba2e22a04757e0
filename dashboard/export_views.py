"""Downloads of the application list for managers, as CSV or Excel."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from dashboard.exports import (
    EXPORT_FORMATS,
    application_table,
    export_filename,
    export_record_create,
    export_response,
    filters_used,
)
from dashboard.models import ExportRecord
from intaj_portal.access import manager_required
from intaj_portal.admin_tools import PeriodFilter
from licenses.models import Application


@never_cache
@require_GET
@manager_required
def application_list_export(request, fmt):
    """The admin's application list, filtered, searched and ordered as the manager sees it, every page of it.

    The rows come from the admin changelist itself, built from the same query string, so the file always holds
    what the list showed: its filters, its search, its ordering, and no drafts.
    """
    model_admin = admin.site.get_model_admin(Application)
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    if fmt not in EXPORT_FORMATS:
        raise Http404
    # The file holds every page, so the page shown does not matter (and one past the end must not refuse it).
    request.GET = request.GET.copy()
    request.GET.pop(PAGE_VAR, None)
    refused = _("The list could not be downloaded: its filters are not valid. Choose them again.")
    try:
        changelist = model_admin.get_changelist_instance(request)
    except IncorrectLookupParameters:
        messages.error(request, refused)
        return redirect("admin:licenses_application_changelist")
    if any(isinstance(spec, PeriodFilter) and spec.error for spec in changelist.filter_specs):
        # Back to the list as asked, where the period filter shows its dates and what is wrong with them.
        messages.error(request, refused)
        return redirect(f"{reverse('admin:licenses_application_changelist')}?{request.GET.urlencode()}")
    export_record_create(
        actor=request.user,
        what=ExportRecord.What.APPLICATIONS,
        fmt=fmt,
        filters=filters_used(request.GET),
        row_count=changelist.result_count,
    )
    return export_response(
        table=application_table(changelist.queryset),
        fmt=fmt,
        filename=export_filename(ExportRecord.What.APPLICATIONS),
    )
