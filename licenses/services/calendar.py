"""Writes of the working calendar: the days staff record when the government announces a holiday, or moves one.

A day is never deleted: one recorded by mistake is changed (to a working day, or to another date), with its history.
"""

from django.db import transaction

from intaj_portal.cache import cache_forget
from licenses.models import CalendarDay
from licenses.selectors import calendar_days_off_key


def _forget_around(day: CalendarDay) -> None:
    # Each cached year holds its neighbours too (`calendar_days_off`).
    for year in range(day.date.year - 1, day.date.year + 2):
        transaction.on_commit(lambda year=year: cache_forget(calendar_days_off_key(year=year)))


@transaction.atomic
def calendar_day_save(*, day: CalendarDay, actor) -> CalendarDay:
    """Record an announced holiday or working day (its history row names `actor`); the service level counts it from
    the next request on."""
    day._history_user = actor
    day.save()
    _forget_around(day)
    return day
