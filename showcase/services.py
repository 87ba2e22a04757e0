"""The showcase's writes: a licence holder sends its entry (the first time, it opts in), hides it or shows it
again; reviewers approve or refuse each version. Every moderation step goes through `version_transition`."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.roles import user_can_review
from licenses.models import Licence
from notifications.services import notification_create
from packages_catalog.models import Activity
from showcase.exceptions import ActorNotAllowed, ShowcaseError, StepNotAllowed
from showcase.models import Entry, Event, Photo, Version
from showcase.photos import photo_files_delete, photo_store
from showcase.selectors import entry_search_document_refresh
from showcase.workflow import FAMILY_LABELS, FLOW, OPEN, Role, Status

MAX_PHOTOS = 8
# What a version holds besides its activities and photos: what the family chooses and writes.
CONTENT_FIELDS = ("show_trade_name", "description_ar", "description_en", "phone", "whatsapp", "instagram", "web_shop")


def _role_of(entry: Entry, actor) -> Role | None:
    if actor is None:
        return Role.PORTAL
    if actor.is_active and actor.pk == entry.licence.family.user_id:
        return Role.FAMILY
    if user_can_review(actor):
        return Role.REVIEWER
    return None


def _require_holder(licence: Licence, actor) -> None:
    if actor is None or not actor.is_active or actor.pk != licence.family.user_id:
        raise ActorNotAllowed(_("Only the licence holder can change its showcase entry."))


def _search_words(version: Version, activities: list[Activity]) -> tuple[str, str]:
    """The words a visitor may search the version by, in Arabic and in English."""
    licence = version.entry.licence
    arabic = [licence.package.name_ar, *(activity.name_ar for activity in activities), version.description_ar]
    english = [licence.package.name_en, *(activity.name_en for activity in activities), version.description_en]
    if version.show_trade_name:
        arabic.insert(0, licence.trade_name_ar)
        english.insert(0, licence.trade_name_en)
    return "\n".join(arabic), "\n".join(english)


def _photos_unused_delete(entry: Entry) -> None:
    """Photos neither the public version nor the waiting one shows: their rows now, their files after commit."""
    unused = entry.photos.exclude(versions__in=[pk for pk in (entry.published_id, entry.draft_id) if pk])
    keys = list(unused.values_list("key", flat=True))
    if keys:
        unused.delete()
        transaction.on_commit(lambda: photo_files_delete(keys))


@transaction.atomic
def version_transition(
    *,
    version: Version,
    to_status: str,
    actor,
    reason: str = "",
    notify_family: bool = True,
    now: datetime.datetime | None = None,
) -> Version:
    """Perform one moderation step on `version` (a new, unsaved one for the family's first or next change).

    The entry is locked first, then the version read afresh: of two reviewers deciding at once, the second sees the
    first one's decision. The step must be in the table (`showcase.workflow.FLOW`) from the version's status now and
    the actor must hold one of its roles; a refusal needs a reason. Approving makes the version the public one (the
    previous one is replaced, its photos no longer shown are deleted) and refreshes the search words. One event row
    is written, and the family is told (unless `notify_family` is off: the demo data), in the same transaction.
    """
    now = now or timezone.now()
    entry = (
        Entry.objects.select_for_update().select_related("licence__family", "licence__package").get(pk=version.entry_id)
    )
    current = None if version.pk is None else Version.objects.select_for_update().get(pk=version.pk)
    from_status = current.status if current else ""
    step = FLOW[from_status].get(to_status)
    if step is None:
        raise StepNotAllowed(
            _(
                "This version is now “%(current)s”, so it cannot become “%(target)s”. Reload the page to see its "
                "latest state."
            )
            % {"current": FAMILY_LABELS[from_status] if from_status else "—", "target": FAMILY_LABELS[to_status]}
        )
    role = _role_of(entry, actor)
    if role not in step.roles:
        if Role.FAMILY in step.roles:
            raise ActorNotAllowed(_("Only the licence holder can change its showcase entry."))
        raise ActorNotAllowed(_("Only the centre's reviewers can do this."))
    reason = reason.strip()
    if step.needs_reason and not reason:
        raise ShowcaseError(_("Write the reason to the family."), code="reason_missing", field="reason")
    if role == Role.FAMILY:
        # The family's content is the version given; a decision changes only the status of the row as stored.
        locked = version
        locked.status, locked.decided_at, locked.decided_by, locked.refusal_reason = to_status, None, None, ""
        locked.save()
    else:
        locked = current
        locked.status = to_status
        if role == Role.REVIEWER:
            locked.decided_at, locked.decided_by, locked.refusal_reason = now, actor, reason
        locked.save(update_fields=["status", "decided_at", "decided_by", "refusal_reason"])
    Event.objects.create(
        entry=entry, version=locked, from_status=from_status, to_status=to_status, actor=actor, at=now, reason=reason
    )
    if step.publishes:
        previous = entry.published
        entry.published, entry.draft, entry.published_at = locked, None, now
        entry.search_ar, entry.search_en = _search_words(locked, list(locked.activities.all()))
        entry.save(update_fields=["published", "draft", "published_at", "search_ar", "search_en", "updated_at"])
        entry_search_document_refresh(entries=Entry.objects.filter(pk=entry.pk))
        if previous is not None:
            version_transition(version=previous, to_status=Status.SUPERSEDED, actor=None, now=now)
        _photos_unused_delete(entry)
    if step.notice and notify_family:
        context = {
            "trade_name_ar": entry.licence.trade_name_ar,
            "trade_name_en": entry.licence.trade_name_en,
            **({"message": reason} if reason else {}),
        }
        notification_create(recipient=entry.licence.family.user, kind=step.notice, context=context)
    return locked


def _entry_for(licence: Licence, *, actor) -> Entry:
    """The licence's entry, locked; created the first time. Of two first sends at once (a double click), the second
    waits for the first one's row and then locks it."""
    entry = Entry.objects.select_for_update().filter(licence=licence).first()
    if entry is not None:
        return entry
    try:
        with transaction.atomic():
            entry = Entry(licence=licence)
            entry._history_user = actor
            entry.save()
    except IntegrityError:
        return Entry.objects.select_for_update().get(licence=licence)
    return entry


def entry_submit(
    *,
    licence: Licence,
    actor,
    content: dict,
    activities: list[Activity],
    photos_new: list = (),
    photos_removed: list[int] = (),
    now: datetime.datetime | None = None,
) -> Version:
    """The licence holder sends what it wants on the showcase; it waits for a reviewer's approval.

    Sending opts the entry in (creating it the first time). A version still waiting or refused is changed in
    place; otherwise the change is a new version, and the approved one stays public until it is approved. The
    photos are the version's photos (or the public one's) minus `photos_removed` plus `photos_new`, at most
    `MAX_PHOTOS`; the licence must be valid today, and only its own activities can be shown.
    """
    now = now or timezone.now()
    _require_holder(licence, actor)
    if not licence.is_valid_on(timezone.localdate(now)):
        raise ShowcaseError(
            _("This licence has expired: please renew it before showing your products."), code="licence_expired"
        )
    allowed = set(licence.activities.values_list("pk", flat=True))
    if any(activity.pk not in allowed for activity in activities):
        raise ShowcaseError(_("Only the licence's own activities can be shown."), code="activity", field="activities")
    stored = []
    try:
        with transaction.atomic():
            entry = _entry_for(licence, actor=actor)
            base = entry.draft if entry.draft_id else entry.published
            kept = [photo for photo in (base.photos.all() if base else []) if photo.pk not in set(photos_removed)]
            if len(kept) + len(photos_new) > MAX_PHOTOS:
                raise ShowcaseError(
                    _("An entry shows at most %(count)s photos: please remove some before adding others.")
                    % {"count": MAX_PHOTOS},
                    code="too_many_photos",
                    field="photos",
                )
            for file in photos_new:
                fields = photo_store(file)
                stored.append(fields["key"])
                kept.append(Photo.objects.create(entry=entry, uploaded_at=now, **fields))
            version = entry.draft if entry.draft_id and entry.draft.status in OPEN else Version(entry=entry)
            for name in CONTENT_FIELDS:
                setattr(version, name, content.get(name, Version._meta.get_field(name).get_default()))
            version.submitted_at = now
            version = version_transition(version=version, to_status=Status.PENDING, actor=actor, now=now)
            version.activities.set(activities)
            version.photos.set(kept)
            if not entry.is_opted_in:
                _opt(entry, opted_in=True, actor=actor, now=now)
            if entry.draft_id != version.pk:
                entry.draft = version
                entry.save(update_fields=["draft", "updated_at"])
            _photos_unused_delete(entry)
    except BaseException:
        photo_files_delete(stored)
        raise
    return version


def _opt(entry: Entry, *, opted_in: bool, actor, now) -> None:
    entry.is_opted_in = opted_in
    entry._history_user = actor
    entry.save(update_fields=["is_opted_in", "updated_at"])
    action = Event.Action.OPTED_IN if opted_in else Event.Action.OPTED_OUT
    Event.objects.create(entry=entry, action=action, actor=actor, at=now)


def entry_visibility_set(*, entry: Entry, opted_in: bool, actor, now: datetime.datetime | None = None) -> Entry:
    """The licence holder hides its entry (everything at once: the public query reads the flag) or shows it again
    (its approved version, if any, is public again at once: the centre approved it already)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Entry.objects.select_for_update().select_related("licence__family").get(pk=entry.pk)
        _require_holder(locked.licence, actor)
        if locked.is_opted_in != opted_in:
            _opt(locked, opted_in=opted_in, actor=actor, now=now)
    return locked
