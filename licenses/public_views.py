"""The public verification page: anyone, without logging in, checks that a licence is real and valid, by the link
in its certificate's QR code or by typing its DED number. It says nothing about the family that holds it.

Typed look-ups are limited per client address (`LICENCE_LOOKUPS_PER_MINUTE`), so the page cannot be used to list
the licences by trying numbers; the QR link needs no limit, its token being unguessable.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from intaj_portal.ratelimits import rate_limit_reached
from licenses import selectors
from licenses.forms import LicenceLookupForm

LOOKUP_LIMIT_GROUP = "licence-lookup"


def _verification_page(request, *, form, status: int = 200, **context):
    context = {"form": form, "today": timezone.localdate(), **context}
    response = render(request, "licenses/verify.html", context, status=status)
    # A licence's page is for whoever holds the certificate, not for search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_GET
def verify_token(request, token):
    """The page the certificate's QR code opens: valid or expired, or unknown for a token that is not (or no
    longer) a licence's link (404)."""
    verification = selectors.licence_verification_by_token(token=token, today=timezone.localdate())
    return _verification_page(
        request,
        form=LicenceLookupForm(),
        verification=verification,
        answered=True,
        status=200 if verification else 404,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def verify_lookup(request):
    """The look-up form, and the answer to a typed licence number; past the limit, a refusal (429)."""
    if request.method == "GET":
        return _verification_page(request, form=LicenceLookupForm())
    if rate_limit_reached(request, group=LOOKUP_LIMIT_GROUP, rate=f"{settings.LICENCE_LOOKUPS_PER_MINUTE}/m"):
        response = _verification_page(request, form=LicenceLookupForm(), limited=True, status=429)
        response["Retry-After"] = "60"
        return response
    form = LicenceLookupForm(request.POST)
    if not form.is_valid():
        return _verification_page(request, form=form, status=400)
    verification = selectors.licence_verification_by_number(
        number=form.cleaned_data["number"], today=timezone.localdate()
    )
    return _verification_page(request, form=form, verification=verification, answered=True)
