"""Applications, documents and licences for tests, and small valid files generated on the spot."""

import datetime
import struct
import zlib

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from licenses.models import Application, ApplicationDocument, Kind, Licence, Status, document_storage_name
from licenses.selectors import application_document_checklist
from packages_catalog.models import Package
from tests.factories import FamilyProfileFactory


def pdf_bytes(text: str = "Intaj test document") -> bytes:
    """A small, valid one-page PDF."""
    stream = f"BT /F1 18 Tf 40 100 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def png_bytes(width: int = 4, height: int = 4, rgb: tuple[int, int, int] = (122, 31, 43)) -> bytes:
    """A small, valid PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def jpeg_bytes() -> bytes:
    """The start of a JPEG (enough for the type check, which reads the first bytes)."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"


def upload(name: str = "document.pdf", content: bytes | None = None, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type=content_type)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft with every answer given (no documents: see `complete_application`)."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    family = factory.SubFactory(FamilyProfileFactory)
    package = factory.LazyFunction(lambda: Package.objects.get(code="tayeb"))
    kind = Kind.NEW
    trade_name_ar = "عطور مريم"
    trade_name_en = "Maryam Perfumes"
    products_description = "Oud blends and perfume oils, sold at exhibitions and through Instagram."
    production_place = "room"
    production_address = "Villa 12, Street 4, Al Khan, Sharjah"
    status = Status.DRAFT

    @factory.post_generation
    def activities(obj, create, extracted, **kwargs):
        if create:
            obj.activities.set(extracted if extracted is not None else obj.package.activities.all()[:1])


def document_add(application: Application, document_type, *, content: bytes | None = None, name: str = "scan.pdf"):
    """Attach a file as the family would have uploaded it."""
    content_type = "image/png" if name.endswith(".png") else "application/pdf"
    document = ApplicationDocument(
        application=application,
        document_type=document_type,
        original_name=name,
        content_type=content_type,
        uploaded_by=application.family.user,
    )
    payload = content if content is not None else (png_bytes() if content_type == "image/png" else pdf_bytes())
    document.size = len(payload)
    version = ApplicationDocument.objects.filter(application=application, document_type=document_type).count() + 1
    stored = document_storage_name(
        application=application, document_type=document_type, version=version, content_type=content_type
    )
    document.file.save(stored, ContentFile(payload), save=False)
    document.save()
    return document


def complete_application(*, family, package_code: str = "tayeb", status: str = Status.DRAFT, **fields) -> Application:
    """An application with its answers and every required document, in `status` (set directly, for setting up)."""
    application = ApplicationFactory(family=family, package=Package.objects.get(code=package_code), **fields)
    for item in application_document_checklist(application=application):
        if item.required:
            document_add(application, item.document_type)
    if status != Status.DRAFT:
        now = timezone.now()
        Application.objects.filter(pk=application.pk).update(
            status=status,
            reference=f"ETM-{now.year}-{900000 + application.pk:06d}",
            submitted_at=now,
            last_submitted_at=now,
        )
        application.refresh_from_db()
    return application


def licence_for(*, family, package_code: str = "tayeb", issued_on: datetime.date, number: str | None = None) -> Licence:
    """A licence DED issued on `issued_on`, with its issued application."""
    application = complete_application(family=family, package_code=package_code, status=Status.ISSUED)
    return licence_record(application, issued_on=issued_on, number=number)


def licence_record(
    application: Application,
    *,
    issued_on: datetime.date,
    expires_on: datetime.date | None = None,
    number: str | None = None,
) -> Licence:
    """The licence an issued application gave, as the centre records it (valid a year unless `expires_on`)."""
    licence = Licence.objects.create(
        number=number or f"SHJ-{application.pk:06d}",
        family=application.family,
        package=application.package,
        application=application,
        trade_name_ar=application.trade_name_ar,
        trade_name_en=application.trade_name_en,
        issued_on=issued_on,
        expires_on=expires_on or Licence.expiry_for(issued_on),
    )
    licence.activities.set(application.activities.all())
    return licence
