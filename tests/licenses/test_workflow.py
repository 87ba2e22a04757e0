"""The transition table: every step it allows, for its role only, and every step it does not."""

import pytest
from django.utils import timezone, translation

from licenses import services
from licenses.exceptions import ActorNotAllowed, ApplicationError, TransitionNotAllowed
from licenses.models import TRANSITIONS, ApplicationEvent, Reason, Role, Status
from licenses.services import notices
from tests.factories import UserFactory
from tests.licenses.factories import complete_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The refusals are checked in English here; test_services checks one in both languages."""
    with translation.override("en"):
        yield


ALLOWED = [(source, target, role) for source, targets in TRANSITIONS.items() for target, role in targets.items()]
REFUSED = [(source, target) for source in Status for target in Status if target not in TRANSITIONS[source]]


def step_details(target):
    """What each step needs besides the actor: a reason and message, or the licence DED issued."""
    if target == Status.INFO_REQUESTED:
        return {"reason": Reason.objects.get(kind="info_request", code="missing_document"), "message": "Add the deed."}
    if target == Status.REJECTED:
        return {"reason": Reason.objects.get(kind="rejection", code="not_eligible"), "message": "Not in Sharjah."}
    if target == Status.ISSUED:
        return {"licence_number": "SHJ-ETM-000123", "issued_on": timezone.localdate()}
    return {}


@pytest.mark.parametrize(("source", "target", "role"), ALLOWED, ids=[f"{s}->{t}" for s, t, _r in ALLOWED])
def test_every_step_in_the_table_is_made_by_its_role_and_recorded(alice_family, alice, reviewer, source, target, role):
    application = complete_application(family=alice_family, status=source)
    actor = alice if role == Role.FAMILY else reviewer

    moved = services.application_transition(
        application=application, to_status=target, actor=actor, **step_details(target)
    )

    moved.refresh_from_db()
    assert moved.status == target
    event = ApplicationEvent.objects.get(application=application)
    assert (event.from_status, event.to_status, event.actor) == (source, target, actor)


@pytest.mark.parametrize(("source", "target", "role"), ALLOWED, ids=[f"{s}->{t}" for s, t, _r in ALLOWED])
def test_every_step_in_the_table_is_refused_to_the_other_role(alice_family, alice, reviewer, source, target, role):
    application = complete_application(family=alice_family, status=source)
    other = reviewer if role == Role.FAMILY else alice

    with pytest.raises(ActorNotAllowed):
        services.application_transition(application=application, to_status=target, actor=other, **step_details(target))

    application.refresh_from_db()
    assert application.status == source
    assert not ApplicationEvent.objects.filter(application=application).exists()


@pytest.mark.parametrize(("source", "target"), REFUSED, ids=[f"{s}->{t}" for s, t in REFUSED])
def test_every_step_not_in_the_table_is_refused_to_everybody(alice_family, alice, reviewer, source, target):
    application = complete_application(family=alice_family, status=source)
    for actor in (alice, reviewer):
        with pytest.raises(TransitionNotAllowed):
            services.application_transition(
                application=application, to_status=target, actor=actor, **step_details(target)
            )
    application.refresh_from_db()
    assert application.status == source
    assert not ApplicationEvent.objects.filter(application=application).exists()


def test_the_table_follows_the_domain(alice_family):
    assert TRANSITIONS[Status.DRAFT] == {Status.SUBMITTED: Role.FAMILY}
    assert TRANSITIONS[Status.INFO_REQUESTED] == {Status.SUBMITTED: Role.FAMILY, Status.WITHDRAWN: Role.FAMILY}
    assert TRANSITIONS[Status.APPROVED] == {Status.ISSUED: Role.REVIEWER}
    assert all(not TRANSITIONS[final] for final in (Status.ISSUED, Status.REJECTED, Status.WITHDRAWN))
    # Withdrawal: any time before a decision.
    assert {s for s, targets in TRANSITIONS.items() if Status.WITHDRAWN in targets} == {
        Status.SUBMITTED,
        Status.UNDER_REVIEW,
        Status.INFO_REQUESTED,
    }


def test_charlie_cannot_withdraw_alices_application(submitted, charlie_family, charlie):
    with pytest.raises(ActorNotAllowed, match="Only the family that owns this application"):
        services.application_transition(application=submitted, to_status=Status.WITHDRAWN, actor=charlie)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_a_manager_may_review(submitted, manager):
    moved = services.application_transition(application=submitted, to_status=Status.UNDER_REVIEW, actor=manager)
    assert moved.status == Status.UNDER_REVIEW


def test_a_superuser_may_review(submitted, superuser):
    moved = services.application_transition(application=submitted, to_status=Status.UNDER_REVIEW, actor=superuser)
    assert moved.status == Status.UNDER_REVIEW


def test_staff_outside_the_review_groups_cannot_review(submitted):
    clerk = UserFactory(is_staff=True)
    with pytest.raises(ActorNotAllowed, match="Only the centre's reviewers"):
        services.application_transition(application=submitted, to_status=Status.UNDER_REVIEW, actor=clerk)


def test_a_deactivated_reviewer_cannot_review(submitted, reviewer):
    reviewer.is_active = False
    reviewer.save()
    with pytest.raises(ActorNotAllowed):
        services.application_transition(application=submitted, to_status=Status.UNDER_REVIEW, actor=reviewer)


def test_starting_review_assigns_the_reviewer(submitted, reviewer):
    moved = services.application_transition(application=submitted, to_status=Status.UNDER_REVIEW, actor=reviewer)
    assert moved.assigned_reviewer == reviewer


def test_the_step_is_checked_against_the_database_not_the_callers_copy(submitted, reviewer, manager):
    stale = type(submitted).objects.get(pk=submitted.pk)
    services.application_transition(application=submitted, to_status=Status.UNDER_REVIEW, actor=manager)
    with pytest.raises(TransitionNotAllowed, match="may have changed while you were looking"):
        services.application_transition(application=stale, to_status=Status.UNDER_REVIEW, actor=reviewer)
    assert ApplicationEvent.objects.filter(application=submitted, to_status=Status.UNDER_REVIEW).count() == 1


@pytest.mark.parametrize("target", [Status.INFO_REQUESTED, Status.REJECTED])
def test_asking_for_information_or_rejecting_needs_a_reason_of_its_kind_and_a_message(under_review, reviewer, target):
    wrong_kind = Reason.objects.exclude(kind=step_details(target)["reason"].kind).first()
    attempts = [
        {"message": "Please add it."},
        {"reason": wrong_kind, "message": "Please add it."},
        {"reason": step_details(target)["reason"], "message": "   "},
    ]
    for details in attempts:
        with pytest.raises(ApplicationError):
            services.application_transition(application=under_review, to_status=target, actor=reviewer, **details)
    under_review.refresh_from_db()
    assert under_review.status == Status.UNDER_REVIEW


def test_approval_takes_no_reason(under_review, reviewer):
    with pytest.raises(ApplicationError, match="takes no reason"):
        services.application_transition(
            application=under_review,
            to_status=Status.APPROVED,
            actor=reviewer,
            reason=Reason.objects.filter(kind="rejection").first(),
        )


def test_the_family_can_answer_a_request_for_information_more_than_once(under_review, alice, reviewer):
    application = under_review
    for round_number in range(2):
        application = services.application_transition(
            application=application,
            to_status=Status.INFO_REQUESTED,
            actor=reviewer,
            **step_details(Status.INFO_REQUESTED),
        )
        application = services.application_transition(
            application=application, to_status=Status.SUBMITTED, actor=alice, message=f"Answer {round_number}"
        )
        application = services.application_transition(
            application=application, to_status=Status.UNDER_REVIEW, actor=reviewer
        )
    steps = list(ApplicationEvent.objects.filter(application=application).values_list("to_status", flat=True))
    assert steps.count(Status.INFO_REQUESTED) == 2
    assert steps.count(Status.SUBMITTED) == 3


def test_every_step_calls_the_hook_once_inside_its_transaction(submitted, reviewer, monkeypatch):
    from django.db import connection

    calls = []

    def record(*, application, event):
        calls.append((application.status, event.to_status, connection.in_atomic_block))

    monkeypatch.setattr(notices, "application_status_changed", record)
    services.application_transition(application=submitted, to_status=Status.UNDER_REVIEW, actor=reviewer)
    assert calls == [(Status.UNDER_REVIEW, Status.UNDER_REVIEW, True)]


def test_a_failure_in_the_hook_undoes_the_whole_step(submitted, reviewer, monkeypatch):
    def broken(*, application, event):
        raise RuntimeError("broker down")

    monkeypatch.setattr(notices, "application_status_changed", broken)
    with pytest.raises(RuntimeError):
        services.application_transition(application=submitted, to_status=Status.UNDER_REVIEW, actor=reviewer)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert submitted.assigned_reviewer is None
    assert not ApplicationEvent.objects.filter(application=submitted, to_status=Status.UNDER_REVIEW).exists()
