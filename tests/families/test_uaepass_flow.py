"""The whole UAE PASS redirect flow over real HTTP: a `requests` session plays the browser, the portal's Authlib
client calls the token and user-info endpoints of the UAE PASS stand-in, all served by pytest-django's live server.
"""

import base64
import datetime
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.utils import translation

from families.models import FamilyProfile, UaePassIdentity, User
from families.uaepass import FAILURE_MESSAGES
from tests.conftest import PASSWORD
from tests.factories import FamilyProfileFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TIMEOUT = 10
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


@pytest.fixture
def portal(live_server, settings):
    """The live server's address; the portal's links and its UAE PASS both point at it."""
    settings.SITE_URL = live_server.url
    settings.UAEPASS_BASE_URL = f"{live_server.url}/{settings.UAEPASS_STANDIN_PATH}"
    return live_server.url


@pytest.fixture
def browser():
    with requests.Session() as session:
        yield session


@pytest.fixture
def other_browser():
    """Somebody else's browser. Closed by the fixture, like the first: a connection left open would end in a live
    server thread after the test, on a database connection the test no longer shares."""
    with requests.Session() as session:
        yield session


def form_fields(page) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in _HIDDEN.findall(page.text)}


def authorize_page(browser, portal, language="ar"):
    page = browser.get(f"{portal}/{language}/account/uaepass/", timeout=TIMEOUT)
    assert page.status_code == 200
    assert page.url.startswith(f"{portal}/uaepass-standin/idshub/authorize?")
    return page


def choose(browser, page, identity: str, *, follow=True):
    """Pick a demo identity on the stand-in's page, as a person would press its button."""
    return browser.post(
        page.url.split("?")[0],
        data={**form_fields(page), "identity": identity},
        timeout=TIMEOUT,
        allow_redirects=follow,
    )


def sign_in(browser, portal, identity: str, language="ar"):
    return choose(browser, authorize_page(browser, portal, language), identity)


def shows(response, text) -> bool:
    return html.escape(str(text)) in response.text


def test_a_verified_citizen_signs_in_and_lands_on_a_prefilled_profile(portal, browser):
    page = authorize_page(browser, portal)
    assert "مريم أحمد السويدي" in page.text  # the stand-in speaks the family's language (ui_locales)
    landing = choose(browser, page, "citizen")
    assert landing.url == f"{portal}/ar/account/profile/"
    assert 'value="Mariam Ahmed Al Suwaidi"' in landing.text
    assert re.search(r'name="emirates_id" value="784-1986-4410023-\d"[^>]*disabled', landing.text)
    user = User.objects.get(email="citizen@uaepass-standin.example")
    assert user.email_confirmed and user.uaepass.user_type == "SOP3"


def test_signing_in_twice_reaches_the_same_account(portal, browser):
    sign_in(browser, portal, "citizen")
    browser.cookies.clear()
    sign_in(browser, portal, "citizen")
    assert User.objects.filter(email="citizen@uaepass-standin.example").count() == 1
    assert UaePassIdentity.objects.count() == 1


def test_refusing_consent_at_uae_pass_comes_back_to_the_login_page_with_a_message(portal, browser):
    page = authorize_page(browser, portal, "en")
    back = browser.post(page.url.split("?")[0], data={**form_fields(page), "cancel": "1"}, timeout=TIMEOUT)
    assert back.url == f"{portal}/en/account/login/"
    with translation.override("en"):
        assert shows(back, FAILURE_MESSAGES["access_denied"])
    assert not User.objects.exists()


def test_a_replayed_code_is_refused(portal, browser, other_browser):
    to_portal = choose(browser, authorize_page(browser, portal, "en"), "citizen", follow=False)
    callback = to_portal.headers["Location"]
    code = parse_qs(urlsplit(callback).query)["code"][0]
    assert browser.get(callback, timeout=TIMEOUT).url == f"{portal}/en/account/profile/"
    # Somebody who saw the code tries it again, in a sign-in of their own with a state of their own.
    attacker = other_browser
    authorize = authorize_page(attacker, portal, "en")
    state = parse_qs(urlsplit(authorize.url).query)["state"][0]
    replay = attacker.get(f"{portal}/en/account/uaepass/callback/", params={"code": code, "state": state}, timeout=10)
    assert replay.url == f"{portal}/en/account/login/"
    with translation.override("en"):
        assert shows(replay, FAILURE_MESSAGES["code"])
    assert attacker.get(f"{portal}/en/account/", timeout=TIMEOUT).url.startswith(f"{portal}/en/account/login/")


def test_a_callback_from_another_browser_is_refused_by_its_state(portal, browser, other_browser):
    to_portal = choose(browser, authorize_page(browser, portal, "en"), "citizen", follow=False)
    stranger = other_browser.get(to_portal.headers["Location"], timeout=TIMEOUT)
    assert stranger.url == f"{portal}/en/account/login/"
    with translation.override("en"):
        assert shows(stranger, FAILURE_MESSAGES["state"])
    assert not User.objects.exists()


