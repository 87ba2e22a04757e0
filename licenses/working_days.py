"""Working days in Sharjah: Monday to Friday (the weekend is Saturday and Sunday).

Public holidays are not counted out yet (docs/decisions.md): the service level is a guide for the queue.
"""

import datetime

WEEKEND = {5, 6}  # Saturday, Sunday (date.weekday())


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() not in WEEKEND


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The date `count` working days after `day` (before it when `count` is negative); `day` itself not counted."""
    step = datetime.timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count
