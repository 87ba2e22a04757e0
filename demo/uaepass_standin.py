"""A stand-in for UAE PASS that speaks its HTTP endpoints, so that `make run` and the tests sign in with demo
identities over real HTTP, through the same client library, without UAE PASS's staging service.

Mounted at /<UAEPASS_STANDIN_PATH>/idshub/ only while settings.UAEPASS_STANDIN is on, and never in production
(intaj_portal/urls.py; a deploy check errors if the setting is on there). It keeps its codes and tokens in the
Django cache: a code lives 10 minutes and is taken once; PKCE (S256) is checked when the client sent a challenge.
"""

import base64
import binascii
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from families.emirates_id import luhn_check_digit
from families.uaepass import SCOPE

CODE_SECONDS = 10 * 60
TOKEN_SECONDS = 60 * 60
_CODE_KEY = "uaepass-standin:code:{}"
_TOKEN_KEY = "uaepass-standin:token:{}"
# What the authorize page carries from UAE PASS's query string to its form and back.
_FLOW_PARAMETERS = ("client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method", "ui_locales")


def _emirates_id(year: int, serial: str) -> str:
    digits = f"784{year}{serial}"
    return f"{digits}{luhn_check_digit(digits)}"


@dataclass(frozen=True)
class DemoIdentity:
    key: str
    label: object
    userinfo: dict


def _person(*, key, label, user_type, first, last, nationality, idn="", gender="Female", mobile="971501234567"):
    first_ar, first_en = first
    last_ar, last_en = last
    nationality_en, nationality_ar = nationality
    info = {
        "sub": f"standin-{key}",
        "uuid": f"00000000-0000-4000-8000-{binascii.hexlify(key.encode()).decode()[:12].ljust(12, '0')}",
        "userType": user_type,
        "fullnameAR": f"{first_ar} {last_ar}",
        "fullnameEN": f"{first_en} {last_en}",
        "firstnameAR": first_ar,
        "firstnameEN": first_en,
        "lastnameAR": last_ar,
        "lastnameEN": last_en,
        "nationalityEN": nationality_en,
        "nationalityAR": nationality_ar,
        "gender": gender,
        "mobile": mobile,
        "email": f"{key}@uaepass-standin.example",
    }
    if idn:
        info["idn"] = idn
    return DemoIdentity(key, label, info)


IDENTITIES = [
    _person(
        key="citizen",
        label=_("A UAE citizen living in Sharjah, verified account (SOP3)"),
        user_type="SOP3",
        first=("مريم", "Mariam"),
        last=("أحمد السويدي", "Ahmed Al Suwaidi"),
        nationality=("ARE", "الإمارات"),
        idn=_emirates_id(1986, "4410023"),
        mobile="971502223344",
    ),
    _person(
        key="resident",
        label=_("A UAE citizen, account verified with residence documents (SOP2)"),
        user_type="SOP2",
        first=("عائشة", "Aisha"),
        last=("سالم النقبي", "Salem Al Naqbi"),
        nationality=("ARE", "الإمارات"),
        idn=_emirates_id(1992, "7310458"),
        mobile="971555667788",
    ),
    _person(
        key="basic",
        label=_("A basic account nobody verified (SOP1)"),
        user_type="SOP1",
        first=("شيخة", "Shaikha"),
        last=("راشد", "Rashed"),
        nationality=("ARE", "الإمارات"),
        mobile="971561112233",
    ),
    _person(
        key="foreign",
        label=_("A non-UAE national resident in Sharjah (SOP2)"),
        user_type="SOP2",
        first=("ليلى", "Layla"),
        last=("حداد", "Haddad"),
        nationality=("JOR", "الأردن"),
        idn=_emirates_id(1990, "2250871"),
        mobile="971527778899",
    ),
]
_BY_KEY = {identity.key: identity for identity in IDENTITIES}


def _redirect_uri_allowed(uri: str) -> bool:
    """Like UAE PASS's registered redirect addresses: only the portal's own."""
    site, target = urlsplit(settings.SITE_URL), urlsplit(uri or "")
    return (target.scheme, target.netloc) == (site.scheme, site.netloc)


def _flow_refused(request, reason):
    with translation.override(_language(request)):
        return render(request, "demo/uaepass_standin_error.html", {"reason": reason}, status=400)


def _language(request) -> str:
    wanted = (request.GET.get("ui_locales") or request.POST.get("ui_locales") or "ar")[:2]
    return wanted if wanted in dict(settings.LANGUAGES) else "ar"


