import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
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
from families.models import FAMILY_EDITABLE_FIELDS, FamilyProfile, HouseholdMember, UaePassIdentity, User
from families.roles import ROLE_GROUPS, user_can_review, user_is_family
from families.tokens import email_confirmation_token_make
from families.uaepass import UaePassPerson
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
    What a verified UAE PASS account vouches for (Emirates ID, names, nationality, mobile) is taken from it, never
    from `values`: the family cannot change it.
    Returns the profile and whether a verification was lifted.
    """
    if not user_is_family(actor):
        raise ActorNotAllowed("only a family edits its own profile")
    profile = FamilyProfile.objects.select_for_update().filter(user=actor).first() or FamilyProfile(user=actor)
    values = {**values, **uaepass_verified_values(user=actor)}
    emirates_id = _validated_emirates_id(profile=profile, values=values)
    previous = (profile.emirates_id, profile.sssd_file_number)
    for field in FAMILY_EDITABLE_FIELDS:
        setattr(profile, field, values[field])
    profile.emirates_id = emirates_id
    profile.sssd_file_number = (values["sssd_file_number"] or "").strip()
    lifted = _beneficiary_lift_if_changed(profile, previous=previous)
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


def _beneficiary_lift_if_changed(profile: FamilyProfile, *, previous: tuple[str, str]) -> bool:
    """A verified beneficiary status whose Emirates ID or file number changed is lifted, for staff to check again."""
    lifted = profile.is_verified_beneficiary and previous != (profile.emirates_id, profile.sssd_file_number)
    if lifted:
        profile.beneficiary_verified_at = None
        profile.beneficiary_verified_by = None
        profile.beneficiary_verified_file_number = ""
        profile._change_reason = "Verification lifted: the family changed its Emirates ID or file number"
    return lifted


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


# Sign in with UAE PASS (families/uaepass.py reads the provider; these decide what its answer does to accounts).

UAEPASS_ACCOUNT_CLOSED = _("This account is closed. Contact the Intaj centre.")
UAEPASS_STAFF = _("Centre staff log in to the administration with their e-mail address, not with UAE PASS.")
UAEPASS_OTHER_LINK = _(
    "The account for this Emirates ID is already linked to another UAE PASS account. Please contact the Intaj centre."
)
UAEPASS_EMAIL_OTHER_PERSON = _(
    "An account already uses the e-mail address of your UAE PASS account, with another Emirates ID. Please log in "
    "with that account's password, or contact the Intaj centre."
)
UAEPASS_NO_EMAIL = _(
    "Your UAE PASS account has no e-mail address, which the centre needs to write to you. Please add one to your "
    "UAE PASS account, or create a family account with your e-mail address."
)


@dataclass(frozen=True)
class UaePassSignIn:
    """What a UAE PASS sign-in leads to: an account to log in, or an existing account to link first."""

    user: User | None = None
    link_to: User | None = None


def uaepass_verified_values(*, user: User) -> dict[str, str]:
    """The profile fields `user`'s verified UAE PASS account vouches for (empty without one)."""
    identity = UaePassIdentity.objects.filter(user=user).first()
    return identity.verified_profile_values() if identity else {}


def _identity_fields(person: UaePassPerson) -> dict[str, str]:
    values = person.as_dict()
    values.pop("sub")
    return values


def _identity_sync(*, identity: UaePassIdentity, person: UaePassPerson, actor: User) -> UaePassIdentity:
    """Bring the stored UAE PASS identity, then the profile and account it vouches for, up to what UAE PASS says."""
    changed = [field for field, value in _identity_fields(person).items() if getattr(identity, field) != value]
    now = timezone.now()
    if changed:
        for field in changed:
            setattr(identity, field, getattr(person, field))
        identity.signed_in_at = now
        identity._history_user = actor
        identity._change_reason = "Updated from UAE PASS"
        identity.save(update_fields=[*changed, "signed_in_at"])
    else:
        # Signing in again changes nothing worth a history row.
        UaePassIdentity.objects.filter(pk=identity.pk).update(signed_in_at=now)
    _account_sync(user=identity.user, identity=identity, actor=actor)
    return identity


