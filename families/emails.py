"""E-mail to an account holder: rendered in the account's preferred language, with plain-text and HTML parts."""

import logging
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# What the page says when an account e-mail could not be sent: the mail server is down, refuses, or hangs.
EMAIL_NOT_SENT = _("We could not send the e-mail just now. Please try again in a few minutes.")


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def email_to_user_send(*, user, template: str, context: dict) -> bool:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html` in the user's language and send them.

    `context` may be a callable taking no argument, so that links are reversed inside the user's language.
    Returns False when the mail server refused the message or did not answer within ACCOUNT_EMAIL_TIMEOUT (the
    person is waiting for the page); the account holder can ask for it again.
    """
    with translation.override(user.preferred_language):
        values = {"user": user, "site_url": settings.SITE_URL, **(context() if callable(context) else context)}
        subject = " ".join(render_to_string(f"{template}_subject.txt", values).split())
        message = EmailMultiAlternatives(
            subject,
            render_to_string(f"{template}.txt", values),
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
            connection=get_connection(timeout=settings.ACCOUNT_EMAIL_TIMEOUT),
        )
        message.attach_alternative(render_to_string(f"{template}.html", values), "text/html")
    try:
        message.send()
    except (SMTPException, OSError) as error:
        # The account id and the kind of failure only: an SMTP error's text can name the address.
        logger.error("could not send %s to account %s: %s", template, user.pk, type(error).__name__)
        return False
    return True
