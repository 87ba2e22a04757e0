"""Periods of local dates (Asia/Dubai), both ends included, as the dashboard and the admin's filters read them.

One definition for both, so a figure on the dashboard and the admin list it links to always count the same rows, and
one form for the dates typed into either.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The days a filter accepts: any the portal's records could hold, far from the ends of Python's calendar, where the
# day after a date or its start in UTC does not exist (`?end=9999-12-31` and `?start=0001-01-01` answered 500).
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2999, 12, 31)


def _shown(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


class PeriodDateField(forms.DateField):
    """A day typed into a period filter, from `earliest` (FIRST_DAY unless given) to LAST_DAY; optional."""

    def __init__(self, *, earliest: datetime.date = FIRST_DAY, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)
        self.earliest = earliest

    def validate(self, value):
        super().validate(value)
        if value is not None and value < self.earliest:
            raise ValidationError(
                _("Choose a date from %(date)s on."), code="min_value", params={"date": _shown(self.earliest)}
            )
        if value is not None and value > LAST_DAY:
            raise ValidationError(
                _("Choose a date up to %(date)s."), code="max_value", params={"date": _shown(LAST_DAY)}
            )


class PeriodForm(forms.Form):
    """A period typed into a filter: either end may be left open, and the end is not before the start."""

    start = PeriodDateField(label=_("From"))
    end = PeriodDateField(label=_("To"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period must not be before its start."))
        return cleaned


def day_start(day: datetime.date) -> datetime.datetime:
    """The first moment of a local day, as an aware datetime."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def period_q(field_name: str, *, start: datetime.date | None, end: datetime.date | None, is_datetime: bool) -> Q:
    """Rows whose `field_name` falls on a local day from `start` to `end`, both included (either may be open)."""
    condition = Q()
    if start is not None:
        condition &= Q(**{f"{field_name}__gte": day_start(start) if is_datetime else start})
    if end is not None:
        if is_datetime:
            condition &= Q(**{f"{field_name}__lt": day_start(end + datetime.timedelta(days=1))})
        else:
            condition &= Q(**{f"{field_name}__lte": end})
    return condition


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    next_month = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return next_month - datetime.timedelta(days=1)


def months_back(day: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the `count` months ending with `day`'s month, oldest first."""
    months = [month_start(day)]
    while len(months) < count:
        months.append(month_start(months[-1] - datetime.timedelta(days=1)))
    return months[::-1]
