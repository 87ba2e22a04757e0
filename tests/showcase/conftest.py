"""Licence holders, photos and published entries for the showcase's tests, and a private storage per test."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from showcase import services
from showcase.models import Entry
from showcase.workflow import Status
from tests.benefits.conftest import licence_holder
from tests.licenses.conftest import documents_storage  # noqa: F401  (a fixture)

# A photo's EXIF: the camera, and where it was taken (the GPS IFD, 0x8825), which must never reach the public.
GPS_IFD = 0x8825
CONTENT = {
    "show_trade_name": True,
    "description_ar": "عطور وبخور من صنع المنزل بخلطات إماراتية تقليدية.",
    "description_en": "Home-made perfumes and incense blended the Emirati way.",
    "phone": "+97165551234",
    "whatsapp": "+971501234567",
    "instagram": "oud.home",
    "web_shop": "https://shop.example.ae/oud",
}


@pytest.fixture(autouse=True)
def showcase_storage(settings, tmp_path):
    """Photos go to a temporary directory, never to var/."""
    location = tmp_path / "showcase"
    settings.STORAGES = {
        **settings.STORAGES,
        "showcase": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": location}},
    }
    return location


def photo_bytes(*, size=(1600, 1200), colour=(170, 60, 80), form="JPEG", gps: bool = True) -> bytes:
    """A photo as a phone sends it: JPEG with EXIF naming the camera and, with `gps`, where it was taken."""
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (25.0, 21.0, 28.0), 3: "E", 4: (55.0, 23.0, 30.0)}
    buffer = io.BytesIO()
    image.save(buffer, format=form, **({"exif": exif.tobytes()} if form == "JPEG" else {}))
    return buffer.getvalue()


def upload(name: str = "product.jpg", content: bytes | None = None, content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content if content is not None else photo_bytes(), content_type=content_type)


def entry_send(licence, actor, *, photos=(), **changes):
    return services.entry_submit(
        licence=licence,
        actor=actor,
        content={**CONTENT, **changes},
        activities=list(licence.activities.all()),
        photos_new=list(photos),
    )


def entry_publish(licence, actor, reviewer, **changes):
    """The licence holder's entry sent and approved: on the showcase."""
    version = entry_send(licence, actor, **changes)
    services.version_transition(version=version, to_status=Status.APPROVED, actor=reviewer)
    return Entry.objects.get(pk=version.entry_id)


@pytest.fixture
def alice_licence(alice):
    """Alice holds a Tayeb licence issued a month ago."""
    return licence_holder(alice).licences.get()


@pytest.fixture
def charlie_licence(charlie):
    return licence_holder(charlie).licences.get()


def today():
    return timezone.localdate()
