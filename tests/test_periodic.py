"""A second Celery beat is harmless: each daily task does its work once per slot, whichever beat sent it."""

import pytest

from intaj_portal import periodic
from licenses import services as licence_services
from licenses import tasks as licence_tasks

MORNING = 1_790_000_000.0  # a fixed moment; the slots below are days after it


@pytest.fixture
def digests(monkeypatch):
    """Counts the digest's real work (the service the task calls)."""
    calls = []
    monkeypatch.setattr(licence_services, "overdue_digest_send", lambda: calls.append(1) or 3)
    return calls


def at(monkeypatch, moment):
    monkeypatch.setattr(periodic, "_clock", lambda: moment)


def test_the_digest_sent_by_two_beats_in_one_slot_is_written_once(monkeypatch, digests):
    at(monkeypatch, MORNING)
    assert licence_tasks.overdue_digest() == 3
    at(monkeypatch, MORNING + 5)  # the second beat, a few seconds later
    assert licence_tasks.overdue_digest() is None
    assert digests == [1]


def test_the_next_days_digest_is_written_again(monkeypatch, digests):
    at(monkeypatch, MORNING)
    licence_tasks.overdue_digest()
    at(monkeypatch, MORNING + periodic.DAY)
    licence_tasks.overdue_digest()
    assert digests == [1, 1]


def test_each_task_has_its_own_lock(monkeypatch, digests):
    expired = []
    monkeypatch.setattr(licence_services, "licence_expire_due", lambda today: expired.append(today) or 0)
    at(monkeypatch, MORNING)
    licence_tasks.overdue_digest()
    licence_tasks.licences_expire()
    assert (len(digests), len(expired)) == (1, 1)


def test_a_cache_that_fails_lets_the_task_run(monkeypatch, digests):
    def refuse(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(periodic.cache, "add", refuse)
    at(monkeypatch, MORNING)
    licence_tasks.overdue_digest()
    licence_tasks.overdue_digest()
    assert digests == [1, 1]


def test_the_slot_is_the_period_the_moment_falls_in():
    day = periodic.DAY
    assert periodic.periodic_slot_key("t", day, now=day * 10) == periodic.periodic_slot_key("t", day, now=day * 11 - 1)
    assert periodic.periodic_slot_key("t", day, now=day * 10) != periodic.periodic_slot_key("t", day, now=day * 11)
