"""The showcase's reads. What the public sees is `entry_list_public`: an entry the family has not hidden, with an
approved version, of a licence valid today — computed in the query, so a licence that expires leaves the showcase
on its first day past validity and comes back the day it is renewed, whatever a nightly job has done yet."""

import datetime
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet

from families.roles import user_can_review
from licenses.models import Licence
from packages_catalog.models import Activity, Package
from showcase.models import Entry, Photo, Version
from showcase.workflow import Status

# Arabic words in the Arabic document, English ones in the English one, each stemmed by its language.
SEARCH_CONFIGS = (("search_ar", "arabic"), ("search_en", "english"))


def search_vector() -> SearchVector:
    """The full-text document of an entry on PostgreSQL, as `Entry.search_document` stores it."""
    (arabic, arabic_config), (english, english_config) = SEARCH_CONFIGS
    return SearchVector(arabic, config=arabic_config) + SearchVector(english, config=english_config)


def _search(entries: QuerySet[Entry], words: str) -> QuerySet[Entry]:
    """Entries whose words match `words`, in Arabic or English: full-text search on PostgreSQL (stemmed, so
    «العطور» finds «عطور» and "perfumes" "perfume") over the stored document, every word as a substring elsewhere
    (SQLite)."""
    if connection.vendor == "postgresql":
        query = SearchQuery(words, config="arabic", search_type="websearch") | SearchQuery(
            words, config="english", search_type="websearch"
        )
        return entries.filter(search_document=query)
    for word in words.split():
        entries = entries.filter(Q(search_ar__icontains=word) | Q(search_en__icontains=word))
    return entries


def entries_public(*, today: datetime.date) -> QuerySet[Entry]:
    """Entries anyone may see today (no relations loaded)."""
    return Entry.objects.filter(is_opted_in=True, published__isnull=False, licence__expires_on__gte=today)


def entry_list_public(
    *, today: datetime.date, package: Package | None = None, activity: Activity | None = None, words: str = ""
) -> QuerySet[Entry]:
    """The public showcase, the last approved first, with what its cards show loaded in a fixed number of queries."""
    entries = entries_public(today=today)
    if package is not None:
        entries = entries.filter(licence__package=package)
    if activity is not None:
        entries = entries.filter(published__activities=activity)
    if words.strip():
        entries = _search(entries, words.strip())
    # Lists rather than managers (`to_attr`): a page of twelve cards builds no queryset per card.
    return entries.select_related("licence__package", "published").prefetch_related(
        Prefetch(
            "published__activities",
            queryset=Activity.objects.order_by("display_order", "pk"),
            to_attr="activity_list",
        ),
        Prefetch("published__photos", queryset=Photo.objects.order_by("pk"), to_attr="photo_list"),
    )


def entry_get_public(*, pk: int, today: datetime.date) -> Entry:
    """One public entry (Entry.DoesNotExist otherwise)."""
    return entry_list_public(today=today).get(pk=pk)


@dataclass(frozen=True)
class LicenceShowcase:
    """One of the family's licences and its showcase entry (None before it opts in), for its account page."""

    licence: Licence
    entry: Entry | None
    is_valid: bool


def licence_showcase_list(*, user, today: datetime.date) -> list[LicenceShowcase]:
    """The family's licences, each with its showcase entry and versions loaded."""
    licences = (
        Licence.objects.filter(family__user=user)
        .select_related("package", "showcase_entry__published", "showcase_entry__draft")
        .order_by("package__display_order", "pk")
    )
    rows = []
    for licence in licences:
        entry = getattr(licence, "showcase_entry", None)
        rows.append(LicenceShowcase(licence=licence, entry=entry, is_valid=licence.is_valid_on(today)))
    return rows


def licence_of_family(*, user, pk: int) -> Licence:
    """One of the family's own licences (Licence.DoesNotExist for anybody else's: a 404)."""
    return (
        Licence.objects.select_related("package", "family").prefetch_related("activities").get(pk=pk, family__user=user)
    )


def entry_of_licence(*, licence: Licence) -> Entry | None:
    """The licence's entry with its versions, their activities and photos, or None."""
    return (
        Entry.objects.select_related("published", "draft")
        .prefetch_related("published__photos", "draft__photos", "published__activities", "draft__activities")
        .filter(licence=licence)
        .first()
    )


def photo_for_viewer(*, pk: int, user, today: datetime.date) -> tuple[Photo, bool] | None:
    """The photo and whether it is public: anyone sees a public entry's approved photos; the family its own
    entries' photos; reviewers every photo (to moderate). None for anybody else: a 404."""
    public = Photo.objects.filter(pk=pk, versions__in=entries_public(today=today).values("published_id")).first()
    if public is not None:
        return public, True
    photos = Photo.objects.filter(pk=pk)
    if user.is_authenticated and user_can_review(user):
        mine = photos.first()
    elif user.is_authenticated:
        mine = photos.filter(entry__licence__family__user=user).first()
    else:
        mine = None
    return (mine, False) if mine is not None else None


def package_list_for_showcase() -> list[Package]:
    """The packages and their activities, for the showcase's menu."""
    activities = Prefetch(
        "activities", queryset=Activity.objects.filter(is_active=True).order_by("display_order", "pk")
    )
    return list(Package.objects.prefetch_related(activities).order_by("display_order", "pk"))


def showcase_counts(*, today: datetime.date, package_id: int | None = None) -> dict:
    """For the dashboard: entries shown today by package id, and versions waiting for approval (of `package_id`'s
    licences when given), in two queries."""
    entries = entries_public(today=today)
    pending = Version.objects.filter(status=Status.PENDING)
    if package_id is not None:
        entries = entries.filter(licence__package_id=package_id)
        pending = pending.filter(entry__licence__package_id=package_id)
    by_package = dict(entries.values_list("licence__package").annotate(count=Count("pk")).order_by())
    return {"showcase_by_package": by_package, "showcase_pending": pending.count()}


def entry_search_document_refresh(*, entries: QuerySet[Entry]) -> int:
    """Store the search document of `entries` from their search words (PostgreSQL; nothing to do elsewhere)."""
    if connection.vendor != "postgresql":
        return 0
    return entries.update(search_document=search_vector())
