"""An e-mail backend for tests of the order of things: the delivery's status at the moment the connection closes."""

from django.core.mail.backends.locmem import EmailBackend

from notifications.models import Delivery


class StatusAtCloseBackend(EmailBackend):
    statuses: list[list[str]] = []

    def close(self):
        StatusAtCloseBackend.statuses.append(list(Delivery.objects.values_list("status", flat=True)))
