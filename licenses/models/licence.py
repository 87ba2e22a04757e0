import datetime
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from families.models import FamilyProfile
from packages_catalog.models import Activity, Package, in_current_language


def verification_token_new() -> str:
    """An unguessable token for the public verification link: 24 random bytes (192 bits), URL-safe."""
    return secrets.token_urlsafe(24)


class Licence(models.Model):
    """An Etimad licence DED issued, recorded by the centre. A renewal extends the same licence (same row)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")

    number = models.CharField(_("DED licence number"), max_length=30, unique=True)
    family = models.ForeignKey(
        FamilyProfile, on_delete=models.PROTECT, related_name="licences", verbose_name=_("family")
    )
    package = models.ForeignKey(Package, on_delete=models.PROTECT, related_name="+", verbose_name=_("package"))
    application = models.OneToOneField(
        "licenses.Application", on_delete=models.PROTECT, related_name="licence", verbose_name=_("application")
    )
    trade_name_ar = models.CharField(_("trade name (Arabic)"), max_length=100)
    trade_name_en = models.CharField(_("trade name (English)"), max_length=100)
    activities = models.ManyToManyField(Activity, blank=True, related_name="+", verbose_name=_("activities"))
    issued_on = models.DateField(_("first issued on"))
    renewed_on = models.DateField(_("last renewed on"), null=True, blank=True)
    expires_on = models.DateField(_("valid until"), help_text=_("The last day the licence is valid."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # What the certificate's QR code carries: not the number or the id, which can be guessed. Staff replace it
    # (services.licence_verification_link_renew), and the old link then finds nothing.
    verification_token = models.CharField(
        _("verification token"), max_length=64, unique=True, default=verification_token_new, editable=False
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Who changed the licence, when and why: recording, renewals and new verification links.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        indexes = [
            models.Index(fields=["status", "expires_on"], name="licence_status_expiry"),
            # The dashboard's showcase entries shown by package, read from indexes alone on PostgreSQL (with
            # `showcase_entry_shown`; docs/performance.md).
            models.Index(fields=["id"], include=["expires_on", "package"], name="licence_id_cover"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "package"],
                name="one_licence_per_family_and_package",
                violation_error_message=_("This family already holds a licence for this package."),
            )
        ]

    def __str__(self):
        return self.number

    @staticmethod
    def expiry_for(start: datetime.date) -> datetime.date:
        """A licence valid for one year from `start`: its last valid day is the day before the same date next year."""
        try:
            next_year = start.replace(year=start.year + 1)
        except ValueError:  # 29 February
            next_year = datetime.date(start.year + 1, 3, 1)
        return next_year - datetime.timedelta(days=1)

    def is_valid_on(self, day: datetime.date) -> bool:
        """Valid through its last valid day, whatever the nightly task has marked yet."""
        return day <= self.expires_on

    @property
    def trade_name(self) -> str:
        return in_current_language(self.trade_name_ar, self.trade_name_en)
