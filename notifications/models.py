"""The outbox: every message to a family or to staff is first a row, written in the transaction that causes it.

A Notification is what the portal shows under the bell; each of its Deliveries is one channel (e-mail, SMS) that
a Celery task sends. A delivery is claimed with a conditional update before it is sent, so two workers, a retry
and the relay can never send the same one twice.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intaj_portal.text import step_between
from notifications.kinds import message_kind_choices


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    # Declared by the app that sends it (`notifications.kinds`): notifications knows no licence or exhibition.
    kind = models.CharField(_("kind"), max_length=40, choices=message_kind_choices)
    language = models.CharField(_("language"), max_length=5)
    # What the message says, as plain JSON values (reference, package names in both languages, link path, fee…),
    # so it is rendered in the recipient's language whenever it is shown or sent.
    context = models.JSONField(_("details"), default=dict, blank=True)
    # Scheduled messages name themselves (e.g. "renewal:17:30"), so a schedule that runs twice writes one row.
    dedupe_key = models.CharField(_("de-duplication key"), max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self):
        return step_between(self.get_kind_display(), self.recipient)


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, no more attempts")


class Delivery(models.Model):
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("notification")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_one_per_channel"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx")]

    def __str__(self):
        return f"{self.get_channel_display()} · {self.get_status_display()}"
