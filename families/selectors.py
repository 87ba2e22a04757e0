import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from families.emirates_id import emirates_id_validate
from families.models import Emirate, FamilyProfile, HouseholdMember, Nationality, UaePassIdentity, User

ADULT_AGE = 18


@dataclass(frozen=True)
class EligibilityProblem:
    """One unmet condition: a stable code for programs, a translated message for people."""

    code: str
    message: Promise


PROFILE_MISSING = EligibilityProblem("profile_missing", _("Complete your family profile."))
EMAIL_UNCONFIRMED = EligibilityProblem("email_unconfirmed", _("Confirm your e-mail address with the link we sent you."))
UAEPASS_UNVERIFIED = EligibilityProblem(
    "uaepass_unverified",
    _(
        "Your UAE PASS account is a basic one (SOP1): nobody has checked the identity behind it, so it cannot be "
        "used to apply for a licence. Please upgrade it to a verified account in the UAE PASS app or at a UAE PASS "
        "kiosk with your Emirates ID, then sign in again with UAE PASS."
    ),
)


def uaepass_identity_of(user) -> UaePassIdentity | None:
    """The UAE PASS account `user` signs in with, read without a query when it was select_related."""
    try:
        return user.uaepass
    except UaePassIdentity.DoesNotExist:
        return None


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def family_profile_of(*, user) -> FamilyProfile | None:
    return (
        FamilyProfile.objects.filter(user=user)
        .select_related("user__uaepass", "beneficiary_verified_by")
        .prefetch_related("household_members")
        .first()
    )


def household_member_of(*, user, pk: int) -> HouseholdMember:
    """The member `pk` of `user`'s own household; HouseholdMember.DoesNotExist for anyone else's."""
    return HouseholdMember.objects.select_related("profile").get(pk=pk, profile__user=user)


def family_eligibility(
    *, profile: FamilyProfile | None, court_letter_provided: bool = False, on: datetime.date | None = None
) -> list[EligibilityProblem]:
    """Every condition of DOMAIN.md's eligibility the family does not meet yet, all at once (empty: eligible).

    The one rule for the profile page's checklist and for the refusal when an application is submitted.
    An account must have confirmed its e-mail address, the address every decision is sent to. An account that
    signs in with a UAE PASS account nobody verified (SOP1) cannot apply until the account is upgraded.
    Home-owner consent is proven by the application's documents, so it is checked with them, not here.
    """
    if profile is None:
        return [PROFILE_MISSING]
    on = on or timezone.localdate()
    problems = []
    if not profile.user.email_confirmed:
        problems.append(EMAIL_UNCONFIRMED)
    if (identity := uaepass_identity_of(profile.user)) is not None and not identity.is_verified:
        problems.append(UAEPASS_UNVERIFIED)
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


@dataclass(frozen=True)
class ChecklistItem:
    """One line of "what is missing before you can apply".

    state: "met"; "missing" (blocks an application); "later" (asked for with the application itself, such as
    the court letter of an applicant under 18); "unknown" (the profile that would tell is not filled in yet).
    """

    code: str
    label: Promise
    state: str
    message: Promise | None = None


CHECKLIST = [
    ("email_unconfirmed", _("E-mail address confirmed")),
    ("uaepass_unverified", _("A verified UAE PASS account")),
    ("profile_missing", _("Family profile completed")),
    ("emirates_id_invalid", _("A valid Emirates ID")),
    ("not_uae_national", _("UAE nationality")),
    ("not_sharjah_resident", _("Living in the Emirate of Sharjah")),
    ("under_18_without_court_letter", _("Aged 18 or over, or a court no-objection letter")),
]
# Provided with the application itself, so it does not stop a family from starting one.
_WITH_THE_APPLICATION = {"under_18_without_court_letter"}
_ACCOUNT_CONDITIONS = {"email_unconfirmed", "profile_missing", "uaepass_unverified"}


def family_checklist(*, user, profile: FamilyProfile | None, on: datetime.date | None = None) -> list[ChecklistItem]:
    """The eligibility conditions as a checklist for the family's pages, built on family_eligibility."""
    problems = {problem.code: problem for problem in family_eligibility(profile=profile, on=on)}
    identity = uaepass_identity_of(profile.user if profile is not None else user)
    if profile is None and not user.email_confirmed:
        problems[EMAIL_UNCONFIRMED.code] = EMAIL_UNCONFIRMED
    if profile is None and identity is not None and not identity.is_verified:
        problems[UAEPASS_UNVERIFIED.code] = UAEPASS_UNVERIFIED
    items = []
    for code, label in CHECKLIST:
        if code == UAEPASS_UNVERIFIED.code and identity is None:
            continue  # a family that does not sign in with UAE PASS has nothing to do about it
        problem = problems.get(code)
        if profile is None and code not in _ACCOUNT_CONDITIONS:
            state = "unknown"
        elif problem is None:
            state = "met"
        else:
            state = "later" if code in _WITH_THE_APPLICATION else "missing"
        items.append(ChecklistItem(code, label, state, problem.message if problem else None))
    return items


def family_can_apply(*, checklist: list[ChecklistItem]) -> bool:
    return all(item.state in {"met", "later"} for item in checklist)


def family_snapshot(*, profile: FamilyProfile) -> dict:
    """The family's details as they stand, JSON-serialisable, for an application to keep as submitted."""
    return {
        "full_name_ar": profile.full_name_ar,
        "full_name_en": profile.full_name_en,
        "emirates_id": profile.emirates_id,
        "date_of_birth": profile.date_of_birth.isoformat(),
        "nationality": profile.nationality,
        "emirate": profile.emirate,
        "area": profile.area,
        "address": profile.address,
        "mobile": profile.user.mobile,
        "home_tenure": profile.home_tenure,
        "sssd_file_number": profile.sssd_file_number,
        "beneficiary_verified": profile.is_verified_beneficiary,
        "beneficiary_file_number": profile.beneficiary_verified_file_number if profile.is_verified_beneficiary else "",
        "household_members": [
            {"name": member.name, "relation": member.relation} for member in profile.household_members.all()
        ],
    }


def staff_members() -> QuerySet[User]:
    """Every staff account, active or not (an old application may name a reviewer who has left), by e-mail."""
    return User.objects.filter(is_staff=True).order_by("email")
