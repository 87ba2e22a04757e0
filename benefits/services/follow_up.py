"""Writes of the incubation follow-up: reviewers open and close a licence holder's file and record its visits and
calls, goals and referrals; the family answers a next step.

Every write is one transaction that locks the file first, so two staff members saving at once are applied one after
the other. A new next step or new advice tells the family (the shared fields only: staff notes never travel).
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benefits.exceptions import ActorNotAllowed, BenefitError
from benefits.models import ANSWER_PHOTO_EXTENSIONS, Contact, FollowUpFile, Goal, GoalProgress, Notice, Referral
from benefits.selectors.follow_up import follow_up_licence_allowed
from benefits.services.steps import require_reviewer
from licenses.models import Licence
from notifications.services import notification_create

NOT_A_HOLDER = _("Only licence holders have a follow-up file: this licence is neither valid today nor being renewed.")


def _lock_file(file: FollowUpFile) -> FollowUpFile:
    return FollowUpFile.objects.select_for_update().select_related("licence__family__user").get(pk=file.pk)


def _writable(file: FollowUpFile, *, today: datetime.date) -> FollowUpFile:
    """The file, locked, if staff may still write in it: open, and its licence still valid or being renewed."""
    locked = _lock_file(file)
    if not locked.is_open:
        raise BenefitError(_("This follow-up file is closed: reopen it first."), code="file_closed")
    if not follow_up_licence_allowed(licence=locked.licence, today=today):
        raise BenefitError(NOT_A_HOLDER, code="not_a_licence_holder")
    return locked


@transaction.atomic
def follow_up_file_open(*, licence: Licence, actor, today: datetime.date | None = None) -> FollowUpFile:
    """A reviewer opens the follow-up file of a licence holder's project: one file per licence, and only for a
    licence valid today or being renewed. A closed file is reopened rather than opened twice."""
    require_reviewer(actor)
    today = today or timezone.localdate()
    locked = Licence.objects.select_for_update().get(pk=licence.pk)
    if not follow_up_licence_allowed(licence=locked, today=today):
        raise BenefitError(NOT_A_HOLDER, code="not_a_licence_holder", field="licence")
    file = FollowUpFile.objects.select_for_update().filter(licence=locked).first()
    if file is not None and file.is_open:
        raise BenefitError(
            _("This licence already has an open follow-up file."), code="file_already_open", field="licence"
        )
    if file is None:
        return FollowUpFile.objects.create(licence=locked, opened_on=today, opened_by=actor)
    file.closed_on, file.closed_by = None, None
    file.save(update_fields=["closed_on", "closed_by", "updated_at"])
    return file


@transaction.atomic
def follow_up_file_close(*, file: FollowUpFile, actor, today: datetime.date | None = None) -> FollowUpFile:
    """A reviewer closes a file (the project no longer followed, the licence not renewed): its waiting next steps
    are no longer due, and the family keeps reading its timeline."""
    require_reviewer(actor)
    locked = _lock_file(file)
    if not locked.is_open:
        raise BenefitError(_("This follow-up file is already closed."), code="file_closed")
    locked.closed_on, locked.closed_by = today or timezone.localdate(), actor
    locked.save(update_fields=["closed_on", "closed_by", "updated_at"])
    return locked


def _shared_context(contact: Contact, file: FollowUpFile) -> dict:
    """What a follow-up notification says: the shared fields only, never `staff_notes`."""
    context = {
        "trade_name_ar": file.licence.trade_name_ar,
        "trade_name_en": file.licence.trade_name_en,
        "date": contact.happened_on.isoformat(),
        "path": "/account/#follow-up",
    }
    if contact.next_step:
        context.update(next_step=contact.next_step, due_on=contact.next_step_due_on.isoformat())
    if contact.advice.strip():
        context["message"] = contact.advice.strip()
    return context


@transaction.atomic
def contact_save(*, contact: Contact, actor, notify_family: bool = True, today: datetime.date | None = None) -> Contact:
    """A reviewer records a visit or call, or corrects one. A next step needs its due date, and one the family has
    already answered is not rewritten (a new visit or call carries the next one). When the next step or the advice
    is new, the family is told; the staff notes stay with staff."""
    require_reviewer(actor)
    today = today or timezone.localdate()
    file = _writable(contact.file, today=today)
    contact.next_step = contact.next_step.strip()
    if contact.next_step and contact.next_step_due_on is None:
        raise BenefitError(_("A next step needs its due date."), code="due_date_missing", field="next_step_due_on")
    before = Contact.objects.select_for_update().filter(pk=contact.pk).first() if contact.pk else None
    if (
        before is not None
        and before.answered_at is not None
        and (before.next_step != contact.next_step or before.next_step_due_on != contact.next_step_due_on)
    ):
        raise BenefitError(
            _("The family has already answered this next step: record a new visit or call with the next one."),
            code="step_answered",
            field="next_step",
        )
    if contact.staff_member_id is None:
        contact.staff_member = actor
    contact.file = file
    contact.save()
    new_step = bool(contact.next_step) and (
        before is None or (before.next_step, before.next_step_due_on) != (contact.next_step, contact.next_step_due_on)
    )
    new_advice = bool(contact.advice.strip()) and (before is None or before.advice.strip() != contact.advice.strip())
    if notify_family and (new_step or new_advice):
        notification_create(
            recipient=file.licence.family.user,
            kind=Notice.FOLLOW_UP_NEXT_STEP if new_step else Notice.FOLLOW_UP_ADVICE,
            context=_shared_context(contact, file),
        )
    return contact


@transaction.atomic
def goal_save(*, goal: Goal, actor, note: str = "", today: datetime.date | None = None) -> Goal:
    """A reviewer records a goal agreed with the family, or its progress: each new percent (or a note) is a step
    of the goal's progress, which the family sees with its date."""
    require_reviewer(actor)
    today = today or timezone.localdate()
    _writable(goal.file, today=today)
    if not 0 <= goal.progress <= 100:
        raise BenefitError(_("Progress is a percent, from 0 to 100."), code="progress_range", field="progress")
    before = Goal.objects.select_for_update().filter(pk=goal.pk).values_list("progress", flat=True).first()
    goal.save()
    if before is None or before != goal.progress or note.strip():
        GoalProgress.objects.create(
            goal=goal, percent=goal.progress, note=note.strip(), recorded_on=today, recorded_by=actor
        )
    return goal


