"""A database outage answers 503 in the visitor's language, with a page needing neither the database nor the session.

PostgreSQL down, restarting or refusing connections raises OperationalError (or InterfaceError on a connection that
broke) wherever the request first queries: a view, the session, the user. The middleware turns one raised in a view
into the 503 page; `intaj_portal.views.server_error` (handler500) does the same for one raised anywhere else (another
middleware, an error page that itself queried), so no visitor sees Django's bare "Server Error (500)" for an outage.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation

from intaj_portal.context_processors import language_switch

logger = logging.getLogger(__name__)

DATABASE_OUTAGE = (OperationalError, InterfaceError)
# How long a browser or a client should wait before asking again: a restart takes about this long.
RETRY_AFTER_SECONDS = 30


def page_without_database(request, template_name: str, *, status: int, **context) -> HttpResponse:
    """Render an error page in the portal's layout, in the language of the address (`/ar/…`, `/en/…`).

    Rendered without the request, so no context processor runs: none reads the user, the session or the
    notifications. The page's header therefore shows what a visitor who is not signed in sees.
    """
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        # The language switch posts a form: its CSRF token comes from the cookie, never from the session.
        context.update(language_switch(request), csrf_token=get_token(request))
        return HttpResponse(render_to_string(template_name, context), status=status)


def database_outage_response(request, error: Exception) -> HttpResponse:
    logger.error("Database unavailable: %s %s answered 503", request.method, request.path, exc_info=error)
    response = page_without_database(request, "503.html", status=503, retry_url=request.get_full_path())
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_OUTAGE):
            return database_outage_response(request, exception)
        return None
