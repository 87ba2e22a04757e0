import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group

from families.models import FamilyProfile, User
from families.roles import MANAGERS, REVIEWERS
from tests.factories import FamilyProfileFactory, FeeScheduleFactory, HouseholdMemberFactory, UserFactory, fee_form

from .conftest import ALICE_EMIRATES_ID

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/families/familyprofile/"


def change_url(profile):
    return f"{CHANGELIST}{profile.pk}/change/"


def beneficiary_url(profile):
    return f"{CHANGELIST}{profile.pk}/beneficiary/"


# Roles and permissions


def test_a_reviewer_reads_the_fee_schedule_but_cannot_change_it(client, reviewer):
    schedule = FeeScheduleFactory()
    client.force_login(reviewer)
    url = f"/en/admin/packages_catalog/feeschedule/{schedule.pk}/change/"
    assert client.get(url).status_code == 200
    assert client.post(url, fee_form(schedule, renewal_fee="1.00")).status_code == 403
    schedule.refresh_from_db()
    assert schedule.renewal_fee == 1000
    assert client.get("/en/admin/packages_catalog/feeschedule/add/").status_code == 403


def test_a_manager_changes_the_fees_and_is_recorded_as_the_author(client, manager):
    schedule = FeeScheduleFactory()
    client.force_login(manager)
    response = client.post(
        f"/en/admin/packages_catalog/feeschedule/{schedule.pk}/change/", fee_form(schedule, renewal_fee="1050.00")
    )
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert schedule.renewal_fee == 1050
    assert schedule.history.first().history_user == manager


@pytest.mark.parametrize("model", ["package", "activity", "documenttype"])
def test_a_reviewer_cannot_add_to_the_catalogue_but_a_manager_can_open_the_form(client, reviewer, manager, model):
    client.force_login(reviewer)
    assert client.get(f"/en/admin/packages_catalog/{model}/").status_code == 200
    assert client.get(f"/en/admin/packages_catalog/{model}/add/").status_code == 403
    client.force_login(manager)
    assert client.get(f"/en/admin/packages_catalog/{model}/add/").status_code == 200


def test_the_group_permissions_are_what_the_roles_say():
    reviewers = set(Group.objects.get(name=REVIEWERS).permissions.values_list("codename", flat=True))
    managers = set(Group.objects.get(name=MANAGERS).permissions.values_list("codename", flat=True))
    assert {"view_feeschedule", "view_familyprofile", "change_familyprofile"} <= reviewers
    # Reviewers add only to the incubation follow-up (its files, visits and calls, goals, referrals), never delete.
    added = {codename for codename in reviewers if codename.startswith("add_")}
    assert added == {"add_followupfile", "add_contact", "add_goal", "add_referral"}
    assert not {codename for codename in reviewers if codename.startswith("delete_")}
    assert "change_feeschedule" not in reviewers
    assert reviewers < managers
    assert {"add_feeschedule", "change_feeschedule", "delete_feeschedule", "change_package"} <= managers
    assert not any("user" in codename or "group" in codename for codename in managers)


def test_loading_the_permissions_again_changes_nothing():
    import importlib

    from django.apps import apps

    before = Group.objects.get(name=MANAGERS).permissions.count()
    importlib.import_module("families.migrations.0005_staff_permissions").load(apps, None)
    assert Group.objects.get(name=MANAGERS).permissions.count() == before


