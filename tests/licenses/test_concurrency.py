"""Two people acting at once, on real separate database connections: the row lock makes one win and the other
be refused cleanly. PostgreSQL only (SQLite serialises every write, so it cannot show the race); CI uses it."""

import threading
import time

import pytest
from django.db import connection
from django.utils import translation

from intaj_portal.env import env_bool
from licenses import services
from licenses.exceptions import ApplicationAlreadyOpen, TransitionNotAllowed
from licenses.models import Application, ApplicationEvent, Reason, Status
from licenses.services import notices
from tests.factories import UserFactory
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import complete_application

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        reason = "the concurrency tests need PostgreSQL (set DATABASE_URL): SQLite serialises every write"
        if env_bool("CI", False):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _restore_migration_data(migration_data):
    """A transactional test empties the database when it ends: put back what the data migrations load."""


@pytest.fixture
def slow_commit(monkeypatch):
    """The first to take the lock holds it a moment, so the other is surely waiting on it."""
    original = notices.application_status_changed

    def slow(**kwargs):
        original(**kwargs)
        time.sleep(0.3)

    monkeypatch.setattr(notices, "application_status_changed", slow)


def at_once(*calls):
    """Run each call in its own thread (its own database connection), all released together."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            with translation.override("en"):
                results[index] = call()
        except Exception as error:  # the refusal is the result under test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_reviewers_starting_review_at_once_one_wins_the_other_is_told(alice_family, reviewer, manager, slow_commit):
    application = complete_application(family=alice_family, status=Status.SUBMITTED)
    results = at_once(
        *(
            lambda actor=actor: services.application_transition(
                application=application, to_status=Status.UNDER_REVIEW, actor=actor
            )
            for actor in (reviewer, manager)
        )
    )
    winners = [result for result in results if isinstance(result, Application)]
    refused = [result for result in results if isinstance(result, TransitionNotAllowed)]
    assert len(winners) == 1 and len(refused) == 1, results
    assert "may have changed while you were looking at it" in str(refused[0].message)
    application.refresh_from_db()
    assert application.assigned_reviewer == winners[0].assigned_reviewer
    assert ApplicationEvent.objects.filter(application=application, to_status=Status.UNDER_REVIEW).count() == 1


def test_approve_and_reject_at_once_only_one_decision_is_made(alice_family, reviewer, manager, slow_commit):
    application = complete_application(family=alice_family, status=Status.UNDER_REVIEW)
    reason = Reason.objects.get(kind="rejection", code="other")
    results = at_once(
        lambda: services.application_transition(application=application, to_status=Status.APPROVED, actor=reviewer),
        lambda: services.application_transition(
            application=application, to_status=Status.REJECTED, actor=manager, reason=reason, message="No."
        ),
    )
    assert sum(isinstance(result, Application) for result in results) == 1, results
    assert sum(isinstance(result, TransitionNotAllowed) for result in results) == 1, results
    application.refresh_from_db()
    decisions = ApplicationEvent.objects.filter(application=application).exclude(to_status=Status.UNDER_REVIEW)
    assert [event.to_status for event in decisions] == [application.status]


def test_families_submitting_at_once_get_unique_references_without_gaps(db):
    families = [eligible_family(UserFactory()) for _ in range(8)]
    applications = [complete_application(family=family) for family in families]
    results = at_once(
        *(
            lambda application=application: services.application_transition(
                application=application, to_status=Status.SUBMITTED, actor=application.family.user
            )
            for application in applications
        )
    )
    assert all(isinstance(result, Application) for result in results), results
    numbers = sorted(int(result.reference.rsplit("-", 1)[1]) for result in results)
    assert numbers == list(range(1, 9))


def test_a_double_click_on_send_submits_once(alice_family, alice, slow_commit):
    application = complete_application(family=alice_family)
    send = lambda: services.application_transition(  # noqa: E731
        application=application, to_status=Status.SUBMITTED, actor=alice
    )
    results = at_once(send, send)
    assert sum(isinstance(result, Application) for result in results) == 1, results
    assert ApplicationEvent.objects.filter(application=application, to_status=Status.SUBMITTED).count() == 1


def test_two_drafts_started_at_once_for_one_package_make_one(alice_family, alice, tayeb):
    start = lambda: services.application_draft_create(family=alice_family, package=tayeb, actor=alice)  # noqa: E731
    results = at_once(start, start, start)
    drafts = {result.pk for result in results if isinstance(result, Application)}
    others = {result.application.pk for result in results if isinstance(result, ApplicationAlreadyOpen)}
    assert len(drafts) == 1, results
    assert others <= drafts
    assert Application.objects.filter(family=alice_family, package=tayeb).count() == 1
