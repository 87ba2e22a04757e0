"""Writes of the licensing rules: applications, their documents and the workflow.

Every status change goes through `application_transition`, the one function that performs a transition.
"""

import datetime
import logging
from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from families.models import FamilyProfile
from families.roles import user_can_review
from families.selectors import family_snapshot
from intaj_portal.errors import validation_refused
from intaj_portal.storage import STORAGE_FAILURES, storage_delete_quietly
from licenses.exceptions import (
    ActorNotAllowed,
    ApplicationAlreadyOpen,
    ApplicationError,
    ApplicationIncomplete,
    ApplicationNotEditable,
    DocumentStorageUnavailable,
    LicenceAlreadyHeld,
    PackageClosed,
    RenewalNotOpen,
    TransitionNotAllowed,
)
from licenses.files import document_file_check
from licenses.history import event_fields, issue_event_data, submission_event_data
from licenses.models import (
    ANSWER_FIELDS,
    FAMILY_LABELS,
    OPEN_STATUSES,
    STEPS,
    TRANSITIONS,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    Kind,
    Licence,
    Reason,
    ReferenceCounter,
    Role,
    Status,
    Step,
    document_storage_name,
)
from licenses.selectors import (
    application_document_checklist,
    application_submission_problems,
    licence_can_renew,
    licence_renewal_opens_on,
)
from licenses.services import notices
from licenses.services.licences import licence_record
from packages_catalog.models import Activity, DocumentType, Package

logger = logging.getLogger(__name__)


def _is_owner(application_or_family, actor) -> bool:
    family = getattr(application_or_family, "family", application_or_family)
    return actor is not None and actor.is_active and actor.pk == family.user_id


def _require_owner(application_or_family, actor) -> None:
    if not _is_owner(application_or_family, actor):
        raise ActorNotAllowed(_("Only the family that owns this application can do this."))


