"""A licence holder's page on the public showcase of the families' products.

An `Entry` per licence says whether the family wants to be shown (`is_opted_in`) and points at two versions of its
content: `published`, the last one a reviewer approved (what the public sees), and `draft`, a change sent and
waiting for approval (or refused). Nothing is public without an approved version, while the family opts out, or
once the licence is past its last valid day: the public query (`selectors.entry_list_public`) reads all three, so
no job has to catch up.

Photos belong to the entry and are shared by the versions that show them: a photo removed in a change stays
public until that change is approved. Their files (three widths each) are in `STORAGES["showcase"]`.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from licenses.models import Licence
from packages_catalog.models import Activity, in_current_language
from showcase.workflow import FAMILY_LABELS, Status

# The widths each photo is stored at, in pixels (never wider than the photo sent).
PHOTO_WIDTHS = (320, 640, 1280)


class Entry(models.Model):
    licence = models.OneToOneField(
        Licence, on_delete=models.PROTECT, related_name="showcase_entry", verbose_name=_("licence")
    )
    is_opted_in = models.BooleanField(
        _("shown on the showcase"), default=True, help_text=_("The family's choice: off hides the entry at once.")
    )
    published = models.OneToOneField(
        "showcase.Version",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_of",
        verbose_name=_("approved version"),
    )
    draft = models.OneToOneField(
        "showcase.Version",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="draft_of",
        verbose_name=_("version waiting"),
    )
    published_at = models.DateTimeField(_("last approved"), null=True, blank=True)
    # The approved version's words, in each language, as the public search reads them.
    search_ar = models.TextField(_("search words (Arabic)"), blank=True, editable=False)
    search_en = models.TextField(_("search words (English)"), blank=True, editable=False)
    # On PostgreSQL, the two stemmed (`selectors.search_vector`) and stored when a version is approved, so a search
    # matches each row without stemming its words again; GIN-indexed (migration 0002). Empty on SQLite.
    search_document = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Who opted in or out, and when.
    history = HistoricalRecords(excluded_fields=["search_ar", "search_en", "search_document", "updated_at"])

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("showcase entry")
        verbose_name_plural = _("showcase entries")
        indexes = [
            models.Index(fields=["is_opted_in", "-published_at", "-id"], name="showcase_entry_public"),
            # The dashboard's entries shown by package, read from this index and `licence_id_cover` alone on
            # PostgreSQL (docs/performance.md).
            models.Index(
                fields=["licence"],
                include=["id"],
                condition=models.Q(is_opted_in=True, published__isnull=False),
                name="showcase_entry_shown",
            ),
        ]

    def __str__(self):
        return self.licence.trade_name

    @property
    def trade_name(self) -> str:
        return self.licence.trade_name


class Photo(models.Model):
    """A product photo as stored: `key` names its files, one per width (`photo_name`); nothing typed by the family
    reaches the storage, and nothing of the file sent but its pixels (no EXIF, no location)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="photos", verbose_name=_("entry"))
    key = models.CharField(_("storage key"), max_length=80, unique=True, editable=False)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    # The SHA-256 of the largest stored file: the photo's ETag.
    digest = models.CharField(_("digest"), max_length=64, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return f"{self.key} ({self.width}×{self.height})"

    def stored_width(self, width: int) -> int:
        return min(width, self.width)

    def stored_height(self, width: int) -> int:
        return round(self.height * self.stored_width(width) / self.width)

    @property
    def widths(self) -> list[int]:
        """The widths offered: each stored width once (a photo 500 pixels wide is stored at 320 and 500)."""
        return sorted({self.stored_width(width) for width in PHOTO_WIDTHS})


def photo_name(key: str, width: int) -> str:
    return f"{key}-{width}.webp"


class Version(models.Model):
    """What the family chose to publish, as sent once: approved, refused, waiting, or replaced by a later one."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="versions", verbose_name=_("entry"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    show_trade_name = models.BooleanField(_("show the trade name"), default=True)
    activities = models.ManyToManyField(Activity, blank=True, related_name="+", verbose_name=_("activities shown"))
    description_ar = models.TextField(_("description (Arabic)"), max_length=600)
    description_en = models.TextField(_("description (English)"), max_length=600)
    phone = models.CharField(_("phone"), max_length=13, blank=True)
    whatsapp = models.CharField(_("WhatsApp"), max_length=13, blank=True)
    instagram = models.CharField(_("Instagram account"), max_length=30, blank=True)
    web_shop = models.URLField(_("web shop"), max_length=200, blank=True)
    photos = models.ManyToManyField(Photo, blank=True, related_name="versions", verbose_name=_("photos"))
    submitted_at = models.DateTimeField(_("sent"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    refusal_reason = models.TextField(_("reason given to the family"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("showcase version")
        verbose_name_plural = _("showcase versions")
        permissions = [("decide_version", _("Can approve or refuse showcase entries"))]
        indexes = [models.Index(fields=["status", "submitted_at"], name="showcase_version_queue")]

    def __str__(self):
        return f"{self.entry} · {self.get_status_display()}"

    @property
    def family_label(self) -> str:
        return FAMILY_LABELS[self.status]

    @property
    def description(self) -> str:
        return in_current_language(self.description_ar, self.description_en)


class Event(models.Model):
    """One step of an entry: a version sent, approved, refused or replaced (from which status to which), or the
    family opting out or in; who took it (nobody: the portal), when, and the reason written to the family."""

    class Action(models.TextChoices):
        STEP = "step", _("Moderation step")
        OPTED_OUT = "opted_out", _("Hidden by the family")
        OPTED_IN = "opted_in", _("Shown again by the family")

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="events", verbose_name=_("entry"))
    version = models.ForeignKey(
        Version, on_delete=models.CASCADE, null=True, blank=True, related_name="events", verbose_name=_("version")
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, default=Action.STEP)
    from_status = models.CharField(_("from"), max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason given to the family"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("showcase event")
        verbose_name_plural = _("showcase events")

    def __str__(self):
        if self.action != self.Action.STEP:
            return self.get_action_display()
        return f"{self.from_status or '—'} → {self.to_status}"
