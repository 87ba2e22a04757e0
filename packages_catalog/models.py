from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# DED's beneficiary discount is "up to 50%": no schedule may ever grant more.
MAX_DISCOUNT_PERCENT = Decimal("50")


def in_current_language(arabic: str, english: str) -> str:
    """The Arabic text in Arabic pages, the English one elsewhere (falling back to Arabic when empty)."""
    language = (get_language() or "ar").split("-")[0]
    if language == "ar":
        return arabic or english
    return english or arabic


class BilingualName(models.Model):
    name_ar = models.CharField(_("name (Arabic)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return in_current_language(self.name_ar, self.name_en)


class Package(BilingualName):
    """One of the centre's craft packages (Tayeb, Atayeb, Ibdaa, Anaqa, Mohra). Codes are stable identifiers."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    summary_ar = models.CharField(_("summary (Arabic)"), max_length=200)
    summary_en = models.CharField(_("summary (English)"), max_length=200)
    description_ar = models.TextField(_("description (Arabic)"))
    description_en = models.TextField(_("description (English)"))
    requires_public_health_fee = models.BooleanField(
        _("municipality public-health fee and inspection"),
        default=False,
        help_text=_("Food packages pay the municipality's public-health fee and are inspected on site."),
    )
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("open for applications"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["display_order", "code"]
        verbose_name = _("package")
        verbose_name_plural = _("packages")

    @property
    def summary(self) -> str:
        return in_current_language(self.summary_ar, self.summary_en)

    @property
    def description(self) -> str:
        return in_current_language(self.description_ar, self.description_en)


class Activity(BilingualName):
    package = models.ForeignKey(Package, on_delete=models.PROTECT, related_name="activities", verbose_name=_("package"))
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("offered"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["package", "display_order", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [models.UniqueConstraint(fields=["package", "name_en"], name="activity_unique_per_package")]


class DocumentType(BilingualName):
    """A document an application may need; `condition` and `packages` say when it is required."""

    class Condition(models.TextChoices):
        ALWAYS = "always", _("Always required")
        HOME_OWNED = "home_owned", _("Required when the family owns the home")
        HOME_RENTED = "home_rented", _("Required when the home is rented")
        UNDER_18 = "under_18", _("Required when the applicant is under 18")
        BENEFICIARY = "beneficiary", _("Required to claim the beneficiary discount")
        OPTIONAL = "optional", _("Optional")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    help_ar = models.CharField(_("help (Arabic)"), max_length=300, blank=True)
    help_en = models.CharField(_("help (English)"), max_length=300, blank=True)
    condition = models.CharField(_("when required"), max_length=20, choices=Condition.choices)
    packages = models.ManyToManyField(
        Package,
        blank=True,
        related_name="document_types",
        verbose_name=_("only for packages"),
        help_text=_("Leave empty when the document concerns every package."),
    )
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)
    history = HistoricalRecords(m2m_fields=[packages])

    class Meta:
        ordering = ["display_order", "code"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    @property
    def help_text(self) -> str:
        return in_current_language(self.help_ar, self.help_en)


def validate_discount_percent(value: Decimal) -> None:
    if value is not None and value > MAX_DISCOUNT_PERCENT:
        raise ValidationError(
            _("The beneficiary discount cannot exceed %(limit)s%%."),
            code="discount_above_cap",
            params={"limit": f"{MAX_DISCOUNT_PERCENT:f}"},
        )


class FeeSchedule(models.Model):
    """SEDD's published fees in AED, in force from `effective_from` until a later schedule replaces them.

    A new schedule is added rather than an old one edited, so every assessment can name the schedule it used.
    """

    effective_from = models.DateField(_("in force from"), unique=True)
    new_licence_fee = models.DecimalField(
        _("new licence fee (AED)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    renewal_fee = models.DecimalField(
        _("renewal fee (AED)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    late_renewal_fine = models.DecimalField(
        _("late-renewal fine (AED)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    public_health_fee = models.DecimalField(
        _("municipality public-health fee (AED)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Charged for packages that need the municipality's public-health approval (food)."),
    )
    beneficiary_discount_percent = models.DecimalField(
        _("beneficiary discount (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), validate_discount_percent],
        help_text=_("Applies to the licence and renewal fees of verified SSSD beneficiaries; at most 50%."),
    )
    late_renewal_grace_days = models.PositiveSmallIntegerField(
        _("days after expiry before the late fine"),
        default=30,
        help_text=_("A licence renewed more than this many days after it expired pays the late-renewal fine."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from"]
        get_latest_by = "effective_from"
        verbose_name = _("fee schedule")
        verbose_name_plural = _("fee schedules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(beneficiary_discount_percent__gte=0)
                & models.Q(beneficiary_discount_percent__lte=MAX_DISCOUNT_PERCENT),
                name="fee_schedule_discount_at_most_50_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(new_licence_fee__gte=0)
                & models.Q(renewal_fee__gte=0)
                & models.Q(late_renewal_fine__gte=0)
                & models.Q(public_health_fee__gte=0),
                name="fee_schedule_amounts_not_negative",
            ),
        ]

    def __str__(self):
        return str(_("Fees in force from %(date)s") % {"date": self.effective_from.isoformat()})
