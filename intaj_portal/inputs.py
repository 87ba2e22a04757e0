"""Values typed by anyone — in an address, a query string or a form field — read strictly, in one place.

An id is 1 to 18 ASCII digits, so it is always below the largest integer the databases hold (2**63 - 1, PostgreSQL's
bigint and SQLite's INTEGER). Anything else is no id: "abc", "-1", "1e3", "²" (which `str.isdigit` accepts and `int`
refuses), "٣" (which `int` reads as 3), twenty digits. An address with such an id answers 404 before its view runs
(the `id` path converter, registered once in `intaj_portal.urls`); a view that reads an id itself uses `id_parse`,
a form `IdField` or `ModelMultipleIdChoiceField`, whose refusal is a field error in the visitor's language; the admin
checks every value it is given with `value_fits` (`intaj_portal.admin_tools.StrictInputAdminMixin`).
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db import models
from django.db.models.fields import AutoFieldMixin
from django.utils.translation import gettext_lazy as _

from intaj_portal.periods import FIRST_DAY, LAST_DAY

ID_REGEX = "[0-9]{1,18}"
_ID = re.compile(ID_REGEX)
_INTEGER = re.compile("-?[0-9]{1,18}")


def id_parse(raw: object) -> int | None:
    """The id `raw` spells, or None when it spells none."""
    if isinstance(raw, str) and _ID.fullmatch(raw):
        return int(raw)
    return None


def value_fits(field: models.Field, raw: str) -> bool:
    """Whether `raw` can be compared with `field` without the database or Python's calendar failing: an id column
    takes an id, another integer column up to 18 digits with a sign, a date column a day of the portal's calendar
    (FIRST_DAY to LAST_DAY), an IP address column an IP address, and no column a NUL character (PostgreSQL stores
    none). Anything else the field's own validation refuses cleanly, so it is left to it."""
    if "\x00" in raw:
        return False
    if isinstance(field, AutoFieldMixin):
        return id_parse(raw) is not None
    if isinstance(field, models.IntegerField):
        return _INTEGER.fullmatch(raw) is not None
    if isinstance(field, models.GenericIPAddressField):  # PostgreSQL's inet refuses anything else
        try:
            validate_ipv46_address(raw)
        except ValidationError:
            return False
        return True
    if isinstance(field, models.DateField):  # and DateTimeField: a moment is compared with a day's start
        try:
            value = field.to_python(raw)
        except ValidationError:
            return True
        day = value.date() if isinstance(value, datetime.datetime) else value
        return day is None or FIRST_DAY <= day <= LAST_DAY
    return True


class IdConverter:
    """`<id:pk>` in a URL pattern: the view receives an int, and an address with anything else is a 404."""

    regex = ID_REGEX

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(value)


class IdField(forms.Field):
    """A form field holding an id: None when left empty, a field error for anything but an id."""

    default_error_messages = {"invalid": _("This item could not be found. Reload the page and try again.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        parsed = id_parse(value)
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class ModelMultipleIdChoiceField(forms.ModelMultipleChoiceField):
    """Rows chosen by their keys, each checked with `value_fits` before the database is asked: Django's own field
    looks twenty digits up with `pk__in`, which SQLite answers with OverflowError (a 500)."""

    def _check_values(self, value):
        key = self.queryset.model._meta.get_field(self.to_field_name) if self.to_field_name else None
        key = key or self.queryset.model._meta.pk
        for raw in value:
            if not value_fits(key, str(raw)):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": raw}
                )
        return super()._check_values(value)
