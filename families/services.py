import logging
import secrets
from collections.abc import Mapping
from typing import Any

import axes.utils
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.emails import absolute_url, email_to_user_send
from families.emirates_id import emirates_id_validate
from families.models import FAMILY_EDITABLE_FIELDS, FamilyProfile, HouseholdMember, User
from families.roles import ROLE_GROUPS, user_can_review, user_is_family
from families.tokens import email_confirmation_token_make
from intaj_portal.errors import ActorNotAllowed, ServiceError, history_reason_clean, validation_refused

logger = logging.getLogger(__name__)

MAX_HOUSEHOLD_MEMBERS = 20

EMAIL_TAKEN = _("An account with this e-mail address already exists. Log in, or reset your password.")
EMIRATES_ID_TAKEN = _(
    "An account already exists for this Emirates ID: one account per family. "
    "If it is yours, log in with it; otherwise contact the Intaj centre."
)


@transaction.atomic
def demo_account_ensure(
    *, email: str, password: str, is_staff: bool = False, is_superuser: bool = False, group: str | None = None
) -> User:
    """Create the demo account, or reset it to its known password and roles, so the demo always logs in."""
    user, _created = User.objects.get_or_create(email=email)
    user.is_staff = is_staff or is_superuser
    user.is_superuser = is_superuser
    user.email_confirmed_at = user.email_confirmed_at or timezone.now()
    user.set_password(password)
    user.save()
    if group:
        user.groups.set([Group.objects.get(name=group)])
    return user


@transaction.atomic
def account_signup(*, email: str, password: str, mobile: str, preferred_language: str) -> User:
    """Open a family account: one per e-mail address (compared without case), a password Django's validators accept.

    The account can log in at once; it must confirm its e-mail address before an application can be submitted.
    The confirmation e-mail goes out once the account is committed.
    """
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ServiceError(EMAIL_TAKEN, code="email_taken", field="email")
    with validation_refused():
        validate_password(password, user=User(email=email, mobile=mobile))
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=password, mobile=mobile, preferred_language=preferred_language
            )
    except IntegrityError:
        raise ServiceError(EMAIL_TAKEN, code="email_taken", field="email") from None
    transaction.on_commit(lambda: email_confirmation_send(user=user))
    return user


def email_confirmation_send(*, user: User) -> bool:
    """Send the link that confirms the account's e-mail address, in the account's language."""
    return email_to_user_send(
        user=user,
        template="families/email/confirm",
        context=lambda: {
            "confirm_url": absolute_url(
                reverse("families:email_confirm", kwargs={"token": email_confirmation_token_make(user=user)})
            ),
            "valid_days": settings.EMAIL_CONFIRMATION_MAX_AGE.days,
        },
    )


@transaction.atomic
def email_confirm(*, user: User) -> User:
    """Record that the account holder opened the link sent to its address. Confirming twice changes nothing."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.email_confirmed_at is None:
        locked.email_confirmed_at = timezone.now()
        locked.save(update_fields=["email_confirmed_at"])
    return locked


def login_failures_forget(*, user: User) -> None:
    """Lift a login lockout once the account holder proved they own the address (a completed password reset)."""
    axes.utils.reset(username=user.email)


def _validated_emirates_id(*, profile: FamilyProfile, values: Mapping[str, Any]) -> str:
    with validation_refused(field="emirates_id"):
        emirates_id = emirates_id_validate(values["emirates_id"], date_of_birth=values["date_of_birth"])
    if FamilyProfile.objects.filter(emirates_id=emirates_id).exclude(user_id=profile.user_id).exists():
        raise ServiceError(EMIRATES_ID_TAKEN, code="emirates_id_taken", field="emirates_id")
    return emirates_id


@transaction.atomic
def family_profile_save(*, actor: User, values: Mapping[str, Any]) -> tuple[FamilyProfile, bool]:
    """Create or update the actor's own family profile, and the account's mobile and preferred language.

    Only the fields a family may write are read from `values` (FAMILY_EDITABLE_FIELDS, `mobile`,
    `preferred_language`): the beneficiary verification is set by centre staff alone. The Emirates ID must be
    valid, match the date of birth and belong to no other account. Changing the Emirates ID or the beneficiary
    file number of a verified family lifts the verification, so staff check the new details.
    Returns the profile and whether a verification was lifted.
    """
    if not user_is_family(actor):
        raise ActorNotAllowed("only a family edits its own profile")
    profile = FamilyProfile.objects.select_for_update().filter(user=actor).first() or FamilyProfile(user=actor)
    emirates_id = _validated_emirates_id(profile=profile, values=values)
    previous = (profile.emirates_id, profile.sssd_file_number)
    for field in FAMILY_EDITABLE_FIELDS:
        setattr(profile, field, values[field])
    profile.emirates_id = emirates_id
    profile.sssd_file_number = (values["sssd_file_number"] or "").strip()
    lifted = profile.is_verified_beneficiary and previous != (profile.emirates_id, profile.sssd_file_number)
    if lifted:
        profile.beneficiary_verified_at = None
        profile.beneficiary_verified_by = None
        profile.beneficiary_verified_file_number = ""
        profile._change_reason = "Verification lifted: the family changed its Emirates ID or file number"
    with validation_refused():
        profile.full_clean(exclude=["user", "beneficiary_verified_by"], validate_unique=False)
    profile._history_user = actor
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        raise ServiceError(EMIRATES_ID_TAKEN, code="emirates_id_taken", field="emirates_id") from None
    actor.mobile = values["mobile"]
    actor.preferred_language = values["preferred_language"]
    with validation_refused():
        actor.full_clean(exclude=["password", "email"], validate_unique=False)
    actor.save(update_fields=["mobile", "preferred_language"])
    return profile, lifted


def _member_check(*, actor: User, member: HouseholdMember) -> None:
    if member.profile.user_id != actor.pk:
        raise ActorNotAllowed("a family changes only its own household")


def _member_clean(*, member: HouseholdMember, name: str, relation: str) -> None:
    member.name = " ".join((name or "").split())
    member.relation = relation
    with validation_refused():
        member.full_clean(exclude=["profile"])


@transaction.atomic
def household_member_add(*, actor: User, name: str, relation: str) -> HouseholdMember:
    """Add a household member who takes part in production to the actor's own profile (at most 20)."""
    profile = FamilyProfile.objects.select_for_update().filter(user=actor).first()
    if profile is None:
        raise ServiceError(_("Complete your family profile first."), code="profile_missing")
    if profile.household_members.count() >= MAX_HOUSEHOLD_MEMBERS:
        raise ServiceError(
            _("A household can list at most %(limit)d members.") % {"limit": MAX_HOUSEHOLD_MEMBERS},
            code="too_many_members",
        )
    member = HouseholdMember(profile=profile)
    _member_clean(member=member, name=name, relation=relation)
    member._history_user = actor
    member.save()
    return member


