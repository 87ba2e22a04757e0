from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from packages_catalog.models import BilingualName


class CalendarDay(BilingualName):
    """A day the government announced differently from the public-holiday calendar the portal computes (the
    `holidays` package's UAE calendar, whose Islamic holidays are estimates until the moon is sighted): a holiday
    announced late, or an estimated holiday that turned out to be a working day."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday: not a working day")
        WORKING_DAY = "working_day", _("Working day after all")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("the day is"), max_length=20, choices=Kind.choices, default=Kind.HOLIDAY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("announced day")
        verbose_name_plural = _("announced holidays and working days")

    def __str__(self):
        return f"{self.date.isoformat()} {self.name}"
