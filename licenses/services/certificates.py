"""The licence certificate and its verification link.

The certificate is an A4 PDF, Arabic and English side by side, made on demand from the licence as it is now (so an
expired or renewed licence's certificate says so), with a QR code that opens the public verification page. The
link carries the licence's `verification_token`; staff replace the token when a certificate must stop verifying.

WeasyPrint needs Pango from the system. Without it the portal still runs: making a certificate raises
`CertificateUnavailable`, which the download pages show as a page that explains what is missing.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

import segno
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from families.roles import user_can_review
from intaj_portal.errors import history_reason_clean
from licenses.exceptions import ActorNotAllowed, CertificateUnavailable
from licenses.models import Licence
from licenses.models.licence import verification_token_new

CERTIFICATE_TEMPLATE = "licenses/certificate.html"
# The portal's own Arabic font, read from disk: making a certificate never touches the network.
FONT_DIRECTORY = Path(settings.BASE_DIR) / "static" / "vendor" / "ibm-plex-sans-arabic" / "files"
LIST_SEPARATOR = pgettext_lazy("between items of a list", ", ")
NO_BREAK_SPACE = "\u00a0"


@dataclass(frozen=True)
class CertificateRow:
    """One line of the certificate: its label and value in English and in Arabic (the same value when it is a
    number or a reference)."""

    key: str
    label_en: str
    value_en: str
    label_ar: str
    value_ar: str

    @property
    def same_value(self) -> bool:
        return self.value_en == self.value_ar


def _in_both(text) -> tuple[str, str]:
    """A translatable text in English and in Arabic, whatever the language of the request."""
    with translation.override("en"):
        english = str(text)
    with translation.override("ar"):
        arabic = str(text)
    return english, arabic


def _dates_in_both(day: datetime.date) -> tuple[str, str]:
    """The date in English and in Arabic, each kept on one line (no-break spaces)."""
    with translation.override("en"):
        english = date_format(day, "DATE_FORMAT")
    with translation.override("ar"):
        arabic = date_format(day, "DATE_FORMAT")
    return english.replace(" ", NO_BREAK_SPACE), arabic.replace(" ", NO_BREAK_SPACE)


def _joined_in_both(english: list[str], arabic: list[str]) -> tuple[str, str]:
    separator_en, separator_ar = _in_both(LIST_SEPARATOR)
    return separator_en.join(english), separator_ar.join(arabic)


def _row(key: str, label, value_en: str, value_ar: str | None = None) -> CertificateRow:
    label_en, label_ar = _in_both(label)
    return CertificateRow(key, label_en, value_en, label_ar, value_en if value_ar is None else value_ar)


def licence_verification_path(*, licence: Licence) -> str:
    """The verification page's path without a language: whoever opens it is sent on in their own language."""
    with translation.override("ar"):
        return reverse("verify:token", kwargs={"token": licence.verification_token}).removeprefix("/ar")


def licence_verification_url(*, licence: Licence) -> str:
    """The absolute address the certificate's QR code opens (`SITE_URL` and the verification path)."""
    return settings.SITE_URL + licence_verification_path(licence=licence)


def licence_certificate_filename(*, licence: Licence) -> str:
    return f"etimad-licence-{slugify(licence.number) or licence.pk}.pdf"


def _statement(licence: Licence, *, today: datetime.date) -> tuple[str, tuple[str, str]]:
    """The licence's state on the day the certificate is made, and the sentence saying it in both languages."""
    until = _dates_in_both(licence.expires_on)
    if not licence.is_valid_on(today):
        texts = _("Expired: this licence was valid until %(date)s and is not valid today.")
        state = "expired"
    elif licence.renewed_on:
        texts = _("Valid: renewed on %(renewed)s, valid until %(date)s.")
        state = "renewed"
    else:
        texts = _("Valid until %(date)s.")
        state = "valid"
    renewed = _dates_in_both(licence.renewed_on) if licence.renewed_on else ("", "")
    english, arabic = _in_both(texts)
    return state, (
        english % {"date": until[0], "renewed": renewed[0]},
        arabic % {"date": until[1], "renewed": renewed[1]},
    )


def licence_certificate_context(*, licence: Licence, today: datetime.date) -> dict:
    """What the certificate shows, every text in both languages. `licence` comes with its package, application and
    activities (`selectors.licence_get_for_certificate`)."""
    activities = list(licence.activities.all())
    rows = [
        _row("trade_name", _("Trade name"), licence.trade_name_en, licence.trade_name_ar),
        _row("package", _("Package"), licence.package.name_en, licence.package.name_ar),
        _row(
            "activities",
            _("Activities"),
            *_joined_in_both([a.name_en for a in activities], [a.name_ar for a in activities]),
        ),
        _row("number", _("DED licence number"), licence.number),
        _row("issued_on", _("First issued on"), *_dates_in_both(licence.issued_on)),
    ]
    if licence.renewed_on:
        rows.append(_row("renewed_on", _("Last renewed on"), *_dates_in_both(licence.renewed_on)))
    rows += [
        _row("expires_on", _("Valid until"), *_dates_in_both(licence.expires_on)),
        _row("reference", _("Portal reference"), licence.application.reference or "—"),
    ]
    state, statement = _statement(licence, today=today)
    url = licence_verification_url(licence=licence)
    return {
        "licence": licence,
        "rows": rows,
        "state": state,
        "statement_en": statement[0],
        "statement_ar": statement[1],
        "printed_en": _dates_in_both(today)[0],
        "printed_ar": _dates_in_both(today)[1],
        "verification_url": url,
        "qr_code": segno.make(url, error="m").svg_data_uri(scale=4, border=4, dark="#1d1d1b"),
        "font_directory": FONT_DIRECTORY.as_uri(),
    }


def _weasyprint():
    """WeasyPrint, or CertificateUnavailable saying what is missing: the library itself, or the Pango library it
    loads when imported (an OSError)."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise CertificateUnavailable(missing=str(error) or type(error).__name__) from error
    return weasyprint


def licence_certificate_pdf(*, licence: Licence, today: datetime.date) -> bytes:
    """The licence's certificate as it stands on `today`: an A4 PDF in Arabic and English. Made afresh each time,
    so it always shows the licence's current validity. Raises CertificateUnavailable without WeasyPrint or Pango."""
    weasyprint = _weasyprint()
    html = render_to_string(CERTIFICATE_TEMPLATE, licence_certificate_context(licence=licence, today=today))
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


@transaction.atomic
def licence_verification_link_renew(*, licence: Licence, actor, reason: str) -> Licence:
    """Give the licence a new verification token: the old link, and every certificate printed with it, then finds
    nothing. Centre staff only, with a reason; the licence's history records who, when and why."""
    if not user_can_review(actor):
        raise ActorNotAllowed(_("Only centre staff can issue a new verification link."))
    reason = history_reason_clean(reason, missing=_("Give the reason for the new link."))
    locked = Licence.objects.select_for_update().get(pk=licence.pk)
    locked.verification_token = verification_token_new()
    locked._history_user = actor
    locked._change_reason = reason
    locked.save(update_fields=["verification_token", "updated_at"])
    return locked
