from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import TruncDate, TruncMonth
from django.utils.translation import gettext_lazy as _

from families.models import FamilyProfile
from licenses.models.workflow import EDITABLE_STATUSES, FAMILY_LABELS, OPEN_STATUSES, Status
from packages_catalog.fees import FeeKind
from packages_catalog.models import Activity, Package, in_current_language

# An application is for a new licence or a renewal: the same two kinds the fee rules know.
Kind = FeeKind


class ProductionPlace(models.TextChoices):
    KITCHEN = "kitchen", _("The home's kitchen")
    ROOM = "room", _("A room set aside in the home")
    ANNEX = "annex", _("An annex or outbuilding of the home")


# The answers a family gives in the form steps; everything else on an application is the workflow's.
ANSWER_FIELDS = ["trade_name_ar", "trade_name_en", "products_description", "production_place", "production_address"]


class Application(models.Model):
    """A family's application for an Etimad licence (or its renewal) under one package.

    Its status moves only through `licenses.services.application_transition`, along `workflow.TRANSITIONS`.
    """

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, null=True, blank=True, help_text=_("Given at first submission.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NEW)
    family = models.ForeignKey(
        FamilyProfile, on_delete=models.PROTECT, related_name="applications", verbose_name=_("family")
    )
    package = models.ForeignKey(Package, on_delete=models.PROTECT, related_name="+", verbose_name=_("package"))
    renews = models.ForeignKey(
        "licenses.Licence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("licence renewed"),
    )
    activities = models.ManyToManyField(Activity, blank=True, related_name="+", verbose_name=_("activities"))
    trade_name_ar = models.CharField(_("trade name (Arabic)"), max_length=100, blank=True)
    trade_name_en = models.CharField(_("trade name (English)"), max_length=100, blank=True)
    products_description = models.TextField(_("the products"), max_length=1000, blank=True)
    production_place = models.CharField(
        _("place of production"), max_length=10, choices=ProductionPlace.choices, blank=True
    )
    production_address = models.CharField(_("address of the place of production"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    assigned_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned reviewer"),
    )
    family_snapshot = models.JSONField(
        _("family profile when submitted"), default=dict, blank=True, help_text=_("Taken at each submission.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    last_submitted_at = models.DateTimeField(_("last submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    issued_on = models.DateField(_("licence issued or renewed on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [("review_application", _("Can review applications and move them on"))]
        indexes = [
            models.Index(fields=["status", "last_submitted_at"], name="application_status_waiting"),
            # The dashboard's figures read only these indexes (index-only scans), never the wide rows: the period's
            # applications by status and the monthly chart, the decisions and the licences issued in the period.
            # The local month and day of first submission are kept in them as the figures compute them (in the
            # centre's time zone), so PostgreSQL reads them instead of converting each row's `submitted_at`.
            models.Index(
                F("submitted_at"),
                TruncMonth("submitted_at"),
                include=["status", "package", "id"],
                name="application_submitted_cover",
            ),
            models.Index(
                fields=["decided_at"],
                include=["submitted_at", "status", "package", "id"],
                condition=models.Q(decided_at__isnull=False),
                name="application_decided_cover",
            ),
            models.Index(
                F("issued_on"),
                TruncDate("submitted_at"),
                include=["submitted_at", "status", "package", "id"],
                condition=models.Q(status=Status.ISSUED),
                name="application_issued_cover",
            ),
            models.Index(fields=["package", "status"], name="application_package_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "package"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="one_open_application_per_family_and_package",
                violation_error_message=_("This family already has an open application for this package."),
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="new") & models.Q(renews__isnull=True))
                | (models.Q(kind="renewal") & models.Q(renews__isnull=False)),
                name="application_renewal_names_its_licence",
            ),
        ]

    def __str__(self):
        return self.reference or str(_("Draft %(number)s") % {"number": self.pk})

    @property
    def family_status_label(self) -> str:
        return FAMILY_LABELS[Status(self.status)]

    @property
    def trade_name(self) -> str:
        return in_current_language(self.trade_name_ar, self.trade_name_en)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_renewal(self) -> bool:
        return self.kind == Kind.RENEWAL

    @property
    def licence_issued(self):
        """The licence this application issued or renewed, once it is issued."""
        if self.status != Status.ISSUED:
            return None
        return self.renews if self.is_renewal else getattr(self, "licence", None)


class ReferenceCounter(models.Model):
    """The last reference number given in a year; its row is locked while the next number is taken."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"
