"""UAE PASS, the national digital identity, as an OAuth 2.0 provider: the client (Authlib) and its user info.

The flow is UAE PASS's public integration guide: `/idshub/authorize` (the family's browser), then, on the back
channel, `/idshub/token` (HTTP Basic with the client id and secret, the code valid 10 minutes and once) and
`/idshub/userinfo` (Bearer token); `/idshub/logout` ends the UAE PASS session. Every back-channel call waits at most
UAEPASS_TIMEOUT_SECONDS to connect and as long for the answer; whatever goes wrong becomes a `UaePassFailure`
whose message the login page shows, in the family's language, beside the password sign-in.
"""

import logging
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from families.emirates_id import emirates_id_normalize
from families.mobile import uae_mobile_normalize
from families.models import Nationality, UaePassUserType

logger = logging.getLogger(__name__)

SCOPE = "urn:uae:digitalid:profile:general"
ACR_VALUES = "urn:safelayer:tws:policies:authentication:level:low"
# How UAE PASS writes the UAE in `nationalityEN`: an ISO code in practice, the name in some accounts.
_UAE_NATIONALITY = {"ARE", "AE", "UAE", "UNITED ARAB EMIRATES", "EMIRATI"}


def uaepass_enabled() -> bool:
    """Sign in with UAE PASS is offered only when the client id, its secret and the provider's address are set."""
    return bool(settings.UAEPASS_CLIENT_ID and settings.UAEPASS_CLIENT_SECRET and settings.UAEPASS_BASE_URL)


def endpoint(name: str) -> str:
    return f"{settings.UAEPASS_BASE_URL}/idshub/{name}"


def uaepass_client():
    """An Authlib client for UAE PASS, built from the settings as they are now (tests point it elsewhere)."""
    timeout = settings.UAEPASS_TIMEOUT_SECONDS
    return OAuth().register(
        name="uaepass",
        client_id=settings.UAEPASS_CLIENT_ID,
        client_secret=settings.UAEPASS_CLIENT_SECRET,
        authorize_url=endpoint("authorize"),
        access_token_url=endpoint("token"),
        userinfo_endpoint=endpoint("userinfo"),
        client_kwargs={
            "scope": SCOPE,
            "token_endpoint_auth_method": "client_secret_basic",
            "code_challenge_method": "S256" if settings.UAEPASS_PKCE else None,
            # (connect, read): a provider that accepts the connection and never answers costs at most twice this.
            "default_timeout": (timeout, timeout),
        },
    )


def logout_url(*, redirect_uri: str) -> str:
    """UAE PASS's logout page, which ends its own session and comes back to `redirect_uri`."""
    return f"{endpoint('logout')}?{urlencode({'redirect_uri': redirect_uri})}"


@dataclass(frozen=True)
class UaePassPerson:
    """What UAE PASS's user info says of a person, read strictly: empty where UAE PASS gave nothing usable."""

    sub: str
    uuid: str
    user_type: str
    emirates_id: str
    full_name_ar: str
    full_name_en: str
    nationality: str
    nationality_en: str
    gender: str
    mobile: str
    email: str

    @property
    def is_verified(self) -> bool:
        return self.user_type in (UaePassUserType.SOP2, UaePassUserType.SOP3)

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _text(info: dict, key: str, *, limit: int = 150) -> str:
    value = info.get(key)
    if not isinstance(value, str | int):
        return ""
    # UAE PASS separates the parts of some names with commas ("Mariam,Ahmed,,Al Suwaidi").
    return " ".join(str(value).replace(",", " ").split())[:limit]


def _full_name(info: dict, language: str) -> str:
    return _text(info, f"fullname{language}") or " ".join(
        part for part in (_text(info, f"firstname{language}"), _text(info, f"lastname{language}")) if part
    )


def _or_empty(read, value: str) -> str:
    try:
        return read(value) if value else ""
    except ValidationError:
        return ""


def person_from_userinfo(info: object) -> UaePassPerson:
    """Read UAE PASS's user info; raise UaePassFailure("bad_answer") when it is not a person it can sign in."""
    if not isinstance(info, dict):
        raise UaePassFailure("bad_answer")
    sub, user_type = _text(info, "sub", limit=255), _text(info, "userType")
    if not sub or user_type not in UaePassUserType.values:
        raise UaePassFailure("bad_answer")
    nationality_en = _text(info, "nationalityEN", limit=60)
    email = _text(info, "email", limit=254).lower()
    return UaePassPerson(
        sub=sub,
        uuid=_text(info, "uuid", limit=64),
        user_type=user_type,
        emirates_id=_or_empty(emirates_id_normalize, _text(info, "idn")),
        full_name_ar=_full_name(info, "AR"),
        full_name_en=_full_name(info, "EN"),
        nationality=(
            (Nationality.UAE if nationality_en.upper() in _UAE_NATIONALITY else Nationality.OTHER)
            if nationality_en
            else ""
        ),
        nationality_en=nationality_en,
        gender=_text(info, "gender", limit=10),
        mobile=_or_empty(uae_mobile_normalize, _text(info, "mobile")),
        email=email if "@" in email else "",
    )


FAILURE_MESSAGES = {
    "access_denied": _("You did not allow the Intaj portal to use your UAE PASS account, so you are not signed in."),
    "state": _(
        "This UAE PASS sign-in was not started on this page, or it was already used. "
        "Please start again with the UAE PASS button."
    ),
    "code": _("The UAE PASS sign-in has expired or was already used. Please start again with the UAE PASS button."),
    "unavailable": _("UAE PASS is not answering just now. Please try again in a few minutes."),
    "bad_answer": _("UAE PASS sent an answer the portal could not read. Please try again in a few minutes."),
}


class UaePassFailure(Exception):
    """A sign-in with UAE PASS that did not succeed; `code` is one of FAILURE_MESSAGES."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    @property
    def message(self):
        return FAILURE_MESSAGES[self.code]


def _failure_of(error: Exception) -> UaePassFailure:
    """Which failure, for the family, an exception of the token or user-info call is."""
    if isinstance(error, MismatchingStateError):
        return UaePassFailure("state")
    if isinstance(error, OAuthError):
        if error.error == "access_denied":
            return UaePassFailure("access_denied")
        if error.error in {"invalid_grant", "invalid_request"}:
            return UaePassFailure("code")
        return UaePassFailure("unavailable")
    # A body that is not JSON is a ValueError, and requests' own kind of it a RequestException too.
    if isinstance(error, requests.RequestException) and not isinstance(error, ValueError):
        return UaePassFailure("unavailable")
    return UaePassFailure("bad_answer")


def person_from_callback(request) -> UaePassPerson:
    """Finish the flow UAE PASS redirected back with: check `state`, trade the code for a token (PKCE verifier
    included), read the user info. Raise UaePassFailure for anything the family must be told about."""
    client = uaepass_client()
    try:
        token = client.authorize_access_token(request)
        response = client.get(endpoint("userinfo"), token=token)
        response.raise_for_status()
        info = response.json()
    except (AuthlibBaseError, requests.RequestException, ValueError, KeyError, TypeError) as error:
        failure = _failure_of(error)
        logger.warning("UAE PASS sign-in failed (%s): %r", failure.code, error)
        raise failure from error
    return person_from_userinfo(info)
