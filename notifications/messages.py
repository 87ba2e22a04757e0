"""A notification rendered in the recipient's language, from what its kind says (`notifications.kinds`).

The portal list, the e-mail (text and HTML) and the SMS all render from it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from intaj_portal.text import list_join
from notifications.kinds import MessageKind, message_kind_get, message_kind_paragraphs
from notifications.models import Notification


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str
    staff_message: str  # the centre's message to the family
    family_message: str  # the family's message, told to staff
    own_message: str  # the recipient family's own message, in its acknowledgement
    path: str  # inside the portal, without the language prefix
    link: str  # absolute, in the recipient's language: for e-mail and SMS

    @property
    def quotes(self) -> list[tuple[str, str]]:
        """The messages a person wrote that go with the notification, each with who wrote it (its label)."""
        labelled = [
            (_("Message from the centre:"), self.staff_message),
            (_("Message from the family:"), self.family_message),
            (_("Your message to the centre:"), self.own_message),
        ]
        return [(str(label), text) for label, text in labelled if text]

    @property
    def sms(self) -> str:
        return f"{self.subject}. {self.link}" if self.link else self.subject


def _localised_params(kind: MessageKind, context: dict, language: str) -> dict:
    """Values that exist in both languages are chosen here; dates and amounts are formatted for the language."""
    params = dict(context)
    for key in {name[:-3] for name in context if name.endswith(("_ar", "_en"))}:
        params[key] = context.get(f"{key}_{language}") or context.get(f"{key}_ar") or context.get(f"{key}_en", "")
    for key in kind.dates:
        if key in context:
            params[key] = formats.date_format(parse_date(context[key]), "DATE_FORMAT")
    for key in kind.amounts:
        if key in context:
            params[key] = formats.number_format(context[key], 2, force_grouping=True)
    for key in [*kind.lists, *(paragraph.key for paragraph in message_kind_paragraphs(kind=kind))]:
        if key in context:
            params[key] = list_join(context[key])
    return params


def _body(kind: MessageKind, context: dict, params: dict) -> str:
    """The kind's body, then each of its paragraphs whose list is in the context and not empty."""
    sentences = [kind.body % params]
    sentences += [
        paragraph.text % params for paragraph in message_kind_paragraphs(kind=kind) if context.get(paragraph.key)
    ]
    return " ".join(sentences)


def notification_render(notification: Notification) -> RenderedMessage:
    language = notification.language
    kind = message_kind_get(code=notification.kind)
    with translation.override(language):
        params = _localised_params(kind, notification.context, language)
        path = notification.context.get("path", "")
        return RenderedMessage(
            subject=kind.subject % params,
            body=_body(kind, notification.context, params),
            staff_message=notification.context.get("message", ""),
            family_message=notification.context.get("family_message", ""),
            own_message=notification.context.get("own_message", ""),
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
