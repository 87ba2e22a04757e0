"""What a booth application and an enrolment share: a family asking for one of a limited number of places, and
the history of every step its request took."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intaj_portal.text import step_between


class PlaceRequest(models.Model):
    """A family's request for a place. `queued_at` is when it last asked (applied, enrolled, enrolled again): the
    waiting list is served in that order."""

    queued_at = models.DateTimeField(_("asked on"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class StepEvent(models.Model):
    """One step of a request: from which status to which, who took it (nobody: the portal, by the waiting list's
    order), when, and the reason written to the family."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason given to the family"), blank=True)
    notify_family = models.BooleanField(_("family notified"), default=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self):
        return step_between(self.get_from_status_display() or "—", self.get_to_status_display())
