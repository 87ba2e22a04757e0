"""The one place the rest of the portal learns that an application changed status.

`application_status_changed` is called by `services.application_transition` for every step, inside the step's
transaction, after the history row is written. What it writes (notifications, the fee assessment) is written in
that same transaction, so it is never lost; the Celery tasks that deliver and compute are enqueued after commit.
"""

from django.contrib.auth import get_user_model

from families.roles import REVIEWERS
from licenses.fees import application_notification_context, fee_assessment_request
from licenses.models import Application, ApplicationEvent, Status
from notifications.models import Channel
from notifications.models import Kind as NotificationKind
from notifications.services import notification_create

# What the family is told at each step. Approval is told by the fee assessment once the fee is known.
FAMILY_NOTICE = {
    Status.SUBMITTED: NotificationKind.APPLICATION_RECEIVED,
    Status.INFO_REQUESTED: NotificationKind.INFO_REQUESTED,
    Status.ISSUED: NotificationKind.ISSUED,
    Status.REJECTED: NotificationKind.REJECTED,
    Status.WITHDRAWN: NotificationKind.WITHDRAWN,
}


def application_status_changed(*, application: Application, event: ApplicationEvent) -> None:
    to_status = Status(event.to_status)
    context = application_notification_context(application)
    if event.reason_id:
        context.update(reason_ar=event.reason.name_ar, reason_en=event.reason.name_en)
    if event.message:
        context["message"] = event.message
    if to_status == Status.ISSUED:
        context.update(licence_number=event.data["licence_number"], expiry_date=event.data["expires_on"])

    if to_status == Status.APPROVED:
        fee_assessment_request(application=application, actor=event.actor, notify_family=event.notify_family)
    elif to_status in FAMILY_NOTICE and event.notify_family:
        notification_create(recipient=application.family.user, kind=FAMILY_NOTICE[to_status], context=context)

    if to_status == Status.SUBMITTED:
        for reviewer in staff_to_tell(application):
            notification_create(
                recipient=reviewer,
                kind=NotificationKind.STAFF_APPLICATION_SUBMITTED,
                context=context,
                channels=[Channel.EMAIL],
            )


def staff_to_tell(application: Application):
    """The assigned reviewer of a resubmitted application, otherwise every active reviewer."""
    if application.assigned_reviewer_id and application.assigned_reviewer.is_active:
        return [application.assigned_reviewer]
    return get_user_model().objects.filter(is_active=True, is_staff=True, groups__name=REVIEWERS).distinct()
