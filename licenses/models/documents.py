import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

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


def document_upload_to(instance: "ApplicationDocument", filename: str) -> str:
    """A random name: nothing the family typed, and nothing guessable, reaches the storage."""
    name = uuid.uuid4().hex
    return str(PurePosixPath(name[:2]) / f"{name}{EXTENSIONS.get(instance.content_type, '')}")


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
    def is_current(self) -> bool:
        return self.superseded_at is None
