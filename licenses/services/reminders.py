"""Scheduled messages: renewal reminders to licence holders and the overdue digest to staff.

The digest lists the applications past the service level, and what the apps above add to it
(`staff_digest_section_add`: the benefits' overdue follow-up steps), without licensing knowing them.

Each names itself with a de-duplication key (the licence and the day count, or the date), so a schedule that runs
twice on the same day sends nothing twice.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from families.roles import MANAGERS, REVIEWERS
from licenses.models import Application, Licence, Notice
from licenses.selectors import application_list_overdue, application_overdue_cutoff
from notifications.models import Channel
from notifications.services import notification_create


@dataclass(frozen=True)
class DigestSection:
    """A list another app adds to the staff digest: `items(today)` gives its lines (plain text, the same in both
    languages), kept in the digest's context under `key`; the app also adds the sentence that shows them
    (`notifications.kinds.message_kind_paragraph_add` on `Notice.STAFF_OVERDUE_DIGEST`)."""

    key: str
    items: Callable[[datetime.date], list[str]]
    # Where the digest links when this section is the first with items (no application is overdue).
    path: str


_DIGEST_SECTIONS: dict[str, DigestSection] = {}
APPLICATIONS_PATH = "/admin/licenses/application/"


def staff_digest_section_add(section: DigestSection) -> None:
    """Add `section` to every staff digest from now on (an app's `ready`); adding the same key again replaces it."""
    _DIGEST_SECTIONS[section.key] = section


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
    """E-mail every reviewer and manager the list of applications past the service level, and the other apps'
    sections (`staff_digest_section_add`), once a day, when any of them has an item; returns how many digests were
    written."""
    today = today or timezone.localdate()
    overdue = list(
        application_list_overdue(applications=Application.objects.all(), cutoff=application_overdue_cutoff(today=today))
        .order_by("last_submitted_at")
        .values_list("reference", flat=True)
    )
    lists = {"references": overdue}
    lists.update({key: section.items(today) for key, section in _DIGEST_SECTIONS.items()})
    count = sum(len(items) for items in lists.values())
    if not count:
        return 0
    paths = [APPLICATIONS_PATH] if overdue else []
    paths += [section.path for key, section in _DIGEST_SECTIONS.items() if lists[key]]
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
            context={"count": count, **lists, "path": paths[0]},
            channels=[Channel.EMAIL],
            dedupe_key=f"overdue:{member.pk}:{today.isoformat()}",
        )
        written += notification is not None
    return written
