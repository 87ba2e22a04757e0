"""What a document upload must be: PDF, JPEG or PNG by its content, named as what it is, and not too large."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import formats
from django.utils.html import avoid_wrapping
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

# The first bytes of each accepted type.
SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
]
# The names a file may have, and the type each claims: the content must be that type. A name without one of them
# (`passport.bat`, `scan`) is refused even when the content is a PDF: the name is what a computer opens it with.
TYPE_OF_EXTENSION = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def file_size(size: int) -> str:
    """A file size as a person reads it in the active language: "5 MB", "1.5 MB", «5 ميغابايت».

    Django's `filesizeformat` writes "5.0 MB", «5.0 م.ب» in Arabic: here a whole number has no decimal, the unit is
    written out in Arabic, and the number follows the language's format (`intaj_portal/formats`). As in Django's,
    the number and its unit are never split across two lines.
    """
    units = [(1024**3, gettext("%(size)s GB")), (1024**2, gettext("%(size)s MB")), (1024, gettext("%(size)s KB"))]
    for unit, label in units:
        if size >= unit:
            value = round(size / unit, 1)
            return avoid_wrapping(label % {"size": formats.number_format(value, 0 if value == int(value) else 1)})
    return avoid_wrapping(ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size})


def content_type_sniff(head: bytes) -> str | None:
    """The content type the first bytes of a file show, or None when it is none of the accepted ones."""
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def document_file_check(file: UploadedFile) -> str:
    """Return the file's true content type, or raise a ValidationError the form shows beside the file field."""
    limit = settings.DOCUMENT_MAX_BYTES
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if file.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s."),
            code="too_large",
            params={"size": file_size(file.size), "limit": file_size(limit)},
        )
    file.seek(0)
    content_type = content_type_sniff(file.read(16))
    file.seek(0)
    if content_type is None:
        raise ValidationError(
            _("Only PDF, JPEG and PNG files are accepted, and this file is none of them."), code="type"
        )
    claimed = TYPE_OF_EXTENSION.get(PurePath(file.name or "").suffix.lower())
    if claimed is None:
        raise ValidationError(
            _("The file's name must end in .pdf, .jpg, .jpeg or .png to match its content: rename it and upload it."),
            code="extension",
        )
    if claimed != content_type:
        raise ValidationError(
            _("The file's content does not match its name: rename it or export it again as PDF, JPEG or PNG."),
            code="type_mismatch",
        )
    return content_type
