import datetime
import json

import pytest
from django.core import mail
from django.utils import timezone

from families import services
from families.models import FamilyProfile, HouseholdMember, User
from families.roles import MANAGERS, REVIEWERS
from families.selectors import family_snapshot
from intaj_portal.errors import ActorNotAllowed, ServiceError
from tests.factories import HouseholdMemberFactory

from .conftest import ALICE_EMIRATES_ID, profile_form_data

pytestmark = pytest.mark.django_db


def cleaned(**changes):
    """What the profile form hands the service once it has cleaned the input."""
    data = profile_form_data(**changes)
    if isinstance(data["date_of_birth"], str):
        data["date_of_birth"] = datetime.date.fromisoformat(data["date_of_birth"])
    data["mobile"] = "+971501234567"
    return data


# Sign-up and e-mail confirmation


def test_signup_creates_an_unconfirmed_family_account_and_sends_the_link(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.account_signup(
            email="Noura@Example.ae", password="Sharjah-kitchen-77", mobile="+971501112233", preferred_language="en"
        )
    assert user.email == "noura@example.ae"
    assert not user.is_staff
    assert not user.email_confirmed
    assert user.check_password("Sharjah-kitchen-77")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["noura@example.ae"]


def test_signup_refuses_an_address_already_used_whatever_its_case(alice):
    with pytest.raises(ServiceError) as error:
        services.account_signup(
            email="ALICE@example.ae", password="Sharjah-kitchen-77", mobile="+971501112233", preferred_language="ar"
        )
    assert error.value.field == "email"


def test_signup_refuses_a_password_django_refuses():
    with pytest.raises(ServiceError):
        services.account_signup(
            email="noura@example.ae", password="12345678", mobile="+971501112233", preferred_language="ar"
        )
    assert not User.objects.filter(email="noura@example.ae").exists()


def test_confirming_an_email_records_when_and_a_second_time_changes_nothing(alice):
    first = services.email_confirm(user=alice).email_confirmed_at
    assert first is not None
    assert services.email_confirm(user=alice).email_confirmed_at == first


def test_a_failing_mail_server_does_not_break_the_caller(alice, settings, caplog):
    settings.EMAIL_BACKEND = "tests.families.broken_mail.Backend"
    assert services.email_confirmation_send(user=alice) is False
    assert "alice@example.ae" not in caplog.text


# The family profile


def test_a_family_creates_its_profile_and_account_contact(alice):
    profile, lifted = services.family_profile_save(actor=alice, values=cleaned(preferred_language="en"))
    assert profile.emirates_id == ALICE_EMIRATES_ID
    assert not lifted
    alice.refresh_from_db()
    assert alice.mobile == "+971501234567"
    assert alice.preferred_language == "en"
    assert profile.history.first().history_user == alice


def test_a_family_cannot_set_its_own_beneficiary_verification(alice, reviewer):
    values = cleaned(sssd_file_number="SSD-100")
    values.update(beneficiary_verified_at=timezone.now(), beneficiary_verified_by=reviewer)
    profile, _lifted = services.family_profile_save(actor=alice, values=values)
    profile.refresh_from_db()
    assert profile.sssd_file_number == "SSD-100"
    assert profile.beneficiary_verified_at is None
    assert profile.beneficiary_verified_by is None


def test_the_service_refuses_an_emirates_id_with_a_wrong_check_digit(alice):
    wrong = ALICE_EMIRATES_ID[:-1] + str((int(ALICE_EMIRATES_ID[-1]) + 1) % 10)
    with pytest.raises(ServiceError) as error:
        services.family_profile_save(actor=alice, values=cleaned(emirates_id=wrong))
    assert error.value.field == "emirates_id"
    assert not FamilyProfile.objects.exists()


def test_the_service_refuses_an_emirates_id_of_another_birth_year(alice):
    with pytest.raises(ServiceError):
        services.family_profile_save(actor=alice, values=cleaned(date_of_birth=datetime.date(1990, 1, 1)))


def test_the_service_refuses_an_emirates_id_another_account_uses(alice, charlie_profile):
    with pytest.raises(ServiceError) as error:
        services.family_profile_save(
            actor=alice,
            values=cleaned(emirates_id=charlie_profile.emirates_id, date_of_birth=charlie_profile.date_of_birth),
        )
    assert (error.value.field, error.value.code) == ("emirates_id", "emirates_id_taken")


def test_staff_cannot_use_the_family_profile_service(reviewer):
    with pytest.raises(ActorNotAllowed):
        services.family_profile_save(actor=reviewer, values=cleaned())


def test_changing_the_file_number_of_a_verified_family_lifts_the_verification(alice_profile, reviewer):
    services.beneficiary_verify(profile=alice_profile, actor=reviewer, file_number="SSD-1")
    _profile, lifted = services.family_profile_save(actor=alice_profile.user, values=cleaned(sssd_file_number="X-2"))
    alice_profile.refresh_from_db()
    assert lifted
    assert not alice_profile.is_verified_beneficiary
    assert "lifted" in alice_profile.history.first().history_change_reason


def test_editing_the_address_of_a_verified_family_keeps_the_verification(alice_profile, reviewer):
    alice_profile.sssd_file_number = "SSD-1"
    alice_profile.save()
    services.beneficiary_verify(profile=alice_profile, actor=reviewer, file_number="SSD-1")
    _profile, lifted = services.family_profile_save(
        actor=alice_profile.user, values=cleaned(sssd_file_number="SSD-1", address="New street 3")
    )
    alice_profile.refresh_from_db()
    assert not lifted
    assert alice_profile.is_verified_beneficiary


# Household members


def test_a_family_adds_changes_and_removes_household_members_with_history(alice_profile):
    alice = alice_profile.user
    member = services.household_member_add(actor=alice, name="  Sara   Al Ketbi ", relation="daughter")
    assert member.name == "Sara Al Ketbi"
    services.household_member_update(actor=alice, member=member, name="Sara Al Ketbi", relation="sibling")
    services.household_member_remove(actor=alice, member=member)
    assert not HouseholdMember.objects.exists()
    assert [row.history_user for row in HouseholdMember.history.all()] == [alice, alice, alice]


def test_a_household_member_needs_a_profile_first(alice):
    with pytest.raises(ServiceError):
        services.household_member_add(actor=alice, name="Sara", relation="daughter")


def test_a_household_member_needs_a_known_relation(alice_profile):
    with pytest.raises(ServiceError):
        services.household_member_add(actor=alice_profile.user, name="Sara", relation="cousin")


def test_a_household_lists_at_most_twenty_members(alice_profile):
    HouseholdMemberFactory.create_batch(services.MAX_HOUSEHOLD_MEMBERS, profile=alice_profile)
    with pytest.raises(ServiceError):
        services.household_member_add(actor=alice_profile.user, name="One more", relation="son")


def test_a_family_cannot_change_or_remove_another_familys_member(alice_profile, charlie_profile):
    member = HouseholdMemberFactory(profile=charlie_profile)
    with pytest.raises(ActorNotAllowed):
        services.household_member_update(actor=alice_profile.user, member=member, name="X", relation="son")
    with pytest.raises(ActorNotAllowed):
        services.household_member_remove(actor=alice_profile.user, member=member)
    assert HouseholdMember.objects.filter(pk=member.pk).exists()


# Beneficiary verification


def test_a_reviewer_verifies_a_beneficiary_with_who_when_and_the_number(alice_profile, reviewer):
    profile = services.beneficiary_verify(profile=alice_profile, actor=reviewer, file_number=" SSD-2024-77 ")
    assert profile.is_verified_beneficiary
    assert profile.beneficiary_verified_by == reviewer
    assert profile.beneficiary_verified_file_number == "SSD-2024-77"
    latest = profile.history.first()
    assert latest.history_user == reviewer
    assert latest.history_change_reason == "Beneficiary status verified"


def test_a_manager_verifies_too(alice_profile, manager):
    assert services.beneficiary_verify(profile=alice_profile, actor=manager, file_number="1").is_verified_beneficiary


def test_a_family_cannot_verify_itself(alice_profile):
    with pytest.raises(ActorNotAllowed):
        services.beneficiary_verify(profile=alice_profile, actor=alice_profile.user, file_number="SSD-1")
    alice_profile.refresh_from_db()
    assert not alice_profile.is_verified_beneficiary


def test_staff_outside_the_staff_groups_cannot_verify(alice_profile, db):
    clerk = User.objects.create_user(email="clerk@intaj.example.ae", password="x", is_staff=True)
    with pytest.raises(ActorNotAllowed):
        services.beneficiary_verify(profile=alice_profile, actor=clerk, file_number="SSD-1")


def test_verification_needs_a_file_number(alice_profile, reviewer):
    with pytest.raises(ServiceError):
        services.beneficiary_verify(profile=alice_profile, actor=reviewer, file_number="   ")


def test_a_reviewer_revokes_a_verification_with_a_reason_kept_in_history(alice_profile, reviewer):
    services.beneficiary_verify(profile=alice_profile, actor=reviewer, file_number="SSD-1")
    profile = services.beneficiary_verification_revoke(
        profile=alice_profile, actor=reviewer, reason="Letter expired in 2025"
    )
    assert not profile.is_verified_beneficiary
    assert profile.beneficiary_verified_file_number == ""
    assert profile.history.first().history_change_reason == "Letter expired in 2025"
    assert profile.history.first().history_user == reviewer


@pytest.mark.parametrize("reason", ["", "   ", "x" * 101])
def test_a_revocation_needs_a_short_reason(alice_profile, reviewer, reason):
    services.beneficiary_verify(profile=alice_profile, actor=reviewer, file_number="SSD-1")
    with pytest.raises(ServiceError):
        services.beneficiary_verification_revoke(profile=alice_profile, actor=reviewer, reason=reason)


def test_an_unverified_family_cannot_be_revoked(alice_profile, reviewer):
    with pytest.raises(ServiceError):
        services.beneficiary_verification_revoke(profile=alice_profile, actor=reviewer, reason="no")


def test_a_family_cannot_revoke(alice_profile, reviewer):
    services.beneficiary_verify(profile=alice_profile, actor=reviewer, file_number="SSD-1")
    with pytest.raises(ActorNotAllowed):
        services.beneficiary_verification_revoke(profile=alice_profile, actor=alice_profile.user, reason="mine")


# Staff accounts


@pytest.mark.parametrize(("role", "group"), [("reviewer", REVIEWERS), ("manager", MANAGERS)])
def test_a_staff_account_is_created_in_its_group_with_a_generated_password(role, group):
    user, password = services.staff_account_create(email="New@Intaj.example.ae", role=role)
    assert user.email == "new@intaj.example.ae"
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [group]
    assert user.check_password(password) and len(password) >= 16


def test_a_staff_account_refuses_a_taken_address_an_unknown_role_and_a_weak_password(reviewer):
    with pytest.raises(ServiceError):
        services.staff_account_create(email=reviewer.email, role="reviewer")
    with pytest.raises(ServiceError):
        services.staff_account_create(email="x@intaj.example.ae", role="director")
    with pytest.raises(ServiceError):
        services.staff_account_create(email="y@intaj.example.ae", role="reviewer", password="password")


# The snapshot an application keeps


def test_the_snapshot_is_json_and_holds_what_an_application_keeps(alice_profile, reviewer):
    HouseholdMemberFactory(profile=alice_profile, name="Sara", relation="daughter")
    services.beneficiary_verify(profile=alice_profile, actor=reviewer, file_number="SSD-9")
    alice_profile.refresh_from_db()
    snapshot = json.loads(json.dumps(family_snapshot(profile=alice_profile)))
    assert snapshot["emirates_id"] == ALICE_EMIRATES_ID
    assert snapshot["date_of_birth"] == "1985-03-14"
    assert snapshot["mobile"] == "+971501234567"
    assert snapshot["beneficiary_verified"] is True
    assert snapshot["beneficiary_file_number"] == "SSD-9"
    assert snapshot["household_members"] == [{"name": "Sara", "relation": "daughter"}]
    assert {"full_name_ar", "full_name_en", "nationality", "emirate", "area", "address", "home_tenure"} <= set(snapshot)


def test_the_snapshot_does_not_follow_later_edits(alice_profile):
    snapshot = family_snapshot(profile=alice_profile)
    services.family_profile_save(actor=alice_profile.user, values=cleaned(address="Moved to Muwaileh"))
    alice_profile.refresh_from_db()
    assert alice_profile.address == "Moved to Muwaileh"
    assert snapshot["address"] != alice_profile.address


def test_a_completed_password_reset_lifts_the_login_lockout(alice, client, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/account/login/", {"username": alice.email, "password": "wrong"})
    assert client.post("/en/account/login/", {"username": alice.email, "password": "x"}).status_code == 429
    services.login_failures_forget(user=alice)
    response = client.post("/en/account/login/", {"username": alice.email, "password": "Intaj-test-pass-2026"})
    assert response.status_code == 302
