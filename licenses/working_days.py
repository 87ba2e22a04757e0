"""Working days in Sharjah: Monday to Friday, less the UAE's public holidays.

The holidays come from the `holidays` package (the UAE calendar, Islamic holidays included, as estimated before
the moon is sighted) and from the days staff record in the admin when the government announces them
(`CalendarDay`, read by `licenses.selectors.calendar_days_off`). The functions here are pure: they take the days
off as a set.
"""

import datetime
from collections.abc import Collection, Iterable

import holidays

WEEKEND = {5, 6}  # Saturday, Sunday (date.weekday())
NO_DAYS_OFF: frozenset[datetime.date] = frozenset()


def public_holidays(*, years: Iterable[int]) -> dict[datetime.date, str]:
    """The UAE's public holidays in `years`, by date, with their English names, as the `holidays` package has them."""
    return dict(holidays.country_holidays("AE", years=list(years)))


def is_working_day(day: datetime.date, *, days_off: Collection[datetime.date] = NO_DAYS_OFF) -> bool:
    return day.weekday() not in WEEKEND and day not in days_off


def add_working_days(
    day: datetime.date, count: int, *, days_off: Collection[datetime.date] = NO_DAYS_OFF
) -> datetime.date:
    """The date `count` working days after `day` (before it when `count` is negative); `day` itself not counted."""
    step = datetime.timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    while remaining:
        day += step
        if is_working_day(day, days_off=days_off):
            remaining -= 1
    return day


def working_days_between(
    start: datetime.date, end: datetime.date, *, days_off: Collection[datetime.date] = NO_DAYS_OFF
) -> int:
    """How many working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day, days_off=days_off)
    return count
