"""What an exhibition's cover image must be: checked as the application documents are (`licenses.files`), and an
image: a PNG or JPEG by its content, never a PDF."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _

from licenses.files import document_file_check

IMAGE_TYPES = {"image/png", "image/jpeg"}


def cover_file_check(file: File) -> str:
    """Return the image's true content type, or raise a ValidationError the form shows beside the field."""
    content_type = document_file_check(file)
    if content_type not in IMAGE_TYPES:
        raise ValidationError(_("The cover must be an image: a JPEG or PNG file."), code="not_an_image")
    return content_type