def _lock(application: Application) -> Application:
    """The application's row, locked until the transaction ends, read afresh (another request may have moved it)."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("family__user__uaepass", "package", "renews")
        .get(pk=application.pk)
    )


def _require_editable(application: Application) -> None:
    if not application.is_editable:
        raise ApplicationNotEditable(
            _("This application can no longer be changed: it is “%(status)s”.")
            % {"status": application.family_status_label}
        )


def _refuse_if_open(*, family: FamilyProfile, package: Package) -> None:
    """At most one open application per family and package: the open one is named in the refusal."""
    existing = Application.objects.filter(family=family, package=package, status__in=OPEN_STATUSES).first()
    if existing is not None:
        raise ApplicationAlreadyOpen(
            _("You already have an open application for %(package)s.") % {"package": package.name},
            application=existing,
        )


def _event_write(*, application: Application, actor, reason: Reason | None = None, **fields) -> ApplicationEvent:
    """The history row of the step that just brought `application` to its status (`licenses.history`)."""
    return ApplicationEvent.objects.create(
        application=application, actor=actor, reason=reason, **event_fields(to_status=application.status, **fields)
    )


@transaction.atomic
def application_draft_create(*, family: FamilyProfile, package: Package, actor) -> Application:
    """A family starts an application for a package.

    At most one open application per family and package (a database constraint too), and none for a package in
    which the family holds a licence: it renews that licence instead. The address of production starts as the
    family's home address.
    """
    _require_owner(family, actor)
    _refuse_if_open(family=family, package=package)
    licence = Licence.objects.filter(family=family, package=package).first()
    if licence is not None:
        raise LicenceAlreadyHeld(
            _("Your family already holds licence %(number)s for %(package)s: renew it instead of applying again.")
            % {"number": licence.number, "package": package.name},
            licence=licence,
        )
    if not package.is_active:
        raise PackageClosed(_("This package is not open for applications at the moment."))
    try:
        with transaction.atomic():
            application = Application.objects.create(family=family, package=package, production_address=family.address)
    except IntegrityError:
        # The same request arrived twice (a double click): the first one's draft is the family's draft.
        _refuse_if_open(family=family, package=package)
        raise
    _event_write(application=application, actor=actor, from_status="", at=timezone.now())
    return application


@transaction.atomic
def application_renewal_create(*, licence: Licence, actor, on: datetime.date | None = None) -> Application:
    """A family renews its licence: an application of kind renewal, filled in from the licence's latest answers.

    Renewal opens 30 days (configurable) before expiry and stays open after it. The documents are asked for again,
    because identity papers and leases expire too.
    """
    _require_owner(licence, actor)
    on = on or timezone.localdate()
    if not licence_can_renew(licence=licence, on=on):
        raise RenewalNotOpen(
            _("Licence %(number)s can be renewed from %(date)s.")
            % {"number": licence.number, "date": date_format(licence_renewal_opens_on(licence=licence))}
        )
    _refuse_if_open(family=licence.family, package=licence.package)
    source = licence.renewals.filter(status=Status.ISSUED).order_by("-issued_on", "-id").first() or licence.application
    application = Application.objects.create(
        family=licence.family,
        package=licence.package,
        kind=Kind.RENEWAL,
        renews=licence,
        trade_name_ar=licence.trade_name_ar,
        trade_name_en=licence.trade_name_en,
        products_description=source.products_description,
        production_place=source.production_place,
        production_address=source.production_address,
    )
    application.activities.set(licence.activities.filter(is_active=True))
    _event_write(application=application, actor=actor, from_status="", at=timezone.now())
    return application


@transaction.atomic
def application_update(
    *, application: Application, actor, answers: dict, activities: list[Activity] | None = None
) -> Application:
    """The family changes its answers while the application is in its hands (a draft, or information requested).

    Only the answer fields (`ANSWER_FIELDS`) and the activities, which must belong to the application's package.
    """
    locked = _lock(application)
    _require_owner(locked, actor)
    _require_editable(locked)
    unknown = set(answers) - set(ANSWER_FIELDS)
    if unknown:
        raise ValueError(f"not answer fields: {sorted(unknown)}")
    for name, value in answers.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*answers, "updated_at"])
    if activities is not None:
        if any(activity.package_id != locked.package_id for activity in activities):
            raise ValueError("every activity must belong to the application's package")
        locked.activities.set(activities)
    return locked


@transaction.atomic
def application_document_add(
    *, application: Application, document_type: DocumentType, file: UploadedFile, actor
) -> ApplicationDocument:
    """The family uploads a document: PDF, JPEG or PNG by content and by name, within the size limit, stored under a
    name the portal makes (`document_storage_name`: reference, document, version, true extension).

    A new file for a document that takes one file supersedes the current one, which is kept for the audit trail;
    optional documents (product photos) take several files. Each file of a document is its next version. A file the
    check refuses is a ServiceError on the field `file`.
    """
    locked = _lock(application)
    _require_owner(locked, actor)
    _require_editable(locked)
    with validation_refused(field="file"):
        content_type = document_file_check(file)
    checklist = {item.document_type.pk: item for item in application_document_checklist(application=locked)}
    item = checklist.get(document_type.pk)
    if item is None:
        raise ValueError(f"document type {document_type.code} does not concern this application")
    now = timezone.now()
    if not item.several_allowed:
        ApplicationDocument.objects.filter(
            application=locked, document_type=document_type, superseded_at__isnull=True
        ).update(superseded_at=now)
    # The application's row is locked, so no other upload takes the same version.
    version = ApplicationDocument.objects.filter(application=locked, document_type=document_type).count() + 1
    document = ApplicationDocument(
        application=locked,
        document_type=document_type,
        original_name=(file.name or "document")[-255:],
        content_type=content_type,
        size=file.size,
        uploaded_by=actor,
        uploaded_at=now,
    )
    name = document_storage_name(
        application=locked, document_type=document_type, version=version, content_type=content_type
    )
    try:
        document.file.save(name, file, save=False)
    except STORAGE_FAILURES as error:
        # Rolled back with the rest: the current file stays current, and the family is told to try again.
        logger.error("Documents storage unavailable: %s not saved", name, exc_info=True)
        raise DocumentStorageUnavailable() from error
    document.save()
    return document


@transaction.atomic
def application_document_remove(*, document: ApplicationDocument, actor) -> ApplicationDocument:
    """The family takes a file back while it may still change the application; the file is kept, superseded."""
    locked = _lock(document.application)
    _require_owner(locked, actor)
    _require_editable(locked)
    ApplicationDocument.objects.filter(pk=document.pk, superseded_at__isnull=True).update(superseded_at=timezone.now())
    document.refresh_from_db(fields=["superseded_at"])
    return document


@transaction.atomic
def application_draft_delete(*, application: Application, actor) -> None:
    """A draft that was never sent is deleted with its files (DOMAIN.md: draft → deleted); nothing else is."""
    locked = _lock(application)
    _require_owner(locked, actor)
    if locked.status != Status.DRAFT:
        raise ApplicationNotEditable(_("Only a draft that was never sent can be deleted; withdraw it instead."))
    documents = list(locked.documents.all())
    locked.delete()
    for document in documents:
        transaction.on_commit(lambda stored=document.file: storage_delete_quietly(stored.storage, stored.name))


def _reference_next(*, year: int) -> str:
    """The year's next reference, ETM-YYYY-NNNNNN: the year's counter row is locked until the transaction ends,
    so two submissions never get the same number, and a rolled-back submission gives its number back."""
    ReferenceCounter.objects.bulk_create([ReferenceCounter(year=year)], ignore_conflicts=True)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"ETM-{year}-{counter.last_number:06d}"


def _check_actor(application: Application, role: Role, actor) -> None:
    if role == Role.FAMILY:
        _require_owner(application, actor)
    elif not user_can_review(actor):
        raise ActorNotAllowed(_("Only the centre's reviewers can do this."))


def _check_details(step: Step, *, reason: Reason | None, message: str, licence_number: str, issued_on, today) -> None:
    """What each step needs beyond the table: a reason and a message to ask or reject, the licence to issue."""
    kind = step.reason_kind
    if kind is not None:
        if reason is None or reason.kind != kind:
            raise ApplicationError(_("Choose a reason from the list."), code="reason_missing")
        if not message.strip():
            raise ApplicationError(_("Write a message to the family."), code="message_missing")
    elif reason is not None:
        raise ApplicationError(_("This step takes no reason."), code="reason_not_taken")
    if step.records_licence:
        if not licence_number.strip() or issued_on is None:
            raise ApplicationError(
                _("Enter the DED licence number and the date DED issued it."), code="licence_details_missing"
            )
        if issued_on > today:
            raise ApplicationError(_("The issue date cannot be in the future."), code="issued_in_future")


def _documents_requestable(application: Application, step: Step, codes: Iterable[str]) -> list[str]:
    """The codes of documents a request names, in the checklist's order; a step that names none, or a code that is
    not on the application's checklist, is refused."""
    if not step.names_documents:
        raise ApplicationError(_("This step names no documents."), code="documents_not_taken")
    checklist = [item.document_type.code for item in application_document_checklist(application=application)]
    unknown = set(codes) - set(checklist)
    if unknown:
        raise ApplicationError(_("Choose documents from the application's list."), code="documents_unknown")
    return [code for code in checklist if code in set(codes)]


