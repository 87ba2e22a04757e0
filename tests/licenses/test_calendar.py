"""Working days skip the UAE's public holidays, Eid included, and the days staff announce in the admin."""

import datetime

import pytest
from django.utils import timezone

from licenses import selectors, services
from licenses.models import CalendarDay, Status
from licenses.working_days import add_working_days, public_holidays, working_days_between

# Eid al-Fitr 2026 as the calendar has it: Thursday 19 to Sunday 22 March.
EID_DAYS = [datetime.date(2026, 3, day) for day in (19, 20, 21, 22)]


def test_the_uae_calendar_has_eid_al_fitr_and_national_day():
    days = public_holidays(years=[2026])
    assert all(day in days for day in EID_DAYS)
    assert datetime.date(2026, 12, 2) in days


def test_working_days_across_eid_skip_the_holiday():
    wednesday_before = datetime.date(2026, 3, 18)
    days_off = frozenset(public_holidays(years=[2026]))
    # Thursday and Friday are Eid, the weekend follows (Sunday is Eid too): Monday 23 is the next working day.
    assert add_working_days(wednesday_before, 1, days_off=days_off) == datetime.date(2026, 3, 23)
    assert add_working_days(wednesday_before, 1) == datetime.date(2026, 3, 19)
    assert working_days_between(wednesday_before, datetime.date(2026, 3, 25), days_off=days_off) == 3


@pytest.mark.django_db
def test_the_days_off_include_announced_holidays_and_drop_cancelled_ones(manager):
    services.calendar_day_save(
        day=CalendarDay(date=datetime.date(2026, 3, 18), name_ar="عطلة", name_en="Announced holiday"), actor=manager
    )
    services.calendar_day_save(
        day=CalendarDay(
            date=datetime.date(2026, 3, 22), kind=CalendarDay.Kind.WORKING_DAY, name_ar="دوام", name_en="Working"
        ),
        actor=manager,
    )
    days_off = selectors.calendar_days_off(year=2026)
    assert datetime.date(2026, 3, 18) in days_off
    assert datetime.date(2026, 3, 22) not in days_off
    assert datetime.date(2026, 3, 20) in days_off
    assert CalendarDay.history.filter(history_user=manager).count() == 2


@pytest.mark.django_db
def test_a_change_of_the_days_off_is_seen_at_once_though_they_are_cached(manager, django_capture_on_commit_callbacks):
    assert datetime.date(2026, 4, 6) not in selectors.calendar_days_off(year=2026)
    with django_capture_on_commit_callbacks(execute=True):
        day = services.calendar_day_save(
            day=CalendarDay(date=datetime.date(2026, 4, 6), name_ar="عطلة", name_en="Holiday"), actor=manager
        )
    assert datetime.date(2026, 4, 6) in selectors.calendar_days_off(year=2026)
    day.kind = CalendarDay.Kind.WORKING_DAY
    with django_capture_on_commit_callbacks(execute=True):
        services.calendar_day_save(day=day, actor=manager)
    assert datetime.date(2026, 4, 6) not in selectors.calendar_days_off(year=2026)


@pytest.mark.django_db
def test_the_service_level_does_not_count_eid(under_review):
    """Sent on the Wednesday before Eid: its five working days are 23 to 27 March, so it is overdue from Saturday 28
    (without the holidays it would have been overdue from Thursday 26)."""
    submitted = timezone.make_aware(datetime.datetime(2026, 3, 18, 10, 0))
    type(under_review).objects.filter(pk=under_review.pk).update(last_submitted_at=submitted)
    under_review.refresh_from_db()
    assert under_review.status == Status.UNDER_REVIEW
    for today, overdue in [(26, False), (27, False), (28, True)]:
        cutoff = selectors.application_overdue_cutoff(today=datetime.date(2026, 3, today))
        assert selectors.application_is_overdue(application=under_review, cutoff=cutoff) is overdue, today
