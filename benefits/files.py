"""What an image the benefits receive must be (an exhibition's cover, the photo a family sends with a next step it
has done): checked as the application documents are (`licenses.files`: type by content, name, size), and an image:
a PNG or JPEG by its content, never a PDF."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from licenses.files import document_file_check

IMAGE_TYPES = {"image/png", "image/jpeg"}


def _image_check(file: File, *, not_an_image: Promise) -> str:
    content_type = document_file_check(file)
    if content_type not in IMAGE_TYPES:
        raise ValidationError(not_an_image, code="not_an_image")
    return content_type


def cover_file_check(file: File) -> str:
    """Return the image's true content type, or raise a ValidationError the form shows beside the field."""
    return _image_check(file, not_an_image=_("The cover must be an image: a JPEG or PNG file."))


def answer_photo_check(file: File) -> str:
    """Return the photo's true content type, or raise a ValidationError the form shows beside the field."""
    return _image_check(file, not_an_image=_("The photo must be an image: a JPEG or PNG file."))