def _submission_record(application: Application, *, now: datetime.datetime) -> tuple[list[str], dict]:
    """Check that the application can be sent, give it its reference, and keep the family's profile as it is."""
    problems = application_submission_problems(application=application, on=timezone.localdate(now))
    if problems:
        raise ApplicationIncomplete(_("The application cannot be sent yet."), problems=problems)
    changed = ["last_submitted_at", "family_snapshot"]
    if not application.reference:
        application.reference = _reference_next(year=timezone.localdate(now).year)
        application.submitted_at = now
        changed += ["reference", "submitted_at"]
    application.last_submitted_at = now
    profile = FamilyProfile.objects.prefetch_related("household_members").select_related("user")
    application.family_snapshot = family_snapshot(profile=profile.get(pk=application.family_id))
    data = submission_event_data(
        answers={name: getattr(application, name) for name in ANSWER_FIELDS},
        activities=application.activities.all(),
        family=application.family_snapshot,
        documents=application.documents.filter(superseded_at__isnull=True).values_list("pk", flat=True),
    )
    return changed, data


@transaction.atomic
def application_transition(
    *,
    application: Application,
    to_status: str,
    actor,
    reason: Reason | None = None,
    message: str = "",
    internal_note: str = "",
    licence_number: str = "",
    issued_on: datetime.date | None = None,
    notify_family: bool = True,
    documents_requested: Iterable[str] = (),
) -> Application:
    """Move an application to `to_status`: the one way any application changes status.

    The rule: the step must be in `TRANSITIONS` from the application's status *as it is in the database now* (the
    row is locked, so of two people acting at once, the second sees the first one's result and is refused), and
    the actor must hold the step's role (the owning family, or a reviewer). Sending needs a complete, eligible
    application and gives it its reference; asking for information and rejecting need a reason and a message;
    issuing records the licence; asking for information may name documents of the application's checklist (their
    codes, kept in the history row) (`workflow.STEPS` says which step needs what). Every step writes one history row
    and calls `notices.application_status_changed` (which tells the family unless `notify_family` is off, and asks
    for the fee on approval), all in one transaction: nothing is half-done. Refusals raise an `ApplicationError`
    with a translated message.
    """
    locked = _lock(application)
    from_status, to_status = Status(locked.status), Status(to_status)
    role = TRANSITIONS[from_status].get(to_status)
    if role is None:
        labels = FAMILY_LABELS if _is_owner(locked, actor) else dict(Status.choices)
        raise TransitionNotAllowed(
            _(
                "This application is now “%(current)s”, so it cannot be moved to “%(target)s”. It may have changed "
                "while you were looking at it: reload the page to see its latest state."
            )
            % {"current": labels[from_status], "target": labels[to_status]}
        )
    step = STEPS[to_status]
    _check_actor(locked, role, actor)
    now = timezone.now()
    _check_details(
        step,
        reason=reason,
        message=message,
        licence_number=licence_number,
        issued_on=issued_on,
        today=timezone.localdate(now),
    )
    changed = ["status", "updated_at"]
    data = {}
    if step.is_submission:
        changed_by_submission, data = _submission_record(locked, now=now)
        changed += changed_by_submission
    if to_status == Status.UNDER_REVIEW or (role == Role.REVIEWER and locked.assigned_reviewer_id is None):
        locked.assigned_reviewer = actor
        changed.append("assigned_reviewer")
    if step.is_decision:
        locked.decided_at = now
        changed.append("decided_at")
    if documents_requested:
        data = {"documents_requested": _documents_requestable(locked, step, documents_requested)}
    if step.records_licence:
        licence = licence_record(application=locked, number=licence_number.strip(), issued_on=issued_on)
        locked.issued_on = issued_on
        changed.append("issued_on")
        data = issue_event_data(licence_number=licence.number, issued_on=issued_on, expires_on=licence.expires_on)
    locked.status = to_status
    locked.save(update_fields=changed)
    event = _event_write(
        application=locked,
        from_status=from_status,
        actor=actor,
        at=now,
        reason=reason,
        message=message,
        internal_note=internal_note,
        notify_family=notify_family,
        data=data,
    )
    notices.application_status_changed(application=locked, event=event)
    return locked
