"""The portal's own pages that belong to no app: the 500 page and the favicon."""

import sys

from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from intaj_portal.middleware import DATABASE_OUTAGE, database_outage_response, page_without_database


def server_error(request):
    """handler500: the 503 page for a database outage raised outside a view, else the 500 page; neither touches the
    database or the session."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_OUTAGE):
        return database_outage_response(request, error)
    return page_without_database(request, "500.html", status=500)


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on every site (the admin's pages name none): send them to the static icon,
    whose address carries its version in production."""
    response = HttpResponseRedirect(static("favicon.ico"))
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response
