"""Signed, expiring links that confirm an e-mail address. Nothing is stored: the signature is the proof."""

import hashlib

from django.conf import settings
from django.core import signing

from families.models import User

_SALT = "families.email-confirmation"


class EmailConfirmationTokenInvalid(Exception):
    """The link was altered, belongs to no account, or no longer matches the account's address."""


class EmailConfirmationTokenExpired(EmailConfirmationTokenInvalid):
    """The link was genuine but is older than settings.EMAIL_CONFIRMATION_MAX_AGE."""


def _address_digest(email: str) -> str:
    # A digest, not the address, so the link carries no personal data; it stops working if the address changes.
    return hashlib.sha256(email.lower().encode()).hexdigest()[:16]


def email_confirmation_token_make(*, user: User) -> str:
    return signing.dumps({"u": user.pk, "e": _address_digest(user.email)}, salt=_SALT)


def email_confirmation_token_read(token: str) -> User:
    """The account the token confirms, or EmailConfirmationTokenInvalid / EmailConfirmationTokenExpired."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=settings.EMAIL_CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired:
        raise EmailConfirmationTokenExpired from None
    except signing.BadSignature:
        raise EmailConfirmationTokenInvalid from None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise EmailConfirmationTokenInvalid
    user = User.objects.filter(pk=payload.get("u"), is_active=True).first()
    if user is None or payload.get("e") != _address_digest(user.email):
        raise EmailConfirmationTokenInvalid
    return user
