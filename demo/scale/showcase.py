"""The scale set's showcase: up to 10,000 entries of its licences valid today, each with its approved version, its
licence's activities and one photo row (no file: the list page shows a photo's address, never reads it), written
as the rest of the scale set is (COPY on PostgreSQL), so `make bench` measures the public showcase at that size."""

import datetime

from django.db.models import Prefetch

from demo.scale.plan import SCALE_LICENCE_PREFIX, first_free_pk
from demo.scale.write import RowWriter
from licenses.models import Licence
from packages_catalog.models import Activity
from showcase.models import Entry, Photo, Version
from showcase.selectors import entry_search_document_refresh
from showcase.workflow import Status

SHOWCASE_ENTRIES = 10_000
DESCRIPTIONS = [
    (
        "منتجات منزلية مصنوعة بعناية، تُباع عبر واتساب وإنستغرام.",
        "Home-made products, made with care and sold on WhatsApp.",
    ),
    ("وصفات تقليدية من الشارقة تُحضّر حسب الطلب.", "Traditional recipes from Sharjah, made to order."),
    ("حرف يدوية تراثية بلمسة عصرية.", "Heritage handicrafts with a modern touch."),
]


def scale_showcase_licences():
    return Licence.objects.filter(number__startswith=SCALE_LICENCE_PREFIX)


def scale_showcase_write(*, insert: RowWriter, now: datetime.datetime, limit: int = SHOWCASE_ENTRIES) -> None:
    """Entries for up to `limit` scale licences valid today, approved over the last months, newest first."""
    licences = list(
        scale_showcase_licences()
        .filter(expires_on__gte=now.date())
        .select_related("package")
        .prefetch_related(Prefetch("activities", queryset=Activity.objects.order_by("pk")))
        .order_by("pk")[:limit]
    )
    entry_pk, version_pk, photo_pk = first_free_pk(Entry), first_free_pk(Version), first_free_pk(Photo)
    entries, versions, activities, photos, shown = [], [], [], [], []
    for number, licence in enumerate(licences):
        arabic, english = DESCRIPTIONS[number % len(DESCRIPTIONS)]
        names = list(licence.activities.all())
        approved = now - datetime.timedelta(minutes=37 * number)
        entry, version, photo = entry_pk + number, version_pk + number, photo_pk + number
        versions.append(
            {
                "id": version,
                "entry_id": entry,
                "status": Status.APPROVED,
                "description_ar": arabic,
                "description_en": english,
                "whatsapp": f"+97150{number:07d}",
                "submitted_at": approved - datetime.timedelta(days=1),
                "decided_at": approved,
            }
        )
        entries.append(
            {
                "id": entry,
                "licence_id": licence.pk,
                "published_id": version,
                "published_at": approved,
                "created_at": approved,
                "updated_at": approved,
                "search_ar": "\n".join(
                    [licence.trade_name_ar, licence.package.name_ar, *(a.name_ar for a in names), arabic]
                ),
                "search_en": "\n".join(
                    [licence.trade_name_en, licence.package.name_en, *(a.name_en for a in names), english]
                ),
            }
        )
        activities += [{"version_id": version, "activity_id": activity.pk} for activity in names]
        photos.append(
            {"id": photo, "entry_id": entry, "key": f"scale/{photo}", "width": 1280, "height": 960, "digest": "0" * 64}
        )
        shown.append({"version_id": version, "photo_id": photo})
    insert(Entry, entries)
    insert(Version, versions)
    insert(Version.activities.through, activities)
    insert(Photo, photos)
    insert(Version.photos.through, shown)
    entry_search_document_refresh(entries=Entry.objects.filter(pk__gte=entry_pk))


SHOWCASE_MODELS = [Entry, Version, Photo]
SHOWCASE_THROUGH = [Version.activities.through, Version.photos.through]
