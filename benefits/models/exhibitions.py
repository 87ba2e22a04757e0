import datetime
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from benefits.models.base import PlaceRequest, StepEvent
from benefits.models.workflow import BOOTH_FAMILY_LABELS, BoothStatus, Until
from families.models import FamilyProfile
from intaj_portal.periods import day_start
from licenses.models import Licence
from packages_catalog.models import BilingualName, Package, in_current_language

COVER_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg"}


def cover_upload_to(instance: "Exhibition", filename: str) -> str:
    """A random name under covers/: nothing typed by the uploader reaches the storage."""
    name = uuid.uuid4().hex
    return str(PurePosixPath("covers") / name[:2] / f"{name}{COVER_EXTENSIONS.get(instance.cover_content_type, '')}")


class Exhibition(BilingualName):
    """An exhibition the centre runs, with booths for licence holders of the packages it admits."""

    description_ar = models.TextField(_("description (Arabic)"))
    description_en = models.TextField(_("description (English)"))
    venue_ar = models.CharField(_("venue (Arabic)"), max_length=200)
    venue_en = models.CharField(_("venue (English)"), max_length=200)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    application_deadline = models.DateField(
        _("last day to apply"),
        help_text=_("Families apply until the end of this day; it must be before the first day."),
    )
    booths = models.PositiveSmallIntegerField(_("booths for families"), validators=[MinValueValidator(1)])
    packages = models.ManyToManyField(
        Package,
        blank=True,
        related_name="+",
        verbose_name=_("packages admitted"),
        help_text=_("Leave empty to admit licence holders of every package."),
    )
    # Private, like the documents: served by `benefits.views.exhibition_cover`, only once the exhibition is published.
    cover = models.FileField(_("cover image"), upload_to=cover_upload_to, max_length=200, blank=True)
    cover_content_type = models.CharField(_("cover image type"), max_length=20, blank=True, editable=False)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the portal and open for applications.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")
        permissions = [("record_booth_attendance", _("Can record who came to an exhibition and their sales"))]
        indexes = [models.Index(fields=["is_published", "starts_on"], name="exhibition_published_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="exhibition_ends_after_start"),
            models.CheckConstraint(
                condition=Q(application_deadline__lt=F("starts_on")), name="exhibition_deadline_before_start"
            ),
            models.CheckConstraint(condition=Q(booths__gte=1), name="exhibition_has_booths"),
        ]

    @property
    def description(self) -> str:
        return in_current_language(self.description_ar, self.description_en)

    @property
    def venue(self) -> str:
        return in_current_language(self.venue_ar, self.venue_en)

    def closes_at(self, until: Until) -> datetime.datetime:
        """Applications close when the last day to apply ends; withdrawals when the exhibition opens (local time)."""
        if until == Until.DEADLINE:
            return day_start(self.application_deadline + datetime.timedelta(days=1))
        return day_start(self.starts_on)


class BoothApplication(PlaceRequest):
    """A licence holder's application for a booth at an exhibition: one per family and exhibition."""

    Status = BoothStatus

    exhibition = models.ForeignKey(
        Exhibition, on_delete=models.PROTECT, related_name="booth_applications", verbose_name=_("exhibition")
    )
    family = models.ForeignKey(
        FamilyProfile, on_delete=models.PROTECT, related_name="booth_applications", verbose_name=_("family")
    )
    # The licence that made the family eligible: its package is the one the family exhibits under.
    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="+", verbose_name=_("licence"))
    products = models.TextField(_("products to show"), max_length=1000)
    status = models.CharField(_("status"), max_length=20, choices=BoothStatus.choices, default=BoothStatus.APPLIED)
    # After the exhibition: whether the family came, and what it says it sold (AED), as staff record them.
    attended = models.BooleanField(_("came to the exhibition"), null=True, blank=True)
    sales_reported = models.DecimalField(
        _("sales reported (AED)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    attendance_recorded_at = models.DateTimeField(_("attendance recorded"), null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attendance recorded by"),
    )

    class Meta:
        ordering = ["queued_at", "id"]
        verbose_name = _("booth application")
        verbose_name_plural = _("booth applications")
        permissions = [("decide_boothapplication", _("Can accept, waitlist or decline booth applications"))]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "family"],
                name="one_booth_application_per_family",
                violation_error_message=_("This family has already applied for a booth at this exhibition."),
            ),
            models.CheckConstraint(
                condition=Q(sales_reported__isnull=True) | Q(sales_reported__gte=0), name="booth_sales_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["exhibition", "status", "queued_at"], name="booth_queue")]

    def __str__(self):
        return f"{self.exhibition} · {self.family}"

    @property
    def parent(self) -> Exhibition:
        return self.exhibition

    @property
    def family_status_label(self) -> str:
        return BOOTH_FAMILY_LABELS[BoothStatus(self.status)]


class BoothApplicationEvent(StepEvent):
    booth_application = models.ForeignKey(
        BoothApplication, on_delete=models.CASCADE, related_name="events", verbose_name=_("booth application")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=BoothStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=BoothStatus.choices)

    class Meta(StepEvent.Meta):
        verbose_name = _("booth application step")
        verbose_name_plural = _("booth application steps")