def test_a_family_cannot_open_the_admin(client, alice_profile):
    client.force_login(alice_profile.user)
    for url in ("/en/admin/", CHANGELIST, change_url(alice_profile), beneficiary_url(alice_profile)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_a_family_cannot_log_in_to_the_admin(client, alice):
    response = client.post("/en/admin/login/", {"username": alice.email, "password": "Intaj-test-pass-2026"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


# The family list


def test_the_family_list_masks_emirates_ids(client, reviewer, alice_profile):
    client.force_login(reviewer)
    content = client.get(CHANGELIST).content.decode()
    assert "Alice Mohammed Al Ketbi" in content
    assert ALICE_EMIRATES_ID not in content
    assert "784-19••-•••••" in content


@pytest.mark.parametrize("query", ["Ketbi", "أليس", "alice@example", "+97150123", "SSD-42"])
def test_staff_search_families_by_name_email_mobile_and_file_number(client, reviewer, alice_profile, query):
    alice_profile.sssd_file_number = "SSD-42"
    alice_profile.save()
    FamilyProfileFactory(full_name_en="Other Family Name", full_name_ar="أسرة أخرى")
    client.force_login(reviewer)
    response = client.get(CHANGELIST, {"q": query})
    assert [profile.pk for profile in response.context["cl"].result_list] == [alice_profile.pk]


def test_staff_find_a_family_by_emirates_id_without_it_entering_any_address(client, reviewer, alice_profile):
    client.force_login(reviewer)
    response = client.post(f"{CHANGELIST}find-by-emirates-id/", {"emirates_id": ALICE_EMIRATES_ID.replace("-", " ")})
    assert response.status_code == 302
    assert response["Location"] == change_url(alice_profile)
    assert client.get(f"{CHANGELIST}find-by-emirates-id/").status_code == 405


def test_finding_an_unknown_or_malformed_emirates_id_says_so(client, reviewer, alice_profile):
    client.force_login(reviewer)
    response = client.post(f"{CHANGELIST}find-by-emirates-id/", {"emirates_id": "784-2000-0000000-0"}, follow=True)
    assert "No family has this Emirates ID." in response.content.decode()
    response = client.post(f"{CHANGELIST}find-by-emirates-id/", {"emirates_id": "12"}, follow=True)
    assert "Enter the Emirates ID as" in response.content.decode()


@pytest.mark.parametrize(
    ("status", "expected"), [("verified", ["verified"]), ("claimed", ["claimed"]), ("none", ["none"])]
)
def test_staff_filter_families_by_beneficiary_status(client, reviewer, status, expected):
    from families.services import beneficiary_verify

    verified = FamilyProfileFactory(full_name_en="Verified Family", sssd_file_number="A-1")
    beneficiary_verify(profile=verified, actor=reviewer, file_number="A-1")
    FamilyProfileFactory(full_name_en="Claimed Family", sssd_file_number="B-2")
    FamilyProfileFactory(full_name_en="None Family")
    client.force_login(reviewer)
    results = client.get(CHANGELIST, {"beneficiary": status}).context["cl"].result_list
    assert [profile.beneficiary_status for profile in results] == expected


def test_staff_filter_families_by_emirate(client, reviewer):
    FamilyProfileFactory(emirate="sharjah")
    ajman = FamilyProfileFactory(emirate="ajman")
    client.force_login(reviewer)
    assert list(client.get(CHANGELIST, {"emirate": "ajman"}).context["cl"].result_list) == [ajman]


@pytest.mark.parametrize("families", [5, 50])
def test_the_family_list_query_count_does_not_grow(client, reviewer, families, django_assert_max_num_queries):
    FamilyProfileFactory.create_batch(families)
    client.force_login(reviewer)
    with django_assert_max_num_queries(12):
        assert client.get(CHANGELIST).status_code == 200


def test_staff_open_a_family_with_its_household_in_both_languages(client, reviewer, alice_profile):
    HouseholdMemberFactory(profile=alice_profile, name="Sara")
    client.force_login(reviewer)
    for language in ("ar", "en"):
        response = client.get(f"/{language}/admin/families/familyprofile/{alice_profile.pk}/change/")
        assert response.status_code == 200
        assert "Sara" in response.content.decode()


def test_families_are_not_added_in_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get(f"{CHANGELIST}add/").status_code == 403


def test_a_reviewer_corrects_a_profile_and_the_history_names_them(client, reviewer, alice_profile):
    client.force_login(reviewer)
    data = {
        "full_name_ar": alice_profile.full_name_ar,
        "full_name_en": alice_profile.full_name_en,
        "emirates_id": alice_profile.emirates_id,
        "date_of_birth": "1985-03-14",
        "nationality": "AE",
        "emirate": "sharjah",
        "area": "Al Nahda",
        "address": alice_profile.address,
        "home_tenure": "owned",
        "sssd_file_number": "",
        "household_members-TOTAL_FORMS": "0",
        "household_members-INITIAL_FORMS": "0",
    }
    response = client.post(change_url(alice_profile), data)
    assert response.status_code == 302
    alice_profile.refresh_from_db()
    assert alice_profile.area == "Al Nahda"
    assert alice_profile.history.first().history_user == reviewer
    assert client.get(f"{CHANGELIST}{alice_profile.pk}/history/").status_code == 200


def test_the_admin_refuses_an_emirates_id_with_a_wrong_check_digit(client, reviewer, alice_profile):
    client.force_login(reviewer)
    wrong = ALICE_EMIRATES_ID[:-1] + str((int(ALICE_EMIRATES_ID[-1]) + 1) % 10)
    response = client.post(
        change_url(alice_profile),
        {
            "full_name_ar": alice_profile.full_name_ar,
            "full_name_en": alice_profile.full_name_en,
            "emirates_id": wrong,
            "date_of_birth": "1985-03-14",
            "nationality": "AE",
            "emirate": "sharjah",
            "area": "x",
            "address": "y",
            "home_tenure": "owned",
            "household_members-TOTAL_FORMS": "0",
            "household_members-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    alice_profile.refresh_from_db()
    assert alice_profile.emirates_id == ALICE_EMIRATES_ID


# Beneficiary verification


def test_a_reviewer_verifies_a_beneficiary_from_the_change_page(client, reviewer, alice_profile):
    alice_profile.sssd_file_number = "SSD-7"
    alice_profile.save()
    client.force_login(reviewer)
    assert "/beneficiary/" in client.get(change_url(alice_profile)).content.decode()
    page = client.get(beneficiary_url(alice_profile))
    assert page.status_code == 200
    assert page.context["verify_form"]["file_number"].value() == "SSD-7"
    response = client.post(beneficiary_url(alice_profile), {"action": "verify", "file_number": "SSD-7"})
    assert response["Location"] == change_url(alice_profile)
    alice_profile.refresh_from_db()
    assert alice_profile.is_verified_beneficiary
    assert alice_profile.beneficiary_verified_by == reviewer
    history = client.get(f"{CHANGELIST}{alice_profile.pk}/history/").content.decode()
    assert "Beneficiary status verified" in history and reviewer.email in history


def test_verifying_without_a_file_number_keeps_the_page_with_an_error(client, reviewer, alice_profile):
    client.force_login(reviewer)
    response = client.post(beneficiary_url(alice_profile), {"action": "verify", "file_number": ""})
    assert response.status_code == 200
    assert response.context["verify_form"].errors
    alice_profile.refresh_from_db()
    assert not alice_profile.is_verified_beneficiary


def test_a_reviewer_withdraws_a_verification_with_a_reason(client, reviewer, alice_profile):
    client.force_login(reviewer)
    client.post(beneficiary_url(alice_profile), {"action": "verify", "file_number": "SSD-7"})
    response = client.post(beneficiary_url(alice_profile), {"action": "revoke", "reason": "Letter expired"})
    assert response.status_code == 302
    alice_profile.refresh_from_db()
    assert not alice_profile.is_verified_beneficiary
    assert alice_profile.history.first().history_change_reason == "Letter expired"


def test_withdrawing_an_unverified_status_is_refused_on_the_page(client, reviewer, alice_profile):
    client.force_login(reviewer)
    response = client.post(beneficiary_url(alice_profile), {"action": "revoke", "reason": "why"})
    assert response.status_code == 200
    assert "not verified" in response.content.decode()


def test_staff_without_the_change_permission_cannot_verify(client, alice_profile):
    clerk = UserFactory(email="clerk@intaj.example.ae", is_staff=True)
    client.force_login(clerk)
    assert client.post(beneficiary_url(alice_profile), {"action": "verify", "file_number": "1"}).status_code == 403
    alice_profile.refresh_from_db()
    assert not alice_profile.is_verified_beneficiary


def test_the_admin_action_verifies_the_selected_families_that_gave_a_file_number(client, reviewer):
    claimed = FamilyProfileFactory(sssd_file_number="C-1")
    unclaimed = FamilyProfileFactory()
    client.force_login(reviewer)
    response = client.post(
        CHANGELIST,
        {"action": "verify_beneficiary", "_selected_action": [claimed.pk, unclaimed.pk]},
        follow=True,
    )
    content = response.content.decode()
    assert "1 family verified as a beneficiary." in content
    assert "1 family gave no file number and was not verified." in content
    claimed.refresh_from_db()
    unclaimed.refresh_from_db()
    assert claimed.beneficiary_verified_file_number == "C-1"
    assert not unclaimed.is_verified_beneficiary


def test_an_unknown_family_is_404_on_the_beneficiary_page(client, reviewer):
    client.force_login(reviewer)
    assert client.get(f"{CHANGELIST}999999/beneficiary/").status_code == 404


# Accounts


def test_the_user_admin_lists_searches_and_adds_accounts_by_email(client, superuser, alice):
    client.force_login(superuser)
    assert client.get("/en/admin/families/user/", {"q": "alice"}).context["cl"].result_count == 1
    assert client.get(f"/en/admin/families/user/{alice.pk}/change/").status_code == 200
    response = client.post(
        "/en/admin/families/user/add/",
        {
            "email": "staff2@intaj.example.ae",
            "usable_password": "true",
            "password1": "Str0ng-pass-2026",
            "password2": "Str0ng-pass-2026",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email="staff2@intaj.example.ae").exists()


def test_reviewers_and_managers_cannot_manage_accounts(client, reviewer, manager):
    for staff in (reviewer, manager):
        client.force_login(staff)
        assert client.get("/en/admin/families/user/").status_code == 403


def test_managers_can_lift_a_lockout_and_reviewers_cannot(client, reviewer, manager):
    client.force_login(manager)
    assert client.get("/en/admin/axes/accessattempt/").status_code == 200
    client.force_login(reviewer)
    assert client.get("/en/admin/axes/accessattempt/").status_code == 403


def test_profiles_are_not_deleted_by_reviewers(client, reviewer, alice_profile):
    client.force_login(reviewer)
    assert client.get(f"{CHANGELIST}{alice_profile.pk}/delete/").status_code == 403
    assert FamilyProfile.objects.filter(pk=alice_profile.pk).exists()


# Malformed input


@pytest.mark.parametrize("raw", ["abc", "1e3", "²", "9" * 20])
def test_a_malformed_family_id_never_reaches_the_beneficiary_page(client, reviewer, raw):
    client.force_login(reviewer)
    response = client.get(f"{CHANGELIST}{raw}/beneficiary/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/en/admin/"
    assert "doesn’t exist" in response.content.decode()


def test_a_family_history_with_a_malformed_id_is_a_family_that_does_not_exist(client, reviewer, alice_profile):
    client.force_login(reviewer)
    for path in (f"{CHANGELIST}abc/history/", f"{CHANGELIST}{alice_profile.pk}/history/²/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/en/admin/"


def test_an_action_on_a_malformed_selection_is_refused_and_changes_nothing(client, reviewer, alice_profile):
    alice_profile.sssd_file_number = "SSD-42"
    alice_profile.save()
    client.force_login(reviewer)
    data = {"action": "verify_beneficiary", "index": "0", "_selected_action": [str(alice_profile.pk), "1e3"]}
    response = client.post(CHANGELIST, data, follow=True)
    assert "The rows to act on could not be read" in response.content.decode()
    alice_profile.refresh_from_db()
    assert alice_profile.beneficiary_verified_at is None


def test_the_login_attempts_clean_up_action_runs(client, superuser):
    AccessAttempt.objects.create(username="x@example.ae", ip_address="10.0.0.1", failures_since_start=1)
    client.force_login(superuser)
    data = {"action": "cleanup_expired_attempts", "index": "0", "select_across": "1", "_selected_action": ["1"]}
    response = client.post("/en/admin/axes/accessattempt/", data, follow=True)
    assert response.status_code == 200
    assert "expired access attempts" in response.content.decode()
