"""Product photos: checked as the application documents are (`licenses.files`), then re-drawn with Pillow at the
showcase's widths as WebP. Only the pixels are kept: no EXIF (camera, date, GPS location), no XMP, no comments.

The files go to `STORAGES["showcase"]`, looked up at each use, so a deployment (or a test) can point the alias at
another storage without touching this code.
"""

import hashlib
import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from licenses.files import document_file_check
from showcase.models import PHOTO_WIDTHS, photo_name

IMAGE_TYPES = {"image/png", "image/jpeg"}
WEBP_QUALITY = 80


def showcase_storage() -> Storage:
    return storages["showcase"]


def photo_file_check(file: UploadedFile) -> None:
    """Raise a ValidationError the form shows beside the field unless `file` is a JPEG or PNG photo, of a size and
    a number of pixels the portal accepts."""
    if document_file_check(file) not in IMAGE_TYPES:
        raise ValidationError(_("A product photo must be an image: a JPEG or PNG file."), code="not_an_image")
    try:
        with Image.open(file) as image:  # reads the header only: the pixels are not decoded yet
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This image cannot be read: please export it again as JPEG or PNG."), code="unreadable"
        ) from None
    finally:
        file.seek(0)
    if width * height > settings.SHOWCASE_PHOTO_MAX_PIXELS:
        raise ValidationError(
            _("This image is too large (%(width)s × %(height)s pixels): please send a smaller copy of the photo."),
            code="too_many_pixels",
            params={"width": width, "height": height},
        )


def _renditions(file) -> tuple[Image.Image, dict[int, bytes]]:
    with Image.open(file) as opened:
        # Turned as the camera meant it, then a new image of its pixels alone: nothing of the file's metadata.
        upright = ImageOps.exif_transpose(opened).convert("RGB")
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)
    files = {}
    for width in PHOTO_WIDTHS:
        stored = min(width, clean.width)
        height = max(1, round(clean.height * stored / clean.width))
        resized = clean if stored == clean.width else clean.resize((stored, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, format="WEBP", quality=WEBP_QUALITY, exif=b"", xmp=b"")
        files[width] = buffer.getvalue()
    return clean, files


def photo_store(file) -> dict:
    """Store a checked photo at each width under a new random key; returns the `Photo` fields to save."""
    clean, files = _renditions(file)
    key = uuid.uuid4().hex
    key = f"{key[:2]}/{key}"
    storage = showcase_storage()
    for width, content in files.items():
        storage.save(photo_name(key, width), ContentFile(content))
    largest = files[max(PHOTO_WIDTHS)]
    return {
        "key": key,
        "width": clean.width,
        "height": clean.height,
        "digest": hashlib.sha256(largest).hexdigest(),
    }


def photo_files_delete(keys: list[str]) -> None:
    """Delete the stored files of these photos (after the rows are gone: a file never outlives its row's need)."""
    storage = showcase_storage()
    for key in keys:
        for width in PHOTO_WIDTHS:
            storage.delete(photo_name(key, width))
