from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from packages_catalog.fees import FeeLineCode
from packages_catalog.models import FeeSchedule


class FeeAssessment(models.Model):
    """The fee an approved application pays, computed once by a Celery task from the schedule then in force.

    It is written as a pending row in the approval's own transaction, so a broker that is down delays it but never
    loses it. A later change to the schedule never alters it: only an explicit re-assessment by staff, recorded
    in the application's history, replaces it (the old row is kept, superseded).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Being computed")
        COMPUTED = "computed", _("Computed")

    application = models.ForeignKey(
        "licenses.Application", on_delete=models.CASCADE, related_name="fee_assessments", verbose_name=_("application")
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    schedule = models.ForeignKey(
        FeeSchedule, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("fee schedule")
    )
    breakdown = models.JSONField(_("breakdown"), default=dict, blank=True)
    subtotal = models.DecimalField(_("subtotal (AED)"), max_digits=10, decimal_places=2, null=True, blank=True)
    discount_total = models.DecimalField(_("discount (AED)"), max_digits=10, decimal_places=2, null=True, blank=True)
    total = models.DecimalField(_("total (AED)"), max_digits=10, decimal_places=2, null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    reason = models.CharField(_("reason for re-assessment"), max_length=300, blank=True)
    notify_family = models.BooleanField(_("tell the family when computed"), default=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("replaced"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("fee assessment")
        verbose_name_plural = _("fee assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_fee_assessment_per_application",
            )
        ]
        indexes = [
            models.Index(fields=["state", "created_at"], name="fee_assessment_state"),
            # The dashboard's fees: the current computed assessments of a period, read from the index alone.
            models.Index(
                fields=["computed_at"],
                include=["total", "discount_total", "application", "id"],
                condition=models.Q(superseded_at__isnull=True, state="computed"),
                name="fee_assessment_computed_cover",
            ),
        ]

    def __str__(self):
        return f"{self.application} · {self.total if self.total is not None else '…'}"

    @property
    def lines(self) -> list[dict]:
        """The stored lines with their labels, for templates."""
        return [{**line, "label": FeeLineCode(line["code"]).label} for line in self.breakdown.get("lines", [])]
