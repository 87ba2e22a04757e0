"""Writes of the licences DED issues: recorded when a reviewer records the issue, extended by a renewal, expired
by the nightly task."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from licenses.exceptions import ApplicationError
from licenses.models import Application, Licence


def _number_taken(number: str) -> ApplicationError:
    return ApplicationError(
        _("Licence number %(number)s is already recorded for another licence.") % {"number": number}
    )


@transaction.atomic
def licence_record(*, application: Application, number: str, issued_on: datetime.date) -> Licence:
    """Record what DED issued. A new licence is valid one year from its issue date. A renewal extends the same
    licence by one year, from the day after it expired, or from the renewal date when it was renewed late."""
    licence = application.renews if application.is_renewal else None
    taken = Licence.objects.filter(number=number)
    if licence is not None:
        taken = taken.exclude(pk=licence.pk)
    if taken.exists():
        raise _number_taken(number)
    activities = list(application.activities.all())
    if licence is None:
        try:
            with transaction.atomic():
                licence = Licence.objects.create(
                    number=number,
                    family=application.family,
                    package=application.package,
                    application=application,
                    trade_name_ar=application.trade_name_ar,
                    trade_name_en=application.trade_name_en,
                    issued_on=issued_on,
                    expires_on=Licence.expiry_for(issued_on),
                )
        except IntegrityError:
            raise _number_taken(number) from None
    else:
        licence = Licence.objects.select_for_update().get(pk=licence.pk)
        start = max(licence.expires_on + datetime.timedelta(days=1), issued_on)
        licence.number = number
        licence.trade_name_ar = application.trade_name_ar
        licence.trade_name_en = application.trade_name_en
        licence.renewed_on = issued_on
        licence.expires_on = Licence.expiry_for(start)
        licence.status = Licence.Status.ACTIVE
        licence.save(
            update_fields=[
                "number",
                "trade_name_ar",
                "trade_name_en",
                "renewed_on",
                "expires_on",
                "status",
                "updated_at",
            ]
        )
    licence.activities.set(activities)
    return licence


@transaction.atomic
def licence_expire_due(*, today: datetime.date) -> int:
    """Active licences whose last valid day is before `today` become expired. Safe to run any number of times;
    returns how many it marked. Celery beat runs it every morning (licenses.tasks.licences_expire)."""
    return Licence.objects.filter(status=Licence.Status.ACTIVE, expires_on__lt=today).update(
        status=Licence.Status.EXPIRED, updated_at=timezone.now()
    )
