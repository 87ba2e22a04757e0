from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from licenses.files import TYPE_OF_EXTENSION
from packages_catalog.models import DocumentType

EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


class DocumentsStorage(LazyObject):
    """The "documents" storage of settings.STORAGES (private files, never under a public URL), looked up when first
    used rather than when the model is imported, like Django's own default_storage."""

    def _setup(self):
        self._wrapped = storages["documents"]


_documents_storage = DocumentsStorage()


def _documents_storage_reset(*, setting, **kwargs):
    # Django resets its storages when STORAGES changes (tests override it); this proxy follows.
    if setting == "STORAGES":
        _documents_storage._wrapped = empty


setting_changed.connect(_documents_storage_reset)


def documents_storage():
    return _documents_storage


def document_storage_name(*, application, document_type: DocumentType, version: int, content_type: str) -> str:
    """The name the portal keeps a document under: the application's reference (`draft-<id>` before it has one), the
    document's code, its version and the extension of its true type, `ETM-2026-000042/emirates_id_front-v2.pdf`.
    Nothing the family typed reaches the storage; the name it gave is kept only to show (`original_name`)."""
    folder = application.reference or f"draft-{application.pk}"
    return f"{folder}/{document_type.code}-v{version}{EXTENSIONS[content_type]}"


def document_upload_to(instance: "ApplicationDocument", filename: str) -> str:
    """The name `document_storage_name` made (services pass it when they save the file), never the uploaded one."""
    return filename


class ApplicationDocument(models.Model):
    """One uploaded file. A replaced or removed file is kept, marked superseded, for the audit trail."""

    application = models.ForeignKey(
        "licenses.Application", on_delete=models.CASCADE, related_name="documents", verbose_name=_("application")
    )
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    file = models.FileField(_("file"), storage=documents_storage, upload_to=document_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    superseded_at = models.DateTimeField(_("replaced or removed"), null=True, blank=True)

    class Meta:
        ordering = ["document_type__display_order", "uploaded_at", "id"]
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        indexes = [models.Index(fields=["application", "superseded_at"], name="document_current")]

    def __str__(self):
        return self.original_name

    @property
    def download_name(self) -> str:
        """The family's name for the file, with the extension of its true type: a name kept from before names were
        checked (`passport.bat` holding a PDF) is offered as `passport.pdf`."""
        name = PurePosixPath(self.original_name.replace("\\", "/")).name or "document"
        if TYPE_OF_EXTENSION.get(PurePosixPath(name).suffix.lower()) == self.content_type:
            return name
        return f"{PurePosixPath(name).stem}{EXTENSIONS.get(self.content_type, '')}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None
