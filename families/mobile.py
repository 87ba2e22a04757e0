"""UAE mobile numbers, stored in international form: +9715XXXXXXXX."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from families.emirates_id import EASTERN_DIGITS

# What people type: 050 123 4567, 0501234567, 971501234567, +971 50 123 4567, 00971501234567.
_LOCAL = re.compile(r"^(?:\+971|00971|971|0)(5[0-9]{8})$")


def uae_mobile_normalize(raw: str) -> str:
    digits = re.sub(r"[\s\-().]", "", (raw or "").translate(EASTERN_DIGITS))
    match = _LOCAL.match(digits)
    if not match:
        raise ValidationError(_("Enter a UAE mobile number, for example +971 50 123 4567."), code="mobile_format")
    return f"+971{match.group(1)}"
