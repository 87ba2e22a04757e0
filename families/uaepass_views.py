"""Sign in with UAE PASS: the start of the redirect flow, its return, and the page that links an existing account.

Whatever goes wrong (consent refused, a forged or replayed return, UAE PASS down, slow or talking nonsense) ends on
the login page with a message in the family's language, beside the password sign-in: never an error page.
"""

import functools
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from families import services
from families.emails import absolute_url
from families.forms import UaePassLinkForm
from families.models import FamilyProfile, User
from families.uaepass import ACR_VALUES, UaePassFailure, UaePassPerson, logout_url, person_from_callback, uaepass_client
from families.uaepass import uaepass_enabled as _enabled
from intaj_portal.errors import ServiceError

# Set in the session of an account signed in with UAE PASS, so that logging out ends the UAE PASS session too.
SIGNED_IN_WITH_UAEPASS = "uaepass_signed_in"
# The UAE PASS account waiting to be linked to an existing account, and for how long it may wait.
PENDING_LINK = "uaepass_pending_link"
PENDING_LINK_SECONDS = 15 * 60


def _uaepass_required(view):
    """The page exists only while sign in with UAE PASS is configured."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _refused(request, message):
    messages.error(request, message)
    return redirect("families:login")


def _sign_in(request, user: User):
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SIGNED_IN_WITH_UAEPASS] = True
    if FamilyProfile.objects.filter(user=user).exists():
        return redirect("families:home")
    messages.info(
        request,
        _("Welcome. UAE PASS filled in what it knows of you: please complete the rest of your family profile."),
    )
    return redirect("families:profile")


@require_GET
@_uaepass_required
def uaepass_start(request):
    """Send the browser to UAE PASS, with a fresh `state` and PKCE challenge kept in the session."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    return uaepass_client().authorize_redirect(
        request,
        absolute_url(reverse("families:uaepass_callback")),
        acr_values=ACR_VALUES,
        ui_locales=(translation.get_language() or "ar")[:2],
    )


@require_GET
@_uaepass_required
def uaepass_callback(request):
    """Where UAE PASS sends the browser back: finish the flow, then sign in, link, or open an account."""
    try:
        person = person_from_callback(request)
        outcome = services.uaepass_sign_in(person=person, preferred_language=(translation.get_language() or "ar")[:2])
    except UaePassFailure as failure:
        return _refused(request, failure.message)
    except ServiceError as error:
        return _refused(request, error.message)
    if outcome.link_to is not None:
        request.session[PENDING_LINK] = {
            "person": person.as_dict(),
            "account": outcome.link_to.pk,
            "until": time.time() + PENDING_LINK_SECONDS,
        }
        return redirect("families:uaepass_link")
    return _sign_in(request, outcome.user)


def _pending_link(request) -> tuple[UaePassPerson, User] | None:
    pending = request.session.get(PENDING_LINK)
    if not isinstance(pending, dict) or pending.get("until", 0) < time.time():
        return None
    account = User.objects.filter(pk=pending["account"], is_active=True).first()
    return (UaePassPerson(**pending["person"]), account) if account else None


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
@_uaepass_required
def uaepass_link(request):
    """Link the UAE PASS account just used to the existing account of the same Emirates ID (or the same e-mail
    address without a profile), once the family types that account's password."""
    pending = _pending_link(request)
    if pending is None:
        request.session.pop(PENDING_LINK, None)
        return _refused(request, _("Your UAE PASS sign-in has expired. Please start again with the UAE PASS button."))
    person, account = pending
    form = UaePassLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Through django-axes like the login form: wrong passwords here count towards the same lock-out.
        user = authenticate(request, username=account.email, password=form.cleaned_data["password"])
        if user is None or user.pk != account.pk:
            form.add_error("password", _("The password is not correct."))
        else:
            try:
                services.uaepass_account_link(actor=user, person=person)
            except ServiceError as error:
                request.session.pop(PENDING_LINK, None)
                return _refused(request, error.message)
            request.session.pop(PENDING_LINK, None)
            messages.success(request, _("Your account is now linked to UAE PASS: you can sign in either way."))
            return _sign_in(request, user)
    return render(request, "families/uaepass_link.html", {"form": form, "account": account})


class LogoutView(auth_views.LogoutView):
    """Log out of the portal and, for a session opened with UAE PASS, of UAE PASS too (its logout page)."""

    def post(self, request, *args, **kwargs):
        through_uaepass = request.session.get(SIGNED_IN_WITH_UAEPASS, False)
        response = super().post(request, *args, **kwargs)
        if through_uaepass and _enabled():
            return redirect(logout_url(redirect_uri=absolute_url(reverse("families:login"))))
        return response
