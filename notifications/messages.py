"""What each kind of notification says, in the recipient's language.

The wording lives here once; the portal list, the e-mail (text and HTML) and the SMS all render from it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from notifications.models import Kind, Notification

SUBJECTS = {
    Kind.APPLICATION_RECEIVED: _("Application %(reference)s received"),
    Kind.INFO_REQUESTED: _("Action needed: information requested on %(reference)s"),
    Kind.APPROVED: _("Application %(reference)s approved"),
    Kind.ISSUED: _("Your Etimad licence %(licence_number)s is issued"),
    Kind.REJECTED: _("Application %(reference)s not approved"),
    Kind.WITHDRAWN: _("Application %(reference)s withdrawn"),
    Kind.RENEWAL_REMINDER: _("Your licence %(licence_number)s expires on %(expiry_date)s"),
    Kind.STAFF_APPLICATION_SUBMITTED: _("New application to review: %(reference)s"),
    Kind.STAFF_OVERDUE_DIGEST: _("%(count)s applications are past the service level"),
}

BODIES = {
    Kind.APPLICATION_RECEIVED: _(
        "We have received your application %(reference)s for the %(package)s package. The centre will review it "
        "and tell you of every step."
    ),
    Kind.INFO_REQUESTED: _(
        "The centre needs more information on your application %(reference)s. Reason: %(reason)s. "
        "Please answer on the portal and send the application again."
    ),
    Kind.APPROVED: _(
        "The centre has approved your application %(reference)s and sent it to the Economic Development "
        "Department. The fee to pay is AED %(fee_total)s."
    ),
    Kind.ISSUED: _(
        "The Economic Development Department has issued your Etimad licence %(licence_number)s for the "
        "%(package)s package, valid until %(expiry_date)s."
    ),
    Kind.REJECTED: _("The centre could not approve your application %(reference)s. Reason: %(reason)s."),
    Kind.WITHDRAWN: _("Your application %(reference)s has been withdrawn."),
    Kind.RENEWAL_REMINDER: _(
        "Your Etimad licence %(licence_number)s for the %(package)s package expires on %(expiry_date)s. "
        "Renew it on the portal to keep trading."
    ),
    Kind.STAFF_APPLICATION_SUBMITTED: _(
        "%(family_name)s has submitted application %(reference)s for the %(package)s package."
    ),
    Kind.STAFF_OVERDUE_DIGEST: _("These applications have waited longer than the service level: %(references)s."),
}


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str
    staff_message: str
    path: str  # inside the portal, without the language prefix
    link: str  # absolute, in the recipient's language: for e-mail and SMS

    @property
    def sms(self) -> str:
        return f"{self.subject}. {self.link}" if self.link else self.subject


def _localised_params(context: dict, language: str) -> dict:
    """Values that exist in both languages are chosen here; dates and amounts are formatted for the language."""
    params = dict(context)
    for key in ("package", "reason", "family_name"):
        if f"{key}_ar" in context or f"{key}_en" in context:
            params[key] = context.get(f"{key}_{language}") or context.get(f"{key}_ar") or context.get(f"{key}_en", "")
    if "expiry_date" in context:
        params["expiry_date"] = formats.date_format(parse_date(context["expiry_date"]), "DATE_FORMAT")
    if "fee_total" in context:
        params["fee_total"] = formats.number_format(context["fee_total"], 2, force_grouping=True)
    if "references" in context:
        params["references"] = ", ".join(context["references"])
    return params


def notification_render(notification: Notification) -> RenderedMessage:
    language = notification.language
    with translation.override(language):
        params = _localised_params(notification.context, language)
        path = notification.context.get("path", "")
        return RenderedMessage(
            subject=str(SUBJECTS[notification.kind]) % params,
            body=str(BODIES[notification.kind]) % params,
            staff_message=notification.context.get("message", ""),
            path=path,
            link=f"{settings.SITE_URL}/{language}{path}" if path else "",
        )


def email_render(notification: Notification) -> tuple[str, str, str]:
    """Subject, plain text and HTML of the e-mail."""
    message = notification_render(notification)
    with translation.override(notification.language):
        context = {"message": message, "language": notification.language}
        text = render_to_string("notifications/email.txt", context)
        html = render_to_string("notifications/email.html", context)
    return message.subject, text, html