@transaction.atomic
def household_member_update(*, actor: User, member: HouseholdMember, name: str, relation: str) -> HouseholdMember:
    """Change the name or relation of a member of the actor's own household."""
    _member_check(actor=actor, member=member)
    _member_clean(member=member, name=name, relation=relation)
    member._history_user = actor
    member.save(update_fields=["name", "relation"])
    return member


@transaction.atomic
def household_member_remove(*, actor: User, member: HouseholdMember) -> None:
    """Remove a member of the actor's own household; the history keeps who removed whom and when."""
    _member_check(actor=actor, member=member)
    member._history_user = actor
    member.delete()


@transaction.atomic
def beneficiary_verify(*, profile: FamilyProfile, actor: User, file_number: str) -> FamilyProfile:
    """Record that centre staff checked the family's SSSD beneficiary file (its number and the letter).

    Only a verified status makes a family eligible for the discount, and only reviewers, managers and superusers
    verify. The verified file number is required; verifying again replaces the number, the date and the verifier.
    """
    if not user_can_review(actor):
        raise ActorNotAllowed("only centre staff verify beneficiary status")
    file_number = " ".join((file_number or "").split())
    if not file_number:
        raise ServiceError(
            _("Enter the beneficiary file number you checked."), code="file_number_missing", field="file_number"
        )
    locked = FamilyProfile.objects.select_for_update().get(pk=profile.pk)
    return _beneficiary_status_save(
        locked, at=timezone.now(), file_number=file_number, actor=actor, reason="Beneficiary status verified"
    )


def _beneficiary_status_save(
    profile: FamilyProfile, *, at, file_number: str, actor: User, reason: str
) -> FamilyProfile:
    """Write the verification fields (set, or cleared when `at` is None) with the history's author and reason."""
    profile.beneficiary_verified_at = at
    profile.beneficiary_verified_by = actor if at else None
    profile.beneficiary_verified_file_number = file_number
    with validation_refused():
        profile.full_clean(exclude=["user"], validate_unique=False)
    profile._history_user = actor
    profile._change_reason = reason
    profile.save(
        update_fields=[
            "beneficiary_verified_at",
            "beneficiary_verified_by",
            "beneficiary_verified_file_number",
            "updated_at",
        ]
    )
    return profile


@transaction.atomic
def beneficiary_verification_revoke(*, profile: FamilyProfile, actor: User, reason: str) -> FamilyProfile:
    """Withdraw a verified beneficiary status, with the reason staff give (kept in the history, 100 characters).

    Reviewers, managers and superusers only. Applications already assessed keep their assessment.
    """
    if not user_can_review(actor):
        raise ActorNotAllowed("only centre staff revoke beneficiary status")
    reason = history_reason_clean(reason, missing=_("Give the reason for withdrawing the verification."))
    locked = FamilyProfile.objects.select_for_update().get(pk=profile.pk)
    if not locked.is_verified_beneficiary:
        raise ServiceError(_("This family's beneficiary status is not verified."), code="not_verified")
    return _beneficiary_status_save(locked, at=None, file_number="", actor=actor, reason=reason)


@transaction.atomic
def staff_account_create(*, email: str, role: str, password: str | None = None) -> tuple[User, str]:
    """Add a centre staff account in its role's group (reviewer or manager). Returns it and its password.

    The e-mail address must be new. Without a password one is generated; a given one must pass the validators.
    """
    if role not in ROLE_GROUPS:
        raise ServiceError(f"role must be one of {sorted(ROLE_GROUPS)}", code="unknown_role")
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ServiceError(f"an account already uses {email}", code="email_taken")
    password = password or secrets.token_urlsafe(15)
    with validation_refused():
        validate_password(password, user=User(email=email))
    user = User.objects.create_user(email=email, password=password, is_staff=True, email_confirmed_at=timezone.now())
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    return user, password
