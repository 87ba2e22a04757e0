"""Periods of local dates (Asia/Dubai), both ends included, as the dashboard and the admin's filters read them.

One definition for both, so a figure on the dashboard and the admin list it links to always count the same rows.
"""

import datetime

from django.db.models import Q
from django.utils import timezone


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