def _account_sync(*, user: User, identity: UaePassIdentity, actor: User) -> None:
    verified = identity.verified_profile_values()
    account_fields = []
    if verified.get("mobile") and user.mobile != verified["mobile"]:
        user.mobile = verified["mobile"]
        account_fields.append("mobile")
    if identity.email and identity.email == user.email and user.email_confirmed_at is None:
        # UAE PASS confirmed this address when the account was opened.
        user.email_confirmed_at = timezone.now()
        account_fields.append("email_confirmed_at")
    if account_fields:
        user.save(update_fields=account_fields)
    profile = FamilyProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        return
    profile_values = {field: value for field, value in verified.items() if field != "mobile"}
    emirates_id = profile_values.get("emirates_id")
    if emirates_id and FamilyProfile.objects.filter(emirates_id=emirates_id).exclude(pk=profile.pk).exists():
        logger.warning("UAE PASS gave profile %s an Emirates ID another profile has: kept the old one", profile.pk)
        profile_values.pop("emirates_id")
    changed = [field for field, value in profile_values.items() if getattr(profile, field) != value]
    if not changed:
        return
    previous = (profile.emirates_id, profile.sssd_file_number)
    for field in changed:
        setattr(profile, field, profile_values[field])
    lifted = _beneficiary_lift_if_changed(profile, previous=previous)
    profile._history_user = actor
    profile._change_reason = profile._change_reason if lifted else "Updated from UAE PASS"
    profile.save()


@transaction.atomic
def uaepass_sign_in(*, person: UaePassPerson, preferred_language: str) -> UaePassSignIn:
    """Decide what a person UAE PASS vouched for signs in to.

    - A UAE PASS account already linked signs in to its account, brought up to date (a SOP1 account upgraded to
      SOP3 now fills the verified fields).
    - An account whose profile has the same Emirates ID must be linked first, once the family proves it owns it
      with its password (`link_to`). So must an account with the same e-mail address and no profile yet. An
      account is never linked, nor signed in to, on its e-mail address alone.
    - Otherwise a new family account is opened with UAE PASS's e-mail address, counted as confirmed, and no
      password (the family can set one with "forgot your password").
    """
    identity = UaePassIdentity.objects.select_for_update().select_related("user").filter(sub=person.sub).first()
    if identity is not None:
        user = identity.user
        if not user.is_active:
            raise ServiceError(UAEPASS_ACCOUNT_CLOSED, code="account_closed")
        _identity_sync(identity=identity, person=person, actor=user)
        return UaePassSignIn(user=user)
    holder = None
    if person.emirates_id:
        holder = FamilyProfile.objects.select_related("user").filter(emirates_id=person.emirates_id).first()
    if holder is not None:
        return UaePassSignIn(link_to=_linkable(holder.user))
    if not person.email:
        raise ServiceError(UAEPASS_NO_EMAIL, code="no_email")
    same_email = User.objects.filter(email__iexact=person.email).first()
    if same_email is not None:
        if FamilyProfile.objects.filter(user=same_email).exists():
            raise ServiceError(UAEPASS_EMAIL_OTHER_PERSON, code="email_other_person")
        return UaePassSignIn(link_to=_linkable(same_email))
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=person.email,
                password=None,
                mobile=person.mobile if person.is_verified else "",
                preferred_language=preferred_language,
                email_confirmed_at=timezone.now(),
            )
            _identity_create(user=user, person=person)
    except IntegrityError:
        # The same person signing in twice at once (two tabs): the other sign-in opened the account.
        identity = UaePassIdentity.objects.select_related("user").filter(sub=person.sub).first()
        if identity is None:
            raise ServiceError(EMAIL_TAKEN, code="email_taken") from None
        user = identity.user
    return UaePassSignIn(user=user)


def _linkable(user: User) -> User:
    if user.is_staff:
        raise ServiceError(UAEPASS_STAFF, code="staff")
    if not user.is_active:
        raise ServiceError(UAEPASS_ACCOUNT_CLOSED, code="account_closed")
    if UaePassIdentity.objects.filter(user=user).exists():
        raise ServiceError(UAEPASS_OTHER_LINK, code="linked_elsewhere")
    return user


def _identity_create(*, user: User, person: UaePassPerson) -> UaePassIdentity:
    identity = UaePassIdentity(user=user, sub=person.sub, signed_in_at=timezone.now(), **_identity_fields(person))
    identity._history_user = user
    identity._change_reason = "Linked to UAE PASS"
    identity.save()
    _account_sync(user=user, identity=identity, actor=user)
    return identity


@transaction.atomic
def uaepass_account_link(*, actor: User, person: UaePassPerson) -> UaePassIdentity:
    """Link the actor's account to the UAE PASS account `person`, once the actor proved with its password that the
    account is theirs. The account must be the one `uaepass_sign_in` named: same Emirates ID, or the same e-mail
    address and no profile yet; from then on the family signs in either way.
    """
    locked = User.objects.select_for_update().get(pk=actor.pk)
    if UaePassIdentity.objects.filter(sub=person.sub).exists():
        raise ServiceError(UAEPASS_OTHER_LINK, code="linked_elsewhere")
    _linkable(locked)
    profile = FamilyProfile.objects.filter(user=locked).first()
    same_person = (
        profile.emirates_id == person.emirates_id
        if profile is not None
        else bool(person.email) and person.email == locked.email
    )
    if not same_person:
        raise ActorNotAllowed("only the account of the same Emirates ID, or of the same address without one, links")
    return _identity_create(user=locked, person=person)
