import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from families.emirates_id import emirates_id_validate
from families.models import Emirate, FamilyProfile, Nationality

ADULT_AGE = 18


@dataclass(frozen=True)
class EligibilityProblem:
    """One unmet condition: a stable code for programs, a translated message for people."""

    code: str
    message: Promise


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def family_profile_of(*, user) -> FamilyProfile | None:
    return FamilyProfile.objects.filter(user=user).prefetch_related("household_members").first()


def family_eligibility(
    *, profile: FamilyProfile | None, court_letter_provided: bool = False, on: datetime.date | None = None
) -> list[EligibilityProblem]:
    """Every condition of DOMAIN.md's eligibility the family does not meet yet, all at once (empty: eligible).

    The one rule for the profile page's checklist and for the refusal when an application is submitted.
    Home-owner consent is proven by the application's documents, so it is checked with them, not here.
    """
    if profile is None:
        return [EligibilityProblem("profile_missing", _("Complete your family profile."))]
    on = on or timezone.localdate()
    problems = []
    if profile.nationality != Nationality.UAE:
        problems.append(EligibilityProblem("not_uae_national", _("The Etimad licence is for UAE nationals.")))
    if profile.emirate != Emirate.SHARJAH:
        problems.append(
            EligibilityProblem("not_sharjah_resident", _("The family must live in the Emirate of Sharjah."))
        )
    if age_on(profile.date_of_birth, on) < ADULT_AGE and not court_letter_provided:
        problems.append(
            EligibilityProblem(
                "under_18_without_court_letter",
                _("Applicants under 18 must upload a court no-objection letter."),
            )
        )
    try:
        emirates_id_validate(profile.emirates_id, date_of_birth=profile.date_of_birth)
    except ValidationError:
        problems.append(EligibilityProblem("emirates_id_invalid", _("Correct your Emirates ID in your profile.")))
    return problems


def family_snapshot(*, profile: FamilyProfile) -> dict:
    """The profile as it stands, JSON-ready: an application keeps it so later edits never change what was sent."""
    user = profile.user
    return {
        "full_name_ar": profile.full_name_ar,
        "full_name_en": profile.full_name_en,
        "emirates_id": profile.emirates_id,
        "date_of_birth": profile.date_of_birth.isoformat(),
        "nationality": profile.nationality,
        "emirate": profile.emirate,
        "area": profile.area,
        "address": profile.address,
        "home_tenure": profile.home_tenure,
        "email": user.email,
        "mobile": user.mobile,
        "sssd_file_number": profile.sssd_file_number,
        "beneficiary_verified": profile.is_verified_beneficiary,
        "beneficiary_verified_file_number": profile.beneficiary_verified_file_number,
        "household_members": [
            {"name": member.name, "relation": member.relation} for member in profile.household_members.all()
        ],
    }
