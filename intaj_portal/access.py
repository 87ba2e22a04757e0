"""Who may open a page: the decorators of the views, one shape for every app.

Anonymous visitors are sent to a login page and come back to the page they asked for; anybody else signed in is
let in, or turned away by the decorator's own rule.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from families.roles import user_is_manager


def _access_required(*, turn_away: Callable[..., HttpResponse | None], login_url: str | None = None):
    """A view decorator: a visitor logs in at `login_url` (a URL name; the portal's login without one), then
    `turn_away(user)` answers a person the page is not for (a response, or raises), or None to let them in."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse(login_url) if login_url else None)
            if (refusal := turn_away(request.user)) is not None:
                return refusal
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def family_required(view=None, *, staff_redirect: str = "admin:index"):
    """Family pages: anonymous visitors log in first; centre staff, who have no family pages, go to
    `staff_redirect` (a URL name) in the admin. Used bare (`@family_required`) or with the argument."""
    decorator = _access_required(turn_away=lambda user: redirect(staff_redirect) if user.is_staff else None)
    return decorator(view) if view is not None else decorator


def _refuse_all_but_managers(user) -> None:
    if not user_is_manager(user):
        raise PermissionDenied


def manager_required(view):
    """Managers only: anybody else signed in is refused (403); a visitor is sent to the staff login."""
    return _access_required(turn_away=_refuse_all_but_managers, login_url="admin:login")(view)
