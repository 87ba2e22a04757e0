"""Sign in with UAE PASS: reading its user info, what a sign-in does to accounts, the pages, and every failure the
family must be told about (tests/families/test_uaepass_flow.py drives the whole flow over real HTTP)."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.checks import run_checks
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from families import services
from families.models import FamilyProfile, UaePassIdentity, User
from families.selectors import family_checklist, family_eligibility, family_profile_of
from families.uaepass import FAILURE_MESSAGES, UaePassFailure, UaePassPerson, person_from_userinfo
from families.uaepass_views import PENDING_LINK, SIGNED_IN_WITH_UAEPASS
from intaj_portal.errors import ActorNotAllowed, ServiceError
from intaj_portal.urls import uaepass_standin_patterns
from licenses import services as licence_services
from licenses.exceptions import ApplicationIncomplete
from licenses.models import Status
from tests.conftest import PASSWORD
from tests.factories import FamilyProfileFactory, UaePassIdentityFactory, emirates_id_for
from tests.integration.servers import BrokenHttpServer, HungServer
from tests.licenses.factories import complete_application

pytestmark = pytest.mark.django_db

CITIZEN_ID = emirates_id_for(1986, 4410023)
USERINFO = {
    "sub": "sub-mariam",
    "uuid": "7c1e-mariam",
    "userType": "SOP3",
    "idn": CITIZEN_ID.replace("-", ""),
    "fullnameAR": "مريم,أحمد,,السويدي",
    "fullnameEN": "Mariam,Ahmed,,Al Suwaidi",
    "nationalityEN": "ARE",
    "nationalityAR": "الإمارات",
    "gender": "Female",
    "mobile": "971502223344",
    "email": "Mariam@Example.ae",
}


@pytest.fixture(autouse=True)
def provider_nowhere(settings):
    """Client tests never reach a real provider by accident (a `make run` on port 8000): a port nobody listens on,
    unless a test points the portal at a provider of its own."""
    from tests.integration.conftest import free_port

    settings.UAEPASS_BASE_URL = f"http://127.0.0.1:{free_port()}"


def person(**changes) -> UaePassPerson:
    return person_from_userinfo({**USERINFO, **changes})


def shows(response, text) -> bool:
    return escape(str(text)) in response.content.decode()


# Reading the user info


def test_it_reads_a_verified_citizen_as_the_portal_writes_her():
    mariam = person()
    assert mariam.emirates_id == CITIZEN_ID
    assert (mariam.full_name_ar, mariam.full_name_en) == ("مريم أحمد السويدي", "Mariam Ahmed Al Suwaidi")
    assert (mariam.nationality, mariam.mobile, mariam.email) == ("AE", "+971502223344", "mariam@example.ae")
    assert mariam.is_verified


def test_it_reads_a_basic_account_without_emirates_id_and_a_foreign_nationality():
    basic = person(userType="SOP1", idn=None, nationalityEN="JOR", mobile="+44 7700 900123")
    assert (basic.emirates_id, basic.nationality, basic.mobile) == ("", "other", "")
    assert not basic.is_verified


def test_it_builds_the_full_name_from_first_and_last_names_when_there_is_none():
    assert person(fullnameEN=None, firstnameEN="Mariam", lastnameEN="Al Suwaidi").full_name_en == "Mariam Al Suwaidi"


@pytest.mark.parametrize("info", [[], "text", {"userType": "SOP3"}, {**USERINFO, "userType": "SOP9"}])
def test_it_refuses_user_info_that_is_not_a_person(info):
    with pytest.raises(UaePassFailure) as failure:
        person_from_userinfo(info)
    assert failure.value.code == "bad_answer"


# What a sign-in does to accounts


def test_a_first_sign_in_opens_an_account_with_a_confirmed_address_and_no_password():
    outcome = services.uaepass_sign_in(person=person(), preferred_language="en")
    user = outcome.user
    assert (user.email, user.mobile, user.preferred_language) == ("mariam@example.ae", "+971502223344", "en")
    assert user.email_confirmed and not user.has_usable_password()
    identity = user.uaepass
    assert (identity.sub, identity.user_type, identity.emirates_id) == ("sub-mariam", "SOP3", CITIZEN_ID)
    assert identity.history.get().history_change_reason == "Linked to UAE PASS"


def test_signing_in_again_reaches_the_same_account_and_an_upgrade_fills_the_verified_fields():
    first = services.uaepass_sign_in(person=person(userType="SOP1", idn=None), preferred_language="ar").user
    FamilyProfileFactory(user=first, emirates_id=emirates_id_for(1985, 1111), full_name_en="Typed Name")
    again = services.uaepass_sign_in(person=person(), preferred_language="ar").user
    assert again == first
    profile = FamilyProfile.objects.get(user=first)
    assert (profile.emirates_id, profile.full_name_en) == (CITIZEN_ID, "Mariam Ahmed Al Suwaidi")
    assert profile.history.first().history_change_reason == "Updated from UAE PASS"
    assert [row.user_type for row in first.uaepass.history.order_by("history_date")] == ["SOP1", "SOP3"]


def test_signing_in_again_unchanged_writes_no_history():
    user = services.uaepass_sign_in(person=person(), preferred_language="ar").user
    services.uaepass_sign_in(person=person(), preferred_language="ar")
    assert user.uaepass.history.count() == 1


def test_an_account_with_the_same_emirates_id_must_be_linked_with_its_password_first(alice):
    FamilyProfileFactory(user=alice, emirates_id=CITIZEN_ID, date_of_birth=datetime.date(1986, 1, 2))
    outcome = services.uaepass_sign_in(person=person(), preferred_language="ar")
    assert (outcome.user, outcome.link_to) == (None, alice)
    assert not UaePassIdentity.objects.exists()
    assert not User.objects.filter(email="mariam@example.ae").exists()


def test_an_account_is_never_signed_in_to_on_its_email_address_alone(alice):
    FamilyProfileFactory(user=alice, emirates_id=emirates_id_for(1985, 2222))
    with pytest.raises(ServiceError) as refusal:
        services.uaepass_sign_in(person=person(email="ALICE@example.ae"), preferred_language="ar")
    assert refusal.value.code == "email_other_person"
    assert not UaePassIdentity.objects.exists()


def test_an_account_with_the_same_address_and_no_profile_yet_needs_its_password_too(alice):
    outcome = services.uaepass_sign_in(person=person(email="alice@example.ae"), preferred_language="ar")
    assert (outcome.user, outcome.link_to) == (None, alice)
    assert not UaePassIdentity.objects.exists()


def test_staff_never_sign_in_with_uae_pass(reviewer):
    with pytest.raises(ServiceError) as refusal:
        services.uaepass_sign_in(person=person(email=reviewer.email), preferred_language="ar")
    assert refusal.value.code == "staff"


def test_linking_refuses_an_account_of_another_emirates_id(alice):
    FamilyProfileFactory(user=alice, emirates_id=emirates_id_for(1985, 3333))
    with pytest.raises(ActorNotAllowed):
        services.uaepass_account_link(actor=alice, person=person())
    assert not UaePassIdentity.objects.exists()


def test_linking_keeps_one_uae_pass_account_per_account(alice):
    FamilyProfileFactory(user=alice, emirates_id=CITIZEN_ID, date_of_birth=datetime.date(1986, 1, 2))
    services.uaepass_account_link(actor=alice, person=person())
    with pytest.raises(ServiceError) as refusal:
        services.uaepass_account_link(actor=alice, person=person(sub="another-sub"))
    assert refusal.value.code == "linked_elsewhere"


def test_the_profile_keeps_what_uae_pass_verified_whatever_is_posted(alice):
    UaePassIdentityFactory(user=alice, emirates_id=CITIZEN_ID)
    values = {
        "full_name_ar": "اسم آخر تماما",
        "full_name_en": "Someone Else",
        "emirates_id": emirates_id_for(1986, 9999),
        "date_of_birth": datetime.date(1986, 5, 1),
        "nationality": "other",
        "emirate": "sharjah",
        "area": "Al Khan",
        "address": "Villa 3",
        "home_tenure": "owned",
        "sssd_file_number": "",
        "mobile": "+971509999999",
        "preferred_language": "ar",
    }
    profile, _lifted = services.family_profile_save(actor=alice, values=values)
    assert (profile.full_name_en, profile.emirates_id, profile.nationality) == (
        "Mariam Ahmed Al Suwaidi",
        CITIZEN_ID,
        "AE",
    )
    assert User.objects.get(pk=alice.pk).mobile == "+971502223344"


# Eligibility


def test_a_basic_uae_pass_account_cannot_apply_and_is_told_to_upgrade():
    family = FamilyProfileFactory().user
    UaePassIdentityFactory(user=family, user_type="SOP1")
    profile = family_profile_of(user=family)
    assert [problem.code for problem in family_eligibility(profile=profile)] == ["uaepass_unverified"]
    item = next(item for item in family_checklist(user=family, profile=profile) if item.code == "uaepass_unverified")
    assert item.state == "missing"
    with translation.override("en"):
        assert "upgrade it to a verified account" in str(item.message)


def test_a_family_without_uae_pass_has_no_uae_pass_line_in_its_checklist(alice):
    profile = FamilyProfileFactory(user=alice)
    assert "uaepass_unverified" not in [item.code for item in family_checklist(user=alice, profile=profile)]


def test_a_basic_uae_pass_account_is_refused_at_submission():
    profile = FamilyProfileFactory()
    UaePassIdentityFactory(user=profile.user, user_type="SOP1")
    application = complete_application(family=profile)
    with pytest.raises(ApplicationIncomplete) as refusal:
        licence_services.application_transition(application=application, to_status=Status.SUBMITTED, actor=profile.user)
    assert [problem.code for problem in refusal.value.problems] == ["uaepass_unverified"]
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_a_verified_uae_pass_account_submits():
    profile = FamilyProfileFactory()
    UaePassIdentityFactory(user=profile.user, user_type="SOP2")
    application = complete_application(family=profile)
    submitted = licence_services.application_transition(
        application=application, to_status=Status.SUBMITTED, actor=profile.user
    )
    assert submitted.status == Status.SUBMITTED


# The pages


@pytest.mark.parametrize(
    ("language", "label"), [("ar", "تسجيل الدخول باستخدام الهوية الرقمية"), ("en", "Sign in with UAE PASS")]
)
@pytest.mark.parametrize("page", ["families:login", "families:signup"])
def test_login_and_signup_offer_the_uae_pass_button(client, language, label, page):
    with translation.override(language):
        response = client.get(reverse(page))
        assert shows(response, reverse("families:uaepass_start"))
    assert shows(response, label)


def test_without_settings_there_is_no_button_and_no_flow(client, settings):
    settings.UAEPASS_CLIENT_SECRET = ""
    with translation.override("en"):
        assert not shows(client.get(reverse("families:login")), "Sign in with UAE PASS")
        assert client.get(reverse("families:uaepass_start")).status_code == 404
        assert client.get(reverse("families:uaepass_callback")).status_code == 404


def _start(client, language="ar") -> dict[str, str]:
    with translation.override(language):
        response = client.get(reverse("families:uaepass_start"))
    assert response.status_code == 302
    return {name: values[0] for name, values in parse_qs(urlsplit(response["Location"]).query).items()}


def test_the_flow_starts_with_state_pkce_and_the_familys_language(client, settings):
    query = _start(client, "en")
    assert query["response_type"] == "code"
    assert query["client_id"] == settings.UAEPASS_CLIENT_ID
    assert query["redirect_uri"] == settings.SITE_URL + "/en/account/uaepass/callback/"
    assert query["scope"] == "urn:uae:digitalid:profile:general"
    assert query["acr_values"] == "urn:safelayer:tws:policies:authentication:level:low"
    assert query["ui_locales"] == "en"
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert len(query["state"]) >= 20


def _callback(client, language="en", **parameters):
    with translation.override(language):
        return client.get(reverse("families:uaepass_callback"), parameters, follow=True)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_refused_consent_is_said_on_the_login_page_in_the_familys_language(client, language):
    state = _start(client, language)["state"]
    response = _callback(client, language, error="access_denied", error_description="User cancelled", state=state)
    assert response.redirect_chain[-1][0].endswith(f"/{language}/account/login/")
    with translation.override(language):
        assert shows(response, FAILURE_MESSAGES["access_denied"])
        assert shows(response, "Log in" if language == "en" else "تسجيل الدخول")
    assert not response.wsgi_request.user.is_authenticated


def test_a_state_that_was_not_issued_here_is_refused(client):
    _start(client)
    response = _callback(client, code="any", state="forged-state")
    with translation.override("en"):
        assert shows(response, FAILURE_MESSAGES["state"])
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.parametrize("junk", ["\x00", "x" * 2000, "²", ""])
def test_junk_in_the_callbacks_parameters_is_a_message_not_an_error(client, junk):
    state = _start(client)["state"]
    for parameters in ({"code": junk, "state": junk}, {"error": junk, "state": state}, {"code": junk}):
        response = _callback(client, **parameters)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0].endswith("/en/account/login/")


def test_a_provider_that_hangs_is_a_message_not_an_error(client, settings):
    server = HungServer()
    try:
        settings.UAEPASS_BASE_URL = f"http://127.0.0.1:{server.port}"
        settings.UAEPASS_TIMEOUT_SECONDS = 0.3
        state = _start(client)["state"]
        response = _callback(client, code="code", state=state)
    finally:
        server.stop()
    assert response.status_code == 200
    with translation.override("en"):
        assert shows(response, FAILURE_MESSAGES["unavailable"])
    assert server.connections, "the token request reached the hung provider"


@pytest.mark.parametrize(
    ("status", "body", "failure"),
    [(500, "<h1>Internal Server Error</h1>", "unavailable"), (200, "<html>maintenance</html>", "bad_answer")],
)
def test_a_provider_that_fails_or_talks_nonsense_is_a_message(client, settings, status, body, failure):
    server = BrokenHttpServer(status=status, body=body)
    try:
        settings.UAEPASS_BASE_URL = server.url
        state = _start(client, "ar")["state"]
        response = _callback(client, "ar", code="code", state=state)
    finally:
        server.stop()
    assert server.requests == 1
    assert response.status_code == 200
    with translation.override("ar"):
        assert shows(response, FAILURE_MESSAGES[failure])


def test_a_provider_that_is_down_is_a_message(client):
    state = _start(client)["state"]
    with translation.override("en"):
        assert shows(_callback(client, code="code", state=state), FAILURE_MESSAGES["unavailable"])


def test_the_profile_form_shows_uae_pass_fields_read_only_and_ignores_them_when_posted(client, alice):
    UaePassIdentityFactory(user=alice, emirates_id=CITIZEN_ID)
    client.force_login(alice)
    with translation.override("en"):
        page = client.get(reverse("families:profile"))
        form = page.context["form"]
        assert all(form.fields[name].disabled for name in ("full_name_ar", "full_name_en", "emirates_id", "mobile"))
        assert not form.fields["date_of_birth"].disabled
        assert shows(page, "Verified by UAE PASS")
        response = client.post(
            reverse("families:profile"),
            {
                "full_name_ar": "اسم آخر تماما",
                "full_name_en": "Someone Else",
                "emirates_id": emirates_id_for(1986, 9999),
                "date_of_birth": "1986-05-01",
                "nationality": "other",
                "emirate": "sharjah",
                "area": "Al Khan",
                "address": "Villa 3, Street 9",
                "home_tenure": "owned",
                "mobile": "0509999999",
                "preferred_language": "ar",
            },
        )
    assert response.status_code == 302
    profile = FamilyProfile.objects.get(user=alice)
    assert (profile.full_name_en, profile.emirates_id, profile.nationality) == (
        "Mariam Ahmed Al Suwaidi",
        CITIZEN_ID,
        "AE",
    )


def test_a_date_of_birth_that_disagrees_with_the_verified_emirates_id_is_shown_on_the_date(client, alice):
    UaePassIdentityFactory(user=alice, emirates_id=CITIZEN_ID)
    client.force_login(alice)
    response = client.post(
        reverse("families:profile"),
        {"date_of_birth": "1990-05-01", "emirate": "sharjah", "area": "Khan", "address": "Villa 3"}
        | {"home_tenure": "owned", "preferred_language": "ar"},
    )
    assert response.status_code == 200
    assert "date_of_birth" in response.context["form"].errors
    assert "emirates_id" not in response.context["form"].errors


def _pending(client, account, **changes):
    session = client.session
    session[PENDING_LINK] = {
        "person": person(**changes).as_dict(),
        "account": account.pk,
        "until": timezone.now().timestamp() + 60,
    }
    session.save()


def test_the_link_page_asks_for_the_password_and_a_wrong_one_links_nothing(client, alice):
    FamilyProfileFactory(user=alice, emirates_id=CITIZEN_ID, date_of_birth=datetime.date(1986, 1, 2))
    _pending(client, alice)
    with translation.override("en"):
        page = client.get(reverse("families:uaepass_link"))
        assert shows(page, alice.email)
        response = client.post(reverse("families:uaepass_link"), {"password": "not-the-password"})
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert not UaePassIdentity.objects.exists()
    assert not response.wsgi_request.user.is_authenticated


def test_the_right_password_links_and_signs_in(client, alice):
    FamilyProfileFactory(user=alice, emirates_id=CITIZEN_ID, date_of_birth=datetime.date(1986, 1, 2))
    _pending(client, alice)
    response = client.post(reverse("families:uaepass_link"), {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"].endswith("/account/")
    assert UaePassIdentity.objects.get().user == alice
    assert client.session[SIGNED_IN_WITH_UAEPASS] is True
    assert PENDING_LINK not in client.session
    # The password still works too.
    password_login = Client().post(reverse("families:login"), {"username": alice.email, "password": PASSWORD})
    assert password_login.status_code == 302


def test_another_familys_password_cannot_link(client, alice, charlie):
    FamilyProfileFactory(user=alice, emirates_id=CITIZEN_ID, date_of_birth=datetime.date(1986, 1, 2))
    charlie.set_password("Charlie-own-pass-2026")
    charlie.save()
    _pending(client, alice)
    response = client.post(reverse("families:uaepass_link"), {"password": "Charlie-own-pass-2026"})
    assert response.status_code == 200
    assert not UaePassIdentity.objects.exists()


def test_the_link_page_without_a_sign_in_waiting_goes_back_to_login(client):
    with translation.override("en"):
        response = client.get(reverse("families:uaepass_link"), follow=True)
        assert shows(response, "Your UAE PASS sign-in has expired")
    assert response.redirect_chain[-1][0].endswith("/account/login/")


def test_logging_out_of_a_uae_pass_session_ends_it_at_uae_pass(client, alice, settings):
    client.force_login(alice)
    session = client.session
    session[SIGNED_IN_WITH_UAEPASS] = True
    session.save()
    with translation.override("en"):
        response = client.post(reverse("families:logout"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{settings.UAEPASS_BASE_URL}/idshub/logout"
    assert parse_qs(location.query)["redirect_uri"] == [f"{settings.SITE_URL}/en/account/login/"]
    assert "_auth_user_id" not in client.session


def test_only_a_uae_pass_verified_family_has_the_badge_on_its_account_page(client):
    password_family, verified_family = FamilyProfileFactory().user, FamilyProfileFactory().user
    UaePassIdentityFactory(user=verified_family)
    for user, badge in ((password_family, False), (verified_family, True)):
        client.force_login(user)
        assert (
            'data-testid="uaepass-verified-badge"' in client.get(reverse("families:home")).content.decode()
        ) is badge


def test_logging_out_of_a_password_session_stays_on_the_portal(client, alice):
    client.force_login(alice)
    response = client.post(reverse("families:logout"))
    assert response.status_code == 302 and "idshub" not in response["Location"]


# Staff and settings


def test_the_admin_shows_and_filters_uae_pass_verified_families(client, superuser, django_assert_max_num_queries):
    verified = FamilyProfileFactory(full_name_en="Verified Family")
    UaePassIdentityFactory(user=verified.user)
    basic = FamilyProfileFactory(full_name_en="Basic Family")
    UaePassIdentityFactory(user=basic.user, user_type="SOP1")
    FamilyProfileFactory(full_name_en="Password Family")
    client.force_login(superuser)
    url = reverse("admin:families_familyprofile_changelist")
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert page.context["cl"].result_count == 3
    names = lambda response: {profile.full_name_en for profile in response.context["cl"].result_list}  # noqa: E731
    assert names(client.get(url, {"uaepass": "verified"})) == {"Verified Family"}
    assert names(client.get(url, {"uaepass": "basic"})) == {"Basic Family"}
    assert names(client.get(url, {"uaepass": "none"})) == {"Password Family"}
    with translation.override("en"):
        assert shows(client.get(reverse("admin:families_familyprofile_changelist")), "UAE PASS verified")


def test_the_admin_list_reads_uae_pass_without_a_query_per_row(client, superuser, django_assert_max_num_queries):
    for _index in range(8):
        UaePassIdentityFactory(user=FamilyProfileFactory().user)
    client.force_login(superuser)
    with django_assert_max_num_queries(12):
        client.get(reverse("admin:families_familyprofile_changelist"))


def _check_ids(**kwargs) -> set[str]:
    return {message.id for message in run_checks(include_deployment_checks=True, **kwargs)}


def test_deploy_check_warns_when_uae_pass_is_on_without_https(settings):
    settings.SITE_URL = "http://intaj.example.ae"
    settings.UAEPASS_BASE_URL = "http://id.example.ae"
    assert {"intaj_portal.W002", "intaj_portal.W003"} <= _check_ids()
    settings.SITE_URL = "https://intaj.example.ae"
    settings.UAEPASS_BASE_URL = "https://id.uaepass.ae"
    assert not {"intaj_portal.W002", "intaj_portal.W003"} & _check_ids()


def test_deploy_check_errors_when_the_stand_in_is_on_in_production(settings):
    settings.PRODUCTION = True
    settings.UAEPASS_STANDIN = True
    assert "intaj_portal.E003" in _check_ids()
    settings.UAEPASS_STANDIN = False
    assert "intaj_portal.E003" not in _check_ids()


def test_the_stand_in_is_never_mounted_in_production(settings):
    assert uaepass_standin_patterns()
    settings.PRODUCTION = True
    assert uaepass_standin_patterns() == []
    settings.PRODUCTION = False
    settings.UAEPASS_STANDIN = False
    assert uaepass_standin_patterns() == []
