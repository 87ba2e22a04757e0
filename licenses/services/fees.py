"""Writes of the fee assessment: requested when the centre approves, computed once by a Celery task.

Assessing is idempotent: the task locks the row and computes only a pending one, so running it twice, or a
duplicate delivery from the broker, never changes an assessment (and never halves a fee twice).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intaj_portal.celery import task_publish
from licenses.exceptions import ApplicationError
from licenses.models import Application, ApplicationEvent, FeeAssessment, Notice, Status
from licenses.selectors import application_notification_context, application_renewal_is_late
from notifications.services import notification_create
from packages_catalog.fees import fee_compute
from packages_catalog.selectors import fee_schedule_in_force


def fee_assessment_publish(*, assessment_id: int) -> None:
    """Hand an assessment to Celery; with the broker down the pending row waits for the relay."""
    task_publish("licenses.tasks.fee_assess_task", assessment_id)


def fee_assessment_request(
    *, application: Application, actor, notify_family: bool = True, reason: str = ""
) -> FeeAssessment:
    """Write a pending assessment in the caller's transaction and hand it to Celery after commit."""
    assessment = FeeAssessment.objects.create(
        application=application, requested_by=actor, notify_family=notify_family, reason=reason
    )
    transaction.on_commit(lambda: fee_assessment_publish(assessment_id=assessment.pk))
    return assessment


@transaction.atomic
def fee_assess(*, assessment_id: int) -> FeeAssessment | None:
    """Compute a pending assessment from the fee schedule in force on the day of approval; None if there is
    nothing to do (already computed, or replaced).

    The lines: the new-licence or renewal fee, the late fine for a late renewal, the municipality's public-health
    fee for packages that need it; the discount of a verified SSSD beneficiary on the licence or renewal fee only.
    The family is told the amount in the approval notification, sent from here once the fee is known.
    """
    assessment = (
        FeeAssessment.objects.select_for_update(of=("self",))
        .select_related("application__package", "application__family__user", "application__renews")
        .filter(pk=assessment_id, state=FeeAssessment.State.PENDING, superseded_at__isnull=True)
        .first()
    )
    if assessment is None:
        return None
    application = assessment.application
    decided_on = timezone.localdate(application.decided_at) if application.decided_at else timezone.localdate()
    schedule = fee_schedule_in_force(on=decided_on)
    if schedule is None:
        raise ApplicationError(
            _("No fee schedule is in force on %(date)s.") % {"date": decided_on.isoformat()}, code="no_fee_schedule"
        )
    breakdown = fee_compute(
        schedule=schedule,
        package=application.package,
        kind=application.kind,
        beneficiary_verified=application.family.is_verified_beneficiary,
        late_renewal=application_renewal_is_late(application=application),
    )
    assessment.state = FeeAssessment.State.COMPUTED
    assessment.schedule = schedule
    assessment.breakdown = breakdown.as_json()
    assessment.subtotal = breakdown.subtotal
    assessment.discount_total = breakdown.discount_total
    assessment.total = breakdown.total
    assessment.computed_at = timezone.now()
    assessment.save(
        update_fields=["state", "schedule", "breakdown", "subtotal", "discount_total", "total", "computed_at"]
    )
    if assessment.notify_family and not assessment.reason:
        context = {**application_notification_context(application=application), "fee_total": str(breakdown.total)}
        # The reviewer's message with the approval is told with the fee, as every other step's message is.
        approval = application.events.filter(to_status=Status.APPROVED).order_by("at", "id").last()
        if approval is not None and approval.message:
            context["message"] = approval.message
        notification_create(recipient=application.family.user, kind=Notice.APPROVED, context=context)
    return assessment


@transaction.atomic
def fee_reassess(*, application: Application, actor, reason: str) -> FeeAssessment:
    """Replace the current assessment by a new one computed afresh: an explicit staff act, with its reason in the
    application's history. Only for an approved or issued application."""
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if locked.status not in (Status.APPROVED, Status.ISSUED):
        raise ApplicationError(_("Only an approved application has a fee to assess again."), code="not_approved")
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Give the reason for assessing the fee again."), code="reason_missing")
    now = timezone.now()
    locked.fee_assessments.filter(superseded_at__isnull=True).update(superseded_at=now)
    ApplicationEvent.objects.create(
        application=locked,
        from_status=locked.status,
        to_status=locked.status,
        actor=actor,
        at=now,
        internal_note=str(_("Fee assessed again: %(reason)s") % {"reason": reason}),
        is_public=False,
        notify_family=False,
        data={"fee_reassessed": True},
    )
    return fee_assessment_request(application=locked, actor=actor, notify_family=False, reason=reason)


def fee_assessments_due(*, older_than: datetime.timedelta = datetime.timedelta(minutes=1)) -> list[int]:
    """Pending assessments the relay hands to Celery again (the broker was down, or a worker died)."""
    cutoff = timezone.now() - older_than
    return list(
        FeeAssessment.objects.filter(
            state=FeeAssessment.State.PENDING, superseded_at__isnull=True, created_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
