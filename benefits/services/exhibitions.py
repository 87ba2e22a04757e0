"""Writes of exhibitions and booths: managers publish exhibitions, families apply and withdraw, reviewers decide and
record who came."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from benefits.exceptions import BenefitError
from benefits.files import cover_file_check
from benefits.models import BoothApplication, BoothStatus, Exhibition
from benefits.services.steps import BOOTHS, capacity_check, places_offer, require_manager, require_reviewer, transition
from families.models import FamilyProfile
from intaj_portal.errors import validation_refused


@transaction.atomic
def booth_application_transition(
    *,
    booth_application: BoothApplication,
    to_status: str,
    actor,
    reason: str = "",
    notify_family: bool = True,
    now: datetime.datetime | None = None,
) -> BoothApplication:
    """Move a booth application to `to_status`: the one way any booth application changes status.

    The rule (`workflow.BOOTH_FLOW`): the family applies until the last day to apply, with a licence of an admitted
    package valid on every day of the exhibition, once per exhibition; a reviewer accepts (only while a booth is
    free: the exhibition is locked and its accepted families counted, so two reviewers never accept more families
    than there are booths), puts on the waiting list, or declines with a reason; the family withdraws until the
    exhibition opens, and a booth it gives back goes to the first on the waiting list, who is told.
    """
    return transition(
        BOOTHS,
        row=booth_application,
        to_status=to_status,
        actor=actor,
        reason=reason,
        notify_family=notify_family,
        now=now,
    )


@transaction.atomic
def exhibition_apply(
    *,
    exhibition: Exhibition,
    family: FamilyProfile,
    products: str,
    actor,
    notify_family: bool = True,
    now: datetime.datetime | None = None,
) -> BoothApplication:
    """A licence holder applies for a booth, saying which products it will show (`booth_application_transition`
    checks that it may)."""
    if not products.strip():
        raise BenefitError(_("Say which products your family will show."), code="products_missing", field="products")
    return booth_application_transition(
        booth_application=BoothApplication(exhibition=exhibition, family=family, products=products.strip(), status=""),
        to_status=BoothStatus.APPLIED,
        actor=actor,
        notify_family=notify_family,
        now=now,
    )


@transaction.atomic
def exhibition_save(*, exhibition: Exhibition, actor) -> Exhibition:
    """A manager publishes or changes an exhibition. Never fewer booths than families accepted (the row is locked
    while they are counted); more booths go to the waiting list in order. A new cover image must be a PNG or JPEG
    image by its content, within the documents' size limit."""
    require_manager(actor)
    if exhibition.pk:
        Exhibition.objects.select_for_update().filter(pk=exhibition.pk).first()
        capacity_check(BOOTHS, exhibition)
    cover = exhibition.cover
    if cover and not cover._committed:
        with validation_refused(field="cover"):
            exhibition.cover_content_type = cover_file_check(cover.file)
    elif not cover:
        exhibition.cover_content_type = ""
    exhibition.save()
    places_offer(BOOTHS, parent=exhibition, now=timezone.now())
    return exhibition


@transaction.atomic
def booth_attendance_record(
    *,
    booth_application: BoothApplication,
    attended: bool,
    sales: Decimal | None,
    actor,
    now: datetime.datetime | None = None,
) -> BoothApplication:
    """Once the exhibition has opened, a reviewer records whether an accepted family came and, if it reported them,
    its sales in AED (none for a family that did not come)."""
    require_reviewer(actor)
    now = now or timezone.now()
    locked = BoothApplication.objects.select_for_update().select_related("exhibition").get(pk=booth_application.pk)
    if locked.status != BoothStatus.ACCEPTED:
        raise BenefitError(_("Attendance is recorded only for accepted families."), code="not_accepted")
    if timezone.localdate(now) < locked.exhibition.starts_on:
        raise BenefitError(
            _("Attendance can be recorded from %(date)s, when the exhibition opens.")
            % {"date": date_format(locked.exhibition.starts_on)},
            code="not_started",
        )
    if sales is not None and (sales < 0 or not attended):
        raise BenefitError(
            _("Sales are recorded only for a family that came, and cannot be negative."),
            code="sales_refused",
            field="sales",
        )
    locked.attended, locked.sales_reported = attended, sales
    locked.attendance_recorded_at, locked.attendance_recorded_by = now, actor
    locked.save(
        update_fields=["attended", "sales_reported", "attendance_recorded_at", "attendance_recorded_by", "updated_at"]
    )
    return locked
