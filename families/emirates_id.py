"""The Emirates ID number: 784-YYYY-NNNNNNN-C, 15 digits, YYYY the holder's birth year, C a Luhn check digit."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SHAPE = re.compile(r"^784([0-9]{4})([0-9]{7})([0-9])$")
# Arabic keyboards type Arabic-Indic (٠-٩) or Persian (۰-۹) digits: read them as the digits they are.
EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def luhn_check_digit(digits: str) -> int:
    """The digit that, appended to `digits`, makes the whole number pass the Luhn check."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return (10 - total % 10) % 10


def emirates_id_normalize(raw: str) -> str:
    """Digits only, then dashed as printed on the card. Spaces and dashes typed by a person are accepted."""
    digits = re.sub(r"[\s\-]", "", (raw or "").translate(EASTERN_DIGITS))
    match = _SHAPE.match(digits)
    if not match:
        raise ValidationError(
            _("Enter the Emirates ID as 784-YYYY-NNNNNNN-C: 15 digits starting with 784."), code="emirates_id_format"
        )
    return f"784-{match.group(1)}-{match.group(2)}-{match.group(3)}"


def emirates_id_validate(raw: str, *, date_of_birth: datetime.date | None = None) -> str:
    """Return the normalised number, or raise ValidationError naming the first rule it breaks."""
    normalized = emirates_id_normalize(raw)
    digits = normalized.replace("-", "")
    if luhn_check_digit(digits[:14]) != int(digits[14]):
        raise ValidationError(
            _("This Emirates ID number is not valid: please check it against the card."), code="emirates_id_checksum"
        )
    if date_of_birth is not None and int(digits[3:7]) != date_of_birth.year:
        raise ValidationError(
            _("The Emirates ID does not match the date of birth: its digits 4 to 7 are the year of birth."),
            code="emirates_id_birth_year",
        )
    return normalized


def emirates_id_masked(value: str) -> str:
    """784-19••-•••••••-4 style: enough for staff to tell two apart in a list, not enough to reuse."""
    if not value or len(value) != 18:
        return "—"
    return f"{value[:6]}••-•••••{value[14:16]}-{value[17]}"