def test_an_existing_family_links_its_account_with_its_password_then_signs_in_either_way(portal, browser):
    family = FamilyProfileFactory(
        user=UserFactory(email="mariam.family@example.ae", password=PASSWORD),
        emirates_id="784-1986-4410023-" + _standin_check_digit(),
        date_of_birth=datetime.date(1986, 2, 3),
        full_name_en="Mariam Al Suwaidi",
    )
    link_page = sign_in(browser, portal, "citizen", "en")
    assert link_page.url == f"{portal}/en/account/uaepass/link/"
    assert "mariam.family@example.ae" in link_page.text
    assert not UaePassIdentity.objects.exists()
    wrong = browser.post(link_page.url, data={**form_fields(link_page), "password": "wrong-pass"}, timeout=TIMEOUT)
    assert wrong.url == link_page.url and not UaePassIdentity.objects.exists()
    linked = browser.post(link_page.url, data={**form_fields(wrong), "password": PASSWORD}, timeout=TIMEOUT)
    assert linked.url == f"{portal}/en/account/"
    assert 'data-testid="uaepass-verified-badge"' in linked.text
    assert UaePassIdentity.objects.get().user_id == family.user_id
    family.refresh_from_db()
    assert family.full_name_en == "Mariam Ahmed Al Suwaidi"  # as UAE PASS verified it
    browser.cookies.clear()
    assert sign_in(browser, portal, "citizen", "en").url == f"{portal}/en/account/"
    assert not User.objects.filter(email="citizen@uaepass-standin.example").exists()


def test_a_non_uae_national_is_shown_as_not_eligible(portal, browser):
    landing = sign_in(browser, portal, "foreign", "en")
    assert 'data-code="not_uae_national" data-state="missing"' not in landing.text  # unknown until the profile
    form = landing.text
    assert re.search(r'<select name="nationality"[^>]*disabled', form)
    saved = browser.post(
        landing.url,
        data={
            **form_fields(landing),
            "date_of_birth": "1990-04-04",
            "emirate": "sharjah",
            "area": "Al Nahda",
            "address": "Building 5, flat 12",
            "home_tenure": "rented",
            "preferred_language": "en",
        },
        timeout=TIMEOUT,
    )
    assert saved.url == f"{portal}/en/account/"
    assert 'data-code="not_uae_national" data-state="missing"' in saved.text
    assert FamilyProfile.objects.get().nationality == "other"


def test_logging_out_ends_the_uae_pass_session_and_comes_back_to_the_login_page(portal, browser):
    home = sign_in(browser, portal, "resident", "en")
    token = form_fields(home)["csrfmiddlewaretoken"]
    out = browser.post(f"{portal}/en/account/logout/", data={"csrfmiddlewaretoken": token}, timeout=TIMEOUT)
    assert [urlsplit(step.headers["Location"]).path for step in out.history] == [
        "/uaepass-standin/idshub/logout",
        "/en/account/login/",
    ]
    assert out.url == f"{portal}/en/account/login/"


def _standin_check_digit() -> str:
    from demo.uaepass_standin import IDENTITIES

    return next(i for i in IDENTITIES if i.key == "citizen").userinfo["idn"][-1]


# The stand-in's back channel, as UAE PASS's is specified


def _code(browser, portal) -> tuple[str, str]:
    to_portal = choose(browser, authorize_page(browser, portal, "en"), "resident", follow=False)
    query = parse_qs(urlsplit(to_portal.headers["Location"]).query)
    return query["code"][0], f"{portal}/en/account/uaepass/callback/"


def _basic(client_id, secret) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


def test_the_stand_in_token_endpoint_wants_basic_auth_pkce_and_takes_a_code_once(portal, browser, settings):
    code, redirect_uri = _code(browser, portal)
    url = f"{settings.UAEPASS_BASE_URL}/idshub/token"
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri, "code_verifier": "x" * 43}
    wrong_secret = requests.post(url, data=data, headers=_basic(settings.UAEPASS_CLIENT_ID, "nope"), timeout=TIMEOUT)
    assert (wrong_secret.status_code, wrong_secret.json()) == (401, {"error": "invalid_client"})
    headers = _basic(settings.UAEPASS_CLIENT_ID, settings.UAEPASS_CLIENT_SECRET)
    wrong_verifier = requests.post(url, data=data, headers=headers, timeout=TIMEOUT)
    assert wrong_verifier.json() == {"error": "invalid_grant"}
    # The code was taken by that attempt: even the right verifier cannot use it now.
    assert requests.post(url, data=data, headers=headers, timeout=TIMEOUT).json() == {"error": "invalid_grant"}
    no_token = requests.get(f"{settings.UAEPASS_BASE_URL}/idshub/userinfo", timeout=TIMEOUT)
    assert no_token.status_code == 401
