import datetime
import logging
import re

import pytest
from axes.models import AccessAttempt
from django.core import mail

from families.models import FamilyProfile, HouseholdMember, User
from families.tokens import email_confirmation_token_make
from tests.conftest import PASSWORD
from tests.factories import HouseholdMemberFactory

from .conftest import ALICE_EMIRATES_ID, profile_form_data

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Sharjah-kitchen-77"


def signup_data(**changes):
    data = {
        "email": "noura@example.ae",
        "mobile": "050 111 2233",
        "preferred_language": "en",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
    }
    return {**data, **changes}


def link_in(message) -> str:
    return re.search(r"https?://\S+(/(?:ar|en)/account/\S+/)", message.body).group(1)


def form_value(response, field):
    return response.context["form"][field].value()


# Sign-up


@pytest.mark.parametrize(("language", "preselected"), [("ar", "ar"), ("en", "en")])
def test_the_signup_page_preselects_the_language_of_the_page(client, language, preselected):
    response = client.get(f"/{language}/account/signup/")
    assert response.status_code == 200
    assert response.context["form"]["preferred_language"].value() == preselected


def test_signing_up_logs_the_family_in_and_sends_the_confirmation_in_its_language(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ar/account/signup/", signup_data(preferred_language="en"))
    assert response.status_code == 302
    assert response["Location"] == "/ar/account/"
    user = User.objects.get(email="noura@example.ae")
    assert user.mobile == "+971501112233"
    assert user.preferred_language == "en"
    assert client.get("/ar/account/").context["user"] == user
    (message,) = mail.outbox
    assert message.subject == "Confirm your e-mail address for the Intaj Portal"
    assert "/en/account/confirm/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'dir="ltr"' in html and "/en/account/confirm/" in html


def test_a_family_that_prefers_arabic_gets_the_confirmation_in_arabic(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/account/signup/", signup_data(preferred_language="ar"))
    (message,) = mail.outbox
    assert message.subject == "تأكيد بريدكم الإلكتروني في بوابة إنتاج"
    assert "/ar/account/confirm/" in message.body
    assert 'dir="rtl"' in message.alternatives[0][0]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"mobile": "12345"}, "mobile"),
        ({"mobile": "+971 4 123 4567"}, "mobile"),
        ({"password1": "12345678", "password2": "12345678"}, "password1"),
        ({"password1": "noura@example.ae", "password2": "noura@example.ae"}, "password1"),
        ({"password2": "Something-else-99"}, "password2"),
        ({"email": "not-an-address"}, "email"),
        ({"email": ""}, "email"),
        ({"preferred_language": "fr"}, "preferred_language"),
    ],
)
def test_signup_refuses_bad_input_and_keeps_what_was_typed(client, changes, field):
    data = signup_data(**changes)
    response = client.post("/en/account/signup/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    for kept in ("email", "mobile"):
        if kept != field:
            assert form_value(response, kept) == data[kept]
    assert not User.objects.exists()


def test_signup_refuses_an_address_already_used(client, alice):
    response = client.post("/en/account/signup/", signup_data(email="Alice@Example.ae"))
    assert response.status_code == 200
    assert "An account with this e-mail address already exists." in response.content.decode()
    assert User.objects.count() == 1


def test_signup_messages_are_in_arabic_on_arabic_pages(client):
    response = client.post("/ar/account/signup/", signup_data(mobile="123"))
    assert "يرجى إدخال رقم هاتف متحرك إماراتي" in response.content.decode()


def test_a_logged_in_family_is_sent_from_signup_to_its_account(client, alice):
    client.force_login(alice)
    assert client.get("/en/account/signup/")["Location"] == "/en/account/"


def test_signup_refuses_other_methods(client):
    assert client.put("/en/account/signup/").status_code == 405


@pytest.mark.parametrize(
    "junk",
    [
        {"email": "x" * 5000 + "@example.ae"},
        {"mobile": "\x00\x01"},
        {"email": "نورة@مثال.امارات", "mobile": "٠٥٠١١١٢٢٣٣"},
        {"password1": "ض" * 500, "password2": "ض" * 500},
    ],
)
def test_no_input_breaks_the_signup_page(client, junk):
    assert client.post("/en/account/signup/", signup_data(**junk)).status_code in {200, 302}


# Log in, log out, lockout


def test_a_family_logs_in_with_its_email_and_lands_on_its_account(client, alice):
    response = client.post("/en/account/login/", {"username": "ALICE@example.ae", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/en/account/"


def test_a_wrong_password_is_refused_and_the_address_kept(client, alice):
    response = client.post("/en/account/login/", {"username": alice.email, "password": "wrong"})
    assert response.status_code == 200
    assert "The e-mail address or the password is not correct." in response.content.decode()
    assert form_value(response, "username") == alice.email


def test_repeated_wrong_passwords_lock_the_address_out_even_with_the_right_one(client, alice, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post("/en/account/login/", {"username": alice.email, "password": "wrong"}).status_code == 200
    locked = client.post("/en/account/login/", {"username": alice.email, "password": "wrong"})
    assert locked.status_code == 429
    assert "Logging in is paused" in locked.content.decode()
    assert "30 minutes" in locked.content.decode()
    again = client.post("/en/account/login/", {"username": alice.email, "password": PASSWORD})
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_in_arabic_on_arabic_pages(client, alice, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/ar/account/login/", {"username": alice.email, "password": "wrong"})
    assert response.status_code == 429
    assert "تم إيقاف تسجيل الدخول مؤقتاً" in response.content.decode()


def test_a_lockout_does_not_spread_to_another_address_or_another_connection(client, alice, charlie, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/account/login/", {"username": alice.email, "password": "wrong"})
    assert client.post("/en/account/login/", {"username": charlie.email, "password": PASSWORD}).status_code == 302
    client.logout()
    elsewhere = client.post(
        "/en/account/login/", {"username": alice.email, "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert elsewhere.status_code == 302


def test_a_login_with_an_address_longer_than_any_account_is_a_failed_login(client):
    # The admin's login form does not limit the address's length, so django-axes records the attempt.
    response = client.post("/en/admin/login/", {"username": "a" * 2000 + "@example.ae", "password": "wrong"})
    assert response.status_code == 200
    assert len(AccessAttempt.objects.get().username) == 255  # django-axes' column holds no more


def test_the_admin_login_is_throttled_too(client, reviewer, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/en/admin/login/", {"username": reviewer.email, "password": "wrong"})
    assert response.status_code == 429


def test_logging_out_takes_a_post_and_returns_to_the_home_page(client, alice):
    client.force_login(alice)
    assert client.get("/en/account/logout/").status_code == 405
    response = client.post("/en/account/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert "_auth_user_id" not in client.session


# Password reset and change


def test_a_family_resets_its_password_by_email_in_its_language(client, alice):
    alice.preferred_language = "ar"
    alice.save()
    response = client.post("/en/account/password/reset/", {"email": "Alice@example.ae"})
    assert response["Location"] == "/en/account/password/reset/sent/"
    (message,) = mail.outbox
    assert message.subject == "إعادة تعيين كلمة المرور في بوابة إنتاج"
    assert message.alternatives[0][1] == "text/html"
    link = link_in(message)
    assert link.startswith("/ar/account/password/reset/")
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "New-Sharjah-pass-9", "new_password2": "New-Sharjah-pass-9"}
    )
    assert done["Location"] == "/ar/account/password/reset/complete/"
    alice.refresh_from_db()
    assert alice.check_password("New-Sharjah-pass-9")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post("/en/account/password/reset/", {"email": "nobody@example.ae"})
    assert response["Location"] == "/en/account/password/reset/sent/"
    assert mail.outbox == []


@pytest.fixture
def mail_server_hangs(monkeypatch):
    """Every e-mail ends as a hung mail server's would once EMAIL_TIMEOUT is over."""

    def timed_out(self, fail_silently=False):
        raise TimeoutError("timed out")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", timed_out)


def test_a_reset_the_mail_server_did_not_take_says_to_try_again_and_keeps_the_address(client, alice, mail_server_hangs):
    response = client.post("/en/account/password/reset/", {"email": alice.email})
    assert response.status_code == 200
    assert "We could not send the e-mail just now. Please try again in a few minutes." in response.content.decode()
    assert form_value(response, "email") == alice.email


def test_a_reset_the_mail_server_did_not_take_is_explained_in_arabic(client, alice, mail_server_hangs):
    response = client.post("/ar/account/password/reset/", {"email": alice.email})
    assert "لم نتمكن من إرسال البريد الإلكتروني الآن" in response.content.decode()


def test_a_tampered_reset_link_is_refused(client, alice):
    client.post("/en/account/password/reset/", {"email": alice.email})
    link = link_in(mail.outbox[0])
    response = client.get(link[:-3] + "xx/", follow=True)
    assert not response.context["validlink"]
    assert 'data-testid="reset-invalid"' in response.content.decode()


def test_a_family_changes_its_password(client, alice):
    client.force_login(alice)
    response = client.post(
        "/en/account/password/",
        {"old_password": PASSWORD, "new_password1": "Another-pass-2027", "new_password2": "Another-pass-2027"},
    )
    assert response["Location"] == "/en/account/"
    alice.refresh_from_db()
    assert alice.check_password("Another-pass-2027")


def test_changing_the_password_needs_the_current_one(client, alice):
    client.force_login(alice)
    response = client.post(
        "/en/account/password/",
        {"old_password": "wrong", "new_password1": "Another-pass-2027", "new_password2": "Another-pass-2027"},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors


def test_changing_the_password_needs_a_login(client):
    response = client.get("/en/account/password/")
    assert response["Location"].startswith("/en/account/login/?next=")


# E-mail confirmation


def test_a_valid_link_shows_a_button_and_only_the_post_confirms(client, alice):
    url = f"/en/account/confirm/{email_confirmation_token_make(user=alice)}/"
    assert client.get(url).status_code == 200
    alice.refresh_from_db()
    assert not alice.email_confirmed
    response = client.post(url)
    assert response["Location"] == "/en/account/login/"
    alice.refresh_from_db()
    assert alice.email_confirmed


def test_a_logged_in_family_confirming_returns_to_its_account(client, alice):
    client.force_login(alice)
    response = client.post(f"/en/account/confirm/{email_confirmation_token_make(user=alice)}/")
    assert response["Location"] == "/en/account/"


def test_an_expired_link_is_refused(client, alice, settings):
    token = email_confirmation_token_make(user=alice)
    settings.EMAIL_CONFIRMATION_MAX_AGE = datetime.timedelta(seconds=-1)
    response = client.post(f"/en/account/confirm/{token}/")
    assert response.status_code == 400
    assert "This link has expired." in response.content.decode()
    alice.refresh_from_db()
    assert not alice.email_confirmed


def _last_character_changed(token):
    # Always a different character: a fixed replacement such as "AA" is sometimes already the token's own ending.
    return token[:-1] + ("B" if token[-1] == "A" else "A")


@pytest.mark.parametrize("tamper", [_last_character_changed, lambda t: "x" + t, lambda t: "nonsense"])
def test_a_tampered_link_is_refused(client, alice, tamper):
    response = client.post(f"/en/account/confirm/{tamper(email_confirmation_token_make(user=alice))}/")
    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()
    alice.refresh_from_db()
    assert not alice.email_confirmed


def test_a_link_stops_working_when_the_address_changes(client, alice):
    token = email_confirmation_token_make(user=alice)
    alice.email = "alice.new@example.ae"
    alice.save()
    assert client.post(f"/en/account/confirm/{token}/").status_code == 400


def test_a_family_asks_for_a_new_link(client, alice):
    client.force_login(alice)
    assert client.get("/en/account/confirm/resend/").status_code == 405
    response = client.post("/en/account/confirm/resend/")
    assert response["Location"] == "/en/account/"
    assert len(mail.outbox) == 1


def test_a_new_link_the_mail_server_did_not_take_says_to_try_again(client, alice, mail_server_hangs):
    client.force_login(alice)
    response = client.post("/en/account/confirm/resend/", follow=True)
    assert "We could not send the e-mail just now. Please try again in a few minutes." in response.content.decode()


def test_a_confirmed_family_is_not_sent_another_link(client, alice_profile):
    client.force_login(alice_profile.user)
    client.post("/en/account/confirm/resend/")
    assert mail.outbox == []


def test_asking_for_a_new_link_needs_a_login(client):
    assert client.post("/en/account/confirm/resend/")["Location"].startswith("/en/account/login/")


# The account home


def test_the_account_home_needs_a_login(client):
    response = client.get("/ar/account/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/account/login/?next=/ar/account/"


def test_a_new_family_sees_the_banner_and_what_is_missing(client, alice):
    client.force_login(alice)
    response = client.get("/en/account/")
    content = response.content.decode()
    assert 'data-testid="email-banner"' in content
    assert 'data-testid="complete-profile"' in content
    assert not response.context["can_apply"]


def test_an_eligible_family_sees_it_can_apply_and_its_masked_emirates_id(client, alice_profile):
    client.force_login(alice_profile.user)
    response = client.get("/en/account/")
    content = response.content.decode()
    assert response.context["can_apply"]
    assert 'data-testid="email-banner"' not in content
    assert ALICE_EMIRATES_ID not in content
    assert "784-19••-•••••" in content


def test_staff_are_sent_to_the_admin_from_family_pages(client, reviewer):
    client.force_login(reviewer)
    for url in ("/en/account/", "/en/account/profile/", "/en/account/profile/members/add/"):
        assert client.get(url)["Location"] == "/en/admin/"


@pytest.mark.parametrize("members", [5, 50])
def test_the_account_home_and_profile_page_query_counts_do_not_grow(
    client, alice_profile, members, django_assert_max_num_queries
):
    HouseholdMemberFactory.create_batch(members, profile=alice_profile)
    client.force_login(alice_profile.user)
    # The home page adds the licences app's summary (open applications, the latest one and the licences) and the
    # benefits app's (the booth applications, the enrolments and the incubation follow-up files) and the showcase's
    # (the licences it may show).
    with django_assert_max_num_queries(12):
        assert client.get("/en/account/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/en/account/profile/").status_code == 200


def test_the_header_offers_log_in_and_sign_up_to_visitors_and_the_account_to_families(client, alice, reviewer):
    content = client.get("/en/").content.decode()
    assert 'data-testid="nav-login"' in content and 'data-testid="nav-signup"' in content
    client.force_login(alice)
    content = client.get("/en/").content.decode()
    assert 'data-testid="nav-account"' in content and 'data-testid="nav-logout"' in content
    assert "/admin/" not in content
    client.force_login(reviewer)
    assert "/en/admin/" in client.get("/en/").content.decode()


# The family profile


def test_the_profile_page_needs_a_login(client):
    assert client.get("/en/account/profile/")["Location"] == "/en/account/login/?next=/en/account/profile/"


def test_a_family_completes_its_profile(client, alice):
    client.force_login(alice)
    response = client.post("/en/account/profile/", profile_form_data(emirates_id="784 1985 1234567 " + "x"))
    assert response.status_code == 200
    response = client.post("/en/account/profile/", profile_form_data(emirates_id=ALICE_EMIRATES_ID.replace("-", "")))
    assert response["Location"] == "/en/account/"
    profile = FamilyProfile.objects.get(user=alice)
    assert profile.emirates_id == ALICE_EMIRATES_ID
    assert profile.full_name_en == "Alice Mohammed Al Ketbi"
    alice.refresh_from_db()
    assert alice.mobile == "+971501234567"


def test_a_family_updates_its_profile(client, alice_profile):
    client.force_login(alice_profile.user)
    response = client.get("/en/account/profile/")
    assert form_value(response, "emirates_id") == ALICE_EMIRATES_ID
    client.post("/en/account/profile/", profile_form_data(area="Muwaileh"))
    alice_profile.refresh_from_db()
    assert alice_profile.area == "Muwaileh"
    assert FamilyProfile.objects.count() == 1


WRONG_CHECK_DIGIT = ALICE_EMIRATES_ID[:-1] + str((int(ALICE_EMIRATES_ID[-1]) + 1) % 10)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"emirates_id": "12345"}, "emirates_id", "Enter the Emirates ID as 784-YYYY-NNNNNNN-C"),
        ({"emirates_id": WRONG_CHECK_DIGIT}, "emirates_id", "This Emirates ID number is not valid"),
        ({"date_of_birth": "1986-03-14"}, "emirates_id", "The Emirates ID does not match the date of birth"),
        ({"date_of_birth": "2099-01-01"}, "date_of_birth", "The date of birth cannot be in the future."),
        ({"date_of_birth": "1850-01-01"}, "date_of_birth", "Check the year of birth."),
        ({"date_of_birth": "31/02/2020"}, "date_of_birth", "Enter a valid date."),
        ({"date_of_birth": ""}, "date_of_birth", "This field is required."),
        ({"full_name_ar": "Alice Ketbi"}, "full_name_ar", "Write the name in Arabic letters."),
        ({"full_name_ar": "أليس"}, "full_name_ar", "at least the first name and the family name"),
        ({"full_name_en": "أليس الكتبي"}, "full_name_en", "Write the name in English (Latin) letters."),
        ({"mobile": "0412345678"}, "mobile", "Enter a UAE mobile number"),
        ({"emirate": "paris"}, "emirate", "Select a valid choice."),
        ({"nationality": ""}, "nationality", "This field is required."),
        ({"area": "   "}, "area", "This field is required."),
        ({"sssd_file_number": "<script>"}, "sssd_file_number", "Use only letters, digits, dashes and slashes."),
        ({"preferred_language": "de"}, "preferred_language", "Select a valid choice."),
    ],
)
def test_each_profile_rule_refuses_bad_input_and_keeps_what_was_typed(client, alice, changes, field, message):
    client.force_login(alice)
    data = profile_form_data(**changes)
    response = client.post("/en/account/profile/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    for kept in ("full_name_en", "address", "area"):
        if kept != field:
            assert form_value(response, kept) == data[kept]
    assert not FamilyProfile.objects.exists()


def test_the_profile_rules_speak_arabic_on_arabic_pages(client, alice):
    client.force_login(alice)
    response = client.post("/ar/account/profile/", profile_form_data(emirates_id=WRONG_CHECK_DIGIT))
    assert "رقم بطاقة الهوية الإماراتية هذا غير صحيح" in response.content.decode()


def test_one_account_per_emirates_id(client, alice, charlie_profile):
    client.force_login(alice)
    response = client.post(
        "/en/account/profile/",
        profile_form_data(emirates_id=charlie_profile.emirates_id, date_of_birth="1979-06-01"),
    )
    assert response.status_code == 200
    assert "An account already exists for this Emirates ID" in response.content.decode()
    assert not FamilyProfile.objects.filter(user=alice).exists()


def test_a_family_posting_the_beneficiary_verification_itself_is_ignored(client, alice, reviewer):
    client.force_login(alice)
    data = profile_form_data(
        sssd_file_number="SSD-55",
        beneficiary_verified_at="2026-01-01T10:00",
        beneficiary_verified_by=str(reviewer.pk),
        beneficiary_verified_file_number="SSD-55",
        is_staff="on",
    )
    assert client.post("/en/account/profile/", data).status_code == 302
    profile = FamilyProfile.objects.get(user=alice)
    assert profile.sssd_file_number == "SSD-55"
    assert profile.beneficiary_verified_at is None
    assert profile.beneficiary_verified_by is None
    assert profile.beneficiary_verified_file_number == ""
    alice.refresh_from_db()
    assert not alice.is_staff


def test_the_profile_page_refuses_other_methods(client, alice):
    client.force_login(alice)
    assert client.delete("/en/account/profile/").status_code == 405


def test_an_emirates_id_never_reaches_the_logs(client, alice, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(alice)
    client.post("/en/account/profile/", profile_form_data(emirates_id=WRONG_CHECK_DIGIT))
    client.post("/en/account/profile/", profile_form_data())
    client.get("/en/account/")
    assert FamilyProfile.objects.filter(user=alice).exists()
    digits = ALICE_EMIRATES_ID.replace("-", "")
    assert ALICE_EMIRATES_ID not in caplog.text and digits not in caplog.text
    assert WRONG_CHECK_DIGIT not in caplog.text


# Household members


def test_adding_a_member_needs_a_profile_first(client, alice):
    client.force_login(alice)
    assert client.get("/en/account/profile/members/add/")["Location"] == "/en/account/profile/"


def test_a_family_adds_edits_and_removes_a_member(client, alice_profile):
    client.force_login(alice_profile.user)
    response = client.post("/en/account/profile/members/add/", {"name": "Sara Al Ketbi", "relation": "daughter"})
    assert response["Location"] == "/en/account/profile/"
    member = HouseholdMember.objects.get(profile=alice_profile)
    client.post(f"/en/account/profile/members/{member.pk}/", {"name": "Sara Al Ketbi", "relation": "sibling"})
    member.refresh_from_db()
    assert member.relation == "sibling"
    client.post(f"/en/account/profile/members/{member.pk}/remove/")
    assert not HouseholdMember.objects.exists()


def test_a_member_form_refuses_bad_input_and_keeps_it(client, alice_profile):
    client.force_login(alice_profile.user)
    response = client.post("/en/account/profile/members/add/", {"name": "Sara", "relation": "cousin"})
    assert response.status_code == 200
    assert form_value(response, "name") == "Sara"
    assert not HouseholdMember.objects.exists()


def test_another_family_cannot_open_change_or_remove_alices_member(client, alice_profile, charlie_profile):
    member = HouseholdMemberFactory(profile=alice_profile, name="Sara")
    client.force_login(charlie_profile.user)
    assert client.get(f"/en/account/profile/members/{member.pk}/").status_code == 404
    assert client.post(f"/en/account/profile/members/{member.pk}/", {"name": "X", "relation": "son"}).status_code == 404
    assert client.post(f"/en/account/profile/members/{member.pk}/remove/").status_code == 404
    member.refresh_from_db()
    assert member.name == "Sara"


def test_a_visitor_is_sent_to_log_in_from_member_pages(client, alice_profile):
    member = HouseholdMemberFactory(profile=alice_profile)
    for url in (f"/en/account/profile/members/{member.pk}/", "/en/account/profile/members/add/"):
        response = client.get(url)
        assert response["Location"].startswith("/en/account/login/?next=")
    response = client.post(f"/en/account/profile/members/{member.pk}/remove/")
    assert response["Location"].startswith("/en/account/login/?next=")
    assert HouseholdMember.objects.filter(pk=member.pk).exists()


def test_removing_a_member_takes_a_post(client, alice_profile):
    member = HouseholdMemberFactory(profile=alice_profile)
    client.force_login(alice_profile.user)
    assert client.get(f"/en/account/profile/members/{member.pk}/remove/").status_code == 405


def test_an_unknown_member_is_404(client, alice_profile):
    client.force_login(alice_profile.user)
    assert client.get("/en/account/profile/members/999999/").status_code == 404
    assert client.get("/en/account/profile/members/abc/").status_code == 404


def test_the_profile_page_lists_only_the_familys_own_members(client, alice_profile, charlie_profile):
    HouseholdMemberFactory(profile=charlie_profile, name="Charlie's son")
    client.force_login(alice_profile.user)
    assert "Charlie&#x27;s son" not in client.get("/en/account/profile/").content.decode()
