"""Scheduled messages: renewal reminders to licence holders and the overdue digest to staff.

Each names itself with a de-duplication key (the licence and the day count, or the date), so a schedule that runs
twice on the same day sends nothing twice.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from families.roles import MANAGERS, REVIEWERS
from licenses.models import Application, Licence, Notice
from licenses.selectors import application_list_overdue, application_overdue_cutoff
from notifications.models import Channel
from notifications.services import notification_create

# DOMAIN.md: reminders 30 days and 7 days before expiry, and on the day.
REMINDER_DAYS = (30, 7, 0)


@transaction.atomic
def licence_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind each active licence holder whose licence expires in exactly 30 or 7 days, or today; returns how
    many reminders were written (0 on a second run the same day)."""
    today = today or timezone.localdate()
    due_dates = {today + datetime.timedelta(days=days): days for days in REMINDER_DAYS}
    licences = Licence.objects.filter(status=Licence.Status.ACTIVE, expires_on__in=due_dates).select_related(
        "family__user", "package"
    )
    written = 0
    for licence in licences:
        days = due_dates[licence.expires_on]
        with transaction.atomic():
            notification = notification_create(
                recipient=licence.family.user,
                kind=Notice.RENEWAL_REMINDER,
                context={
                    "licence_number": licence.number,
                    "expiry_date": licence.expires_on.isoformat(),
                    "days": days,
                    "package_ar": licence.package.name_ar,
                    "package_en": licence.package.name_en,
                    "path": "/applications/",
                },
                dedupe_key=f"renewal:{licence.pk}:{licence.expires_on.isoformat()}:{days}",
            )
        written += notification is not None
    return written


@transaction.atomic
def overdue_digest_send(*, today: datetime.date | None = None) -> int:
    """E-mail every reviewer and manager the list of applications past the service level, once a day, when there
    are any; returns how many digests were written."""
    today = today or timezone.localdate()
    overdue = list(
        application_list_overdue(applications=Application.objects.all(), cutoff=application_overdue_cutoff(today=today))
        .order_by("last_submitted_at")
        .values_list("reference", flat=True)
    )
    if not overdue:
        return 0
    staff = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name__in=[REVIEWERS, MANAGERS])
        .distinct()
    )
    written = 0
    for member in staff:
        notification = notification_create(
            recipient=member,
            kind=Notice.STAFF_OVERDUE_DIGEST,
            context={"count": len(overdue), "references": overdue, "path": "/admin/licenses/application/"},
            channels=[Channel.EMAIL],
            dedupe_key=f"overdue:{member.pk}:{today.isoformat()}",
        )
        written += notification is not None
    return written
