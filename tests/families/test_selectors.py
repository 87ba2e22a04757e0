import datetime

import pytest
from django.utils import translation

from families.selectors import family_can_apply, family_checklist, family_eligibility
from tests.factories import FamilyProfileFactory, emirates_id_for

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 28)


def codes(problems):
    return [problem.code for problem in problems]


def states(checklist):
    return {item.code: item.state for item in checklist}


def test_an_adult_uae_national_in_sharjah_with_a_confirmed_address_is_eligible(alice_profile):
    assert family_eligibility(profile=alice_profile, on=TODAY) == []


def test_without_a_profile_the_only_problem_is_the_missing_profile():
    assert codes(family_eligibility(profile=None)) == ["profile_missing"]


def test_every_unmet_condition_is_returned_at_once(db):
    born = datetime.date(2010, 5, 1)
    profile = FamilyProfileFactory(
        user__email_confirmed_at=None,
        nationality="other",
        emirate="dubai",
        date_of_birth=born,
        emirates_id=emirates_id_for(2009, 1),
    )
    assert codes(family_eligibility(profile=profile, on=TODAY)) == [
        "email_unconfirmed",
        "not_uae_national",
        "not_sharjah_resident",
        "under_18_without_court_letter",
        "emirates_id_invalid",
    ]


def test_a_minor_with_a_court_letter_is_eligible(db):
    profile = FamilyProfileFactory(date_of_birth=datetime.date(2010, 5, 1))
    assert codes(family_eligibility(profile=profile, on=TODAY)) == ["under_18_without_court_letter"]
    assert family_eligibility(profile=profile, court_letter_provided=True, on=TODAY) == []


def test_the_eighteenth_birthday_is_the_day_a_family_becomes_an_adult(db):
    profile = FamilyProfileFactory(date_of_birth=datetime.date(2008, 11, 28))
    assert family_eligibility(profile=profile, on=TODAY) == []
    assert codes(family_eligibility(profile=profile, on=TODAY - datetime.timedelta(days=1))) == [
        "under_18_without_court_letter"
    ]


def test_the_checklist_of_a_new_account_asks_for_the_address_and_the_profile(alice):
    checklist = family_checklist(user=alice, profile=None)
    assert states(checklist) == {
        "email_unconfirmed": "missing",
        "profile_missing": "missing",
        "emirates_id_invalid": "unknown",
        "not_uae_national": "unknown",
        "not_sharjah_resident": "unknown",
        "under_18_without_court_letter": "unknown",
    }
    assert not family_can_apply(checklist=checklist)


def test_the_checklist_of_an_eligible_family_is_all_met(alice_profile):
    checklist = family_checklist(user=alice_profile.user, profile=alice_profile, on=TODAY)
    assert set(states(checklist).values()) == {"met"}
    assert family_can_apply(checklist=checklist)


def test_a_minor_can_start_an_application_the_court_letter_goes_with_it(db):
    profile = FamilyProfileFactory(date_of_birth=datetime.date(2010, 5, 1))
    checklist = family_checklist(user=profile.user, profile=profile, on=TODAY)
    assert states(checklist)["under_18_without_court_letter"] == "later"
    assert family_can_apply(checklist=checklist)


def test_a_family_outside_sharjah_sees_why_it_cannot_apply(db):
    profile = FamilyProfileFactory(emirate="ajman")
    checklist = family_checklist(user=profile.user, profile=profile, on=TODAY)
    item = next(item for item in checklist if item.code == "not_sharjah_resident")
    assert item.state == "missing"
    with translation.override("en"):
        assert str(item.message) == "The family must live in the Emirate of Sharjah."
    with translation.override("ar"):
        assert str(item.message) == "يجب أن تقيم الأسرة في إمارة الشارقة."
    assert not family_can_apply(checklist=checklist)