def _back(redirect_uri: str, **parameters) -> HttpResponseRedirect:
    separator = "&" if "?" in redirect_uri else "?"
    return HttpResponseRedirect(f"{redirect_uri}{separator}{urlencode(parameters)}")


@require_http_methods(["GET", "POST"])
def authorize(request):
    """The sign-in page: choose a demo identity (or refuse), then back to the portal with a code, or an error."""
    source = request.POST if request.method == "POST" else request.GET
    flow = {name: source.get(name, "") for name in _FLOW_PARAMETERS}
    if flow["client_id"] != settings.UAEPASS_CLIENT_ID or not _redirect_uri_allowed(flow["redirect_uri"]):
        return _flow_refused(request, _("The sign-in request does not come from a registered service."))
    if request.method == "GET" and request.GET.get("response_type") != "code":
        return _flow_refused(request, _("The sign-in request is not complete."))
    if flow["code_challenge"] and flow["code_challenge_method"] != "S256":
        return _flow_refused(request, _("The sign-in request is not complete."))
    if request.method == "POST":
        if "cancel" in request.POST:
            return _back(
                flow["redirect_uri"],
                error="access_denied",
                error_description="User cancelled the login",
                state=flow["state"],
            )
        identity = _BY_KEY.get(request.POST.get("identity", ""))
        if identity is not None:
            code = secrets.token_urlsafe(24)
            cache.set(_CODE_KEY.format(code), {"identity": identity.key, **flow}, CODE_SECONDS)
            return _back(flow["redirect_uri"], code=code, state=flow["state"])
    with translation.override(_language(request)):
        return render(request, "demo/uaepass_standin_authorize.html", {"flow": flow, "identities": IDENTITIES})


def _token_error(error: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": error}, status=status)


def _client_authenticated(request) -> bool:
    """HTTP Basic with the client id and secret, compared in constant time."""
    scheme, _space, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        client_id, _colon, secret = base64.b64decode(credentials, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    expected_id, expected_secret = settings.UAEPASS_CLIENT_ID, settings.UAEPASS_CLIENT_SECRET
    return hmac.compare_digest(client_id, expected_id) & hmac.compare_digest(secret, expected_secret)


def _pkce_matches(verifier: str, challenge: str) -> bool:
    digest = hashlib.sha256(verifier.encode()).digest()
    return hmac.compare_digest(base64.urlsafe_b64encode(digest).rstrip(b"=").decode(), challenge)


@csrf_exempt
@require_POST
def token(request):
    """The back channel: a code (once, within 10 minutes, for the address it was given to) for a Bearer token."""
    if not _client_authenticated(request):
        return _token_error("invalid_client", status=401)
    if request.POST.get("grant_type") != "authorization_code":
        return _token_error("unsupported_grant_type")
    key = _CODE_KEY.format(request.POST.get("code", ""))
    granted = cache.get(key)
    # Taken once: of two requests with one code, only the one whose delete succeeds gets a token.
    if granted is None or not cache.delete(key):
        return _token_error("invalid_grant")
    if request.POST.get("redirect_uri") != granted["redirect_uri"]:
        return _token_error("invalid_grant")
    challenge = granted["code_challenge"]
    if challenge and not _pkce_matches(request.POST.get("code_verifier", ""), challenge):
        return _token_error("invalid_grant")
    access_token = secrets.token_urlsafe(32)
    cache.set(_TOKEN_KEY.format(access_token), granted["identity"], TOKEN_SECONDS)
    return JsonResponse(
        {"access_token": access_token, "token_type": "Bearer", "expires_in": TOKEN_SECONDS, "scope": SCOPE}
    )


@require_GET
def userinfo(request):
    """The person behind a Bearer token, as UAE PASS describes it."""
    scheme, _space, access_token = request.headers.get("Authorization", "").partition(" ")
    key = cache.get(_TOKEN_KEY.format(access_token)) if scheme.lower() == "bearer" and access_token else None
    if key not in _BY_KEY:
        return _token_error("invalid_token", status=401)
    return JsonResponse(_BY_KEY[key].userinfo)


@require_GET
def logout(request):
    """End the (pretend) UAE PASS session and go back to the portal."""
    redirect_uri = request.GET.get("redirect_uri", "")
    if not _redirect_uri_allowed(redirect_uri):
        return _flow_refused(request, _("The sign-in request does not come from a registered service."))
    return HttpResponseRedirect(redirect_uri)
