"""The one place the rest of the portal learns that an application changed status, and what it is told.

`application_status_changed` is called by `application_transition` for every step, inside the step's transaction,
after the history row is written. What it writes (notifications, the fee assessment) is written in that same
transaction, so it is never lost; the Celery tasks that deliver and compute are enqueued after commit. Whom each
step tells, and with which notice, is said by the step itself (`workflow.STEPS`).
"""

from django.contrib.auth import get_user_model

from families.roles import REVIEWERS
from licenses.models import STEPS, Application, ApplicationEvent, Role, Status
from licenses.selectors import application_notification_context
from licenses.services.fees import fee_assessment_request
from notifications.models import Channel
from notifications.services import notification_create


def application_status_changed(*, application: Application, event: ApplicationEvent) -> None:
    """Tell the family and the staff what the step says they are told; ask for the fee when the step waits for it.

    The step's message is said as what it is: the centre's message to the family ("message"), or the family's own
    (its reply, its reason to withdraw): "own_message" in its acknowledgement, "family_message" for the reviewers,
    whose link opens the application in the admin.
    """
    step = STEPS[Status(event.to_status)]
    details = {}
    if event.reason_id:
        details.update(reason_ar=event.reason.name_ar, reason_en=event.reason.name_en)
    if step.records_licence:
        details.update(licence_number=event.data["licence_number"], expiry_date=event.data["expires_on"])
    context = {**application_notification_context(application=application), **details}
    staff_context = {**application_notification_context(application=application, for_staff=True), **details}
    if event.message and step.role == Role.FAMILY:
        context["own_message"] = staff_context["family_message"] = event.message
    elif event.message:
        context["message"] = event.message

    if step.family_notice_after_fee:
        fee_assessment_request(application=application, actor=event.actor, notify_family=event.notify_family)
    elif step.family_notice and event.notify_family:
        notification_create(recipient=application.family.user, kind=step.family_notice, context=context)

    if step.staff_notice:
        for reviewer in staff_to_tell(application=application):
            notification_create(
                recipient=reviewer, kind=step.staff_notice, context=staff_context, channels=[Channel.EMAIL]
            )


def staff_to_tell(*, application: Application):
    """The assigned reviewer of a resubmitted application, otherwise every active reviewer."""
    if application.assigned_reviewer_id and application.assigned_reviewer.is_active:
        return [application.assigned_reviewer]
    return get_user_model().objects.filter(is_active=True, is_staff=True, groups__name=REVIEWERS).distinct()
