"""Glue between django-axes and the e-mail login."""

from axes.models import AccessAttempt

USERNAME_MAX_LENGTH = AccessAttempt._meta.get_field("username").max_length


def axes_username(request, credentials=None) -> str | None:
    """The e-mail address a login attempt was for, lower-cased, so that Alice@ and alice@ count as one."""
    source = credentials or getattr(request, "POST", None) or {}
    value = source.get("username") or source.get("email")
    if not isinstance(value, str) or not value.strip():
        return None
    # django-axes keeps it in a column of 255 characters; no account's address is longer, but a forged POST can be.
    return value.strip().lower()[:USERNAME_MAX_LENGTH]