@transaction.atomic
def referral_save(*, referral: Referral, actor, today: datetime.date | None = None) -> Referral:
    """A reviewer records a referral to a partner programme, or its outcome. A new referral is to a partner the
    centre still works with."""
    require_reviewer(actor)
    _writable(referral.file, today=today or timezone.localdate())
    if referral.pk is None and not referral.partner.is_active:
        raise BenefitError(
            _("The centre no longer refers families to this partner."), code="partner_inactive", field="partner"
        )
    referral.save()
    return referral


def answer_photo_name(*, contact: Contact, content_type: str) -> str:
    """Where the family's photo is kept: private, named by the file and the visit, nothing the family typed."""
    return f"follow-up/{contact.file_id}/step-{contact.pk}{ANSWER_PHOTO_EXTENSIONS[content_type]}"


@transaction.atomic
def next_step_answer(
    *,
    contact: Contact,
    actor,
    note: str = "",
    photo=None,
    photo_type: str = "",
    now: datetime.datetime | None = None,
) -> Contact:
    """The family says a next step is done, with a note, a photo (checked by the form as documents are: its type
    by its content, its size), or both. Only the family of the file answers, once, while the file is open."""
    locked_file = _lock_file(contact.file)
    if not (actor.is_active and actor.pk == locked_file.licence.family.user_id):
        raise ActorNotAllowed(_("Only the family of this project can answer its next steps."))
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if not locked.next_step:
        raise BenefitError(_("This visit or call has no next step."), code="no_next_step")
    if locked.answered_at is not None:
        raise BenefitError(_("You have already answered this next step."), code="step_answered")
    if not locked_file.is_open:
        raise BenefitError(_("The centre has closed this follow-up."), code="file_closed")
    if not note.strip() and photo is None:
        raise BenefitError(_("Please add a note or a photo."), code="answer_empty", field="note")
    locked.answered_at = now or timezone.now()
    locked.answer_note = note.strip()
    fields = ["answered_at", "answer_note", "updated_at"]
    if photo is not None:
        photo.seek(0)
        name = answer_photo_name(contact=locked, content_type=photo_type)
        locked.answer_photo.save(name, ContentFile(photo.read()), save=False)
        locked.answer_photo_type = photo_type
        fields += ["answer_photo", "answer_photo_type"]
    locked.save(update_fields=fields)
    return locked
