from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intaj_portal.text import step_between
from licenses.models.workflow import FAMILY_LABELS, ReasonKind, Status
from packages_catalog.models import BilingualName


class Reason(BilingualName):
    """A reason staff give when they ask for information or reject: a list staff edit in the admin."""

    Kind = ReasonKind

    kind = models.CharField(_("used for"), max_length=20, choices=Kind.choices)
    code = models.SlugField(_("code"), max_length=40)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("offered"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "display_order", "id"]
        verbose_name = _("reason")
        verbose_name_plural = _("reasons")
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="reason_code_unique_per_kind")]


class ApplicationEvent(models.Model):
    """One step in an application's life: the audit of every status change, and the family's timeline.

    `message` is the public text that goes with the step (the centre's message to the family, or the family's
    reply when it resubmits); `internal_note` is for staff only. `data` keeps what the step recorded: the answers
    and the family profile as submitted, or the licence as issued.
    """

    application = models.ForeignKey(
        "licenses.Application", on_delete=models.CASCADE, related_name="events", verbose_name=_("application")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.ForeignKey(
        Reason, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("reason")
    )
    message = models.TextField(_("message"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    is_public = models.BooleanField(_("shown to the family"), default=True)
    notify_family = models.BooleanField(_("family notified"), default=True)
    data = models.JSONField(_("recorded data"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        indexes = [models.Index(fields=["application", "at"], name="event_application_at")]

    def __str__(self):
        return step_between(self.get_from_status_display() or "—", self.get_to_status_display())

    @property
    def family_label(self) -> str:
        return FAMILY_LABELS[Status(self.to_status)]
