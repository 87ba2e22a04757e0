"""The embedded default prints each e-mail readably on the console (`make run`): subjects and bodies decoded, so a
newcomer can read an Arabic message and follow its link."""

import os
from io import StringIO

from django.core.mail import EmailMultiAlternatives

from intaj_portal.console_mail import EmailBackend, readable_header
from tests.test_production import manage

SUBJECT = "تم استلام الطلب ETM-2026-000012"
BODY = "استلمنا طلبكم.\nhttp://127.0.0.1:8000/ar/applications/12/"


def printed(message) -> str:
    stream = StringIO()
    EmailBackend(stream=stream).send_messages([message])
    return stream.getvalue()


def test_an_arabic_e_mail_is_printed_as_it_reads():
    message = EmailMultiAlternatives(SUBJECT, BODY, "بوابة إنتاج <no-reply@intaj.example.ae>", ["فاطمة <f@example.ae>"])
    message.attach_alternative("<p>استلمنا طلبكم.</p>", "text/html")
    message.attach("خطاب.pdf", b"%PDF-1.4", "application/pdf")
    output = printed(message)
    assert f"Subject: {SUBJECT}\n" in output
    assert "From: بوابة إنتاج <no-reply@intaj.example.ae>\n" in output
    assert "To: فاطمة <f@example.ae>\n" in output
    assert f"\n{BODY}\n" in output
    assert "=?utf-8?" not in output and "Content-Transfer-Encoding" not in output
    assert "[text/html, not shown]" in output and "<p>" not in output
    assert "[application/pdf: خطاب.pdf, not shown]" in output
    assert output.endswith("-" * 79 + "\n")


def test_a_header_already_plain_is_left_as_it_is():
    assert readable_header("Application received") == "Application received"
    assert readable_header("=?utf-8?b?2LfZhNio?=") == "طلب"


def test_the_embedded_default_prints_e_mail_decoded_on_the_console(tmp_path):
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "intaj_portal.settings"}
    command = f"from django.core.mail import send_mail; send_mail({SUBJECT!r}, {BODY!r}, None, ['f@example.ae'])"
    result = manage("shell", "-c", command, env=env)
    assert result.returncode == 0, result.stderr
    assert f"Subject: {SUBJECT}" in result.stdout
    assert BODY in result.stdout
