"""Glue between django-axes and the e-mail login."""


def axes_username(request, credentials=None) -> str | None:
    """The e-mail address a login attempt was for, lower-cased, so that Alice@ and alice@ count as one."""
    source = credentials or getattr(request, "POST", None) or {}
    value = source.get("username") or source.get("email")
    return value.strip().lower() if isinstance(value, str) and value.strip() else None
