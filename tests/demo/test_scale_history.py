"""The scale set writes history rows without `application_transition`: they must have the shape the portal's own rows
have, step by step (who acts, which reason, which fields are set, what `data` records and of which types).

Both sides build their rows with `licenses.history`; this compares what lands in the database, so a field or a
recorded value added to one writer and not the other fails here.
"""

import datetime
import io
from collections import defaultdict

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from demo.content import PATHS
from demo.management.commands.load_demo_data import PATH_WITH_INFO_REQUEST
from demo.scale.write import scale_applications
from families.roles import REVIEWERS
from licenses import services
from licenses.models import STEPS, ApplicationEvent, ProductionPlace, Role, Status
from licenses.selectors import application_document_checklist, reason_list_for
from packages_catalog.models import Package
from tests.licenses.factories import document_add

pytestmark = pytest.mark.django_db

# Every step the scale set takes, each walked through the portal by Alice (the family) and a reviewer; the path that
# issues a licence comes last, and its licence is then renewed along `RENEWAL_PATH`.
PORTAL_PATHS = [
    PATHS[Status.WITHDRAWN][1:],
    PATHS[Status.REJECTED][1:],
    [*PATHS[Status.UNDER_REVIEW][1:], Status.WITHDRAWN],
    [*PATHS[Status.INFO_REQUESTED][1:], Status.WITHDRAWN],
    PATH_WITH_INFO_REQUEST[1:],
]
RENEWAL_PATH = PATHS[Status.ISSUED][1:]
# Steps a set of a few hundred applications is sure to take (the rarer withdrawals may be missing).
COMMON_STEPS = {
    ("", Status.DRAFT),
    (Status.DRAFT, Status.SUBMITTED),
    (Status.SUBMITTED, Status.UNDER_REVIEW),
    (Status.UNDER_REVIEW, Status.INFO_REQUESTED),
    (Status.INFO_REQUESTED, Status.SUBMITTED),
    (Status.UNDER_REVIEW, Status.APPROVED),
    (Status.UNDER_REVIEW, Status.REJECTED),
    (Status.APPROVED, Status.ISSUED),
}


def _data_shape(value, path: str = "data"):
    """(path, type) of everything `data` holds; the items of a list share one path."""
    yield path, type(value).__name__
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _data_shape(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from _data_shape(item, f"{path}[]")


def _shape(event: ApplicationEvent, reviewer_ids: set[int]) -> tuple:
    """What a history row is made of, without its values: who acted (by role), the reason's kind, the type of each
    field that is set, and the shape of what it records."""
    if event.actor_id == event.application.family.user_id:
        role = Role.FAMILY
    else:
        role = Role.REVIEWER if event.actor_id in reviewer_ids else None
    fields_set = frozenset(
        (model_field.attname, type(value).__name__)
        for model_field in ApplicationEvent._meta.concrete_fields
        if model_field.attname not in ("id", "application_id", "data")
        and (value := getattr(event, model_field.attname)) not in (None, "")
    )
    return role, event.reason.kind if event.reason_id else None, fields_set, frozenset(_data_shape(event.data))


def _shapes_by_step(events) -> dict[tuple[str, str], set[tuple]]:
    reviewer_ids = set(Group.objects.get(name=REVIEWERS).user_set.values_list("pk", flat=True))
    shapes = defaultdict(set)
    for event in events.select_related("application__family", "reason"):
        shapes[(event.from_status, event.to_status)].add(_shape(event, reviewer_ids))
    return shapes


def _walk(application, path: list[Status], *, family_user, reviewer):
    """Take the application along `path` through `application_transition`, each step by the role it names."""
    for to_status in path:
        step, details = STEPS[to_status], {}
        if step.reason_kind:
            details = {"reason": reason_list_for(kind=step.reason_kind).first(), "message": "Please send it again."}
        if to_status == Status.SUBMITTED and application.status == Status.INFO_REQUESTED:
            details = {"message": "Sent again with a clear copy."}
        if step.records_licence:
            # A new licence issued a year ago less a few days is due for renewal now; its renewal is issued today.
            issued_on = timezone.localdate() - datetime.timedelta(days=0 if application.is_renewal else 360)
            details = {"licence_number": f"DED-{application.pk}", "issued_on": issued_on}
        actor = family_user if step.role == Role.FAMILY else reviewer
        application = services.application_transition(
            application=application, to_status=to_status, actor=actor, **details
        )
    return application


def _documents_upload(application) -> None:
    for item in application_document_checklist(application=application):
        if item.required:
            document_add(application, item.document_type)


def _portal_events(*, family, reviewer):
    """The history the portal writes for every step, renewal included."""
    tayeb = Package.objects.get(code="tayeb")
    user = family.user
    for path in PORTAL_PATHS:
        draft = services.application_draft_create(family=family, package=tayeb, actor=user)
        draft = services.application_update(
            application=draft,
            actor=user,
            answers={
                "trade_name_ar": "عطور مريم",
                "trade_name_en": "Maryam Perfumes",
                "products_description": "Oud blends and perfume oils.",
                "production_place": ProductionPlace.ROOM,
            },
            activities=list(tayeb.activities.filter(is_active=True)[:1]),
        )
        _documents_upload(draft)
        issued = _walk(draft, path, family_user=user, reviewer=reviewer)
    renewal = services.application_renewal_create(licence=issued.licence, actor=user)
    _documents_upload(renewal)
    _walk(renewal, RENEWAL_PATH, family_user=user, reviewer=reviewer)
    return ApplicationEvent.objects.filter(application__family=family)


def test_scale_history_rows_have_the_shape_of_the_portals_step_by_step(alice_family, reviewer):
    portal = _shapes_by_step(_portal_events(family=alice_family, reviewer=reviewer))
    call_command("load_scale_data", applications=300, seed=7, stdout=io.StringIO())
    scale = _shapes_by_step(ApplicationEvent.objects.filter(application__in=scale_applications()))

    assert COMMON_STEPS <= set(scale) <= set(portal)
    for step, shapes in scale.items():
        assert shapes == portal[step], step
        (role, reason_kind, _fields, _data) = next(iter(shapes))
        to_status = Status(step[1])
        assert role == (STEPS[to_status].role if to_status in STEPS else Role.FAMILY), step
        assert reason_kind == (STEPS[to_status].reason_kind if to_status in STEPS else None), step
