"""The embedded default's e-mail backend: each e-mail printed to the console as a person reads it.

Django's console backend prints the message as it goes on the wire, so an Arabic subject reads
`=?utf-8?b?2LfZhNio…?=` and an Arabic body is base64: a newcomer running `make run` cannot follow the link in a
confirmation e-mail. This one decodes the headers and prints each text part as UTF-8. Nothing else uses it: a real
deployment sets DJANGO_EMAIL_BACKEND to SMTP.
"""

from email.header import decode_header, make_header

from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend

SHOWN_HEADERS = ("Subject", "From", "To", "Cc", "Reply-To", "Date")


def readable_header(value: str) -> str:
    """A header as a person reads it: its MIME encoded words (`=?utf-8?b?…?=`) decoded."""
    return str(make_header(decode_header(value)))


def readable_message(message) -> str:
    """The headers a person reads, then the plain text of `message` (an `EmailMessage`) decoded; the HTML
    alternative and attachments are only named."""
    mime = message.message()
    lines = [f"{name}: {readable_header(mime[name])}" for name in SHOWN_HEADERS if mime[name]]
    for part in mime.walk():
        if part.is_multipart():
            continue
        if part.get_content_type() == "text/plain" and not part.get_filename():
            charset = part.get_content_charset() or "utf-8"
            lines += ["", part.get_payload(decode=True).decode(charset, "replace")]
        else:
            name = readable_header(part.get_filename()) if part.get_filename() else ""
            lines += ["", f"[{part.get_content_type()}{': ' + name if name else ''}, not shown]"]
    return "\n".join(lines)


class EmailBackend(ConsoleEmailBackend):
    def write_message(self, message):
        self.stream.write(readable_message(message).rstrip("\n") + "\n")
        self.stream.write("-" * 79)
        self.stream.write("\n")
