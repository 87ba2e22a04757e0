"""The showcase's rules: opting in and out, moderation of every change, a licence's expiry, the photos."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.utils import timezone
from PIL import Image

from licenses.models import Licence
from notifications.models import Notification
from showcase import selectors, services
from showcase.exceptions import ActorNotAllowed, ShowcaseError, StepNotAllowed
from showcase.models import PHOTO_WIDTHS, Entry, Event, Photo, photo_name
from showcase.photos import photo_file_check
from showcase.workflow import Notice, Status
from tests.showcase.conftest import GPS_IFD, entry_publish, entry_send, photo_bytes, today, upload


def public():
    return list(selectors.entry_list_public(today=today()))


def test_nothing_is_public_before_the_family_opts_in(alice_licence):
    assert public() == []
    assert not Entry.objects.exists()


def test_an_entry_sent_is_not_public_until_a_reviewer_approves_it(alice_licence, alice, reviewer):
    version = entry_send(alice_licence, alice)
    assert version.status == Status.PENDING
    assert version.entry.is_opted_in
    assert public() == []

    services.version_transition(version=version, to_status=Status.APPROVED, actor=reviewer)
    assert public() == [version.entry]
    assert Notification.objects.filter(recipient=alice, kind=Notice.APPROVED).exists()


def test_a_change_waits_while_the_approved_version_stays_public(alice_licence, alice, reviewer):
    entry = entry_publish(alice_licence, alice, reviewer)
    change = entry_send(alice_licence, alice, description_en="Now with rose water too.")
    entry.refresh_from_db()
    assert entry.published.description_en == "Home-made perfumes and incense blended the Emirati way."
    assert entry.draft == change
    assert not list(selectors.entry_list_public(today=today(), words="rose"))

    services.version_transition(version=change, to_status=Status.APPROVED, actor=reviewer)
    entry.refresh_from_db()
    assert entry.published == change and entry.draft is None
    assert list(selectors.entry_list_public(today=today(), words="rose")) == [entry]
    statuses = list(entry.versions.order_by("pk").values_list("status", flat=True))
    assert statuses == [Status.SUPERSEDED, Status.APPROVED]


def test_a_refusal_needs_a_reason_and_tells_the_family(alice_licence, alice, reviewer):
    version = entry_send(alice_licence, alice)
    with pytest.raises(ShowcaseError) as refused:
        services.version_transition(version=version, to_status=Status.REFUSED, actor=reviewer, reason=" ")
    assert refused.value.code == "reason_missing"

    services.version_transition(version=version, to_status=Status.REFUSED, actor=reviewer, reason="Photos unclear.")
    notification = Notification.objects.get(recipient=alice, kind=Notice.REFUSED)
    assert notification.context["message"] == "Photos unclear."
    assert public() == []
    event = Event.objects.get(version=version, to_status=Status.REFUSED)
    assert (event.actor, event.from_status, event.reason) == (reviewer, Status.PENDING, "Photos unclear.")


def test_a_refused_version_sent_again_goes_back_to_the_queue(alice_licence, alice, reviewer):
    version = entry_send(alice_licence, alice)
    services.version_transition(version=version, to_status=Status.REFUSED, actor=reviewer, reason="Too short.")
    again = entry_send(alice_licence, alice, description_en="A longer description of our perfumes.")
    assert again.pk == version.pk
    again.refresh_from_db()
    assert (again.status, again.refusal_reason, again.decided_by) == (Status.PENDING, "", None)


def test_only_reviewers_decide_and_only_the_holder_sends(alice_licence, alice, charlie, reviewer):
    version = entry_send(alice_licence, alice)
    with pytest.raises(ActorNotAllowed):
        services.version_transition(version=version, to_status=Status.APPROVED, actor=alice)
    with pytest.raises(ActorNotAllowed):
        entry_send(alice_licence, charlie)
    with pytest.raises(ActorNotAllowed):
        services.entry_visibility_set(entry=version.entry, opted_in=False, actor=charlie)
    with pytest.raises(ActorNotAllowed):
        services.entry_visibility_set(entry=version.entry, opted_in=False, actor=reviewer)


def test_an_approved_version_cannot_be_approved_twice(alice_licence, alice, reviewer):
    entry = entry_publish(alice_licence, alice, reviewer)
    with pytest.raises(StepNotAllowed):
        services.version_transition(version=entry.published, to_status=Status.APPROVED, actor=reviewer)


def test_opting_out_hides_everything_at_once_and_opting_in_shows_the_approved_version(
    alice_licence, alice, reviewer, client
):
    entry = entry_publish(alice_licence, alice, reviewer, photos=[upload()])
    photo = entry.published.photos.get()
    services.entry_visibility_set(entry=entry, opted_in=False, actor=alice)
    assert public() == []
    assert client.get(f"/en/showcase/{entry.pk}/").status_code == 404
    assert client.get(f"/en/showcase/photos/{photo.pk}/320/").status_code == 404

    services.entry_visibility_set(entry=entry, opted_in=True, actor=alice)
    assert public() == [entry]
    actions = list(entry.events.exclude(action=Event.Action.STEP).values_list("action", "actor"))
    assert actions == [(Event.Action.OPTED_OUT, alice.pk), (Event.Action.OPTED_IN, alice.pk)]


def test_an_expired_licence_takes_the_entry_off_until_renewed(alice_licence, alice, reviewer):
    entry = entry_publish(alice_licence, alice, reviewer)
    Licence.objects.filter(pk=alice_licence.pk).update(expires_on=today() - datetime.timedelta(days=1))
    assert public() == []
    # No job involved: the renewal's new expiry brings it back the same moment.
    Licence.objects.filter(pk=alice_licence.pk).update(expires_on=today() + datetime.timedelta(days=365))
    assert public() == [entry]


def test_the_last_valid_day_still_shows_the_entry(alice_licence, alice, reviewer):
    entry = entry_publish(alice_licence, alice, reviewer)
    Licence.objects.filter(pk=alice_licence.pk).update(expires_on=today())
    assert public() == [entry]


def test_an_expired_licence_cannot_be_sent(alice_licence, alice):
    Licence.objects.filter(pk=alice_licence.pk).update(expires_on=today() - datetime.timedelta(days=1))
    alice_licence.refresh_from_db()
    with pytest.raises(ShowcaseError) as refused:
        entry_send(alice_licence, alice)
    assert refused.value.code == "licence_expired"


def test_stored_photos_are_resized_webp_without_exif_or_location(alice_licence, alice, showcase_storage):
    original = photo_bytes(size=(1600, 1200))
    assert GPS_IFD in Image.open(io.BytesIO(original)).getexif()
    version = entry_send(alice_licence, alice, photos=[upload(content=original)])
    photo = version.photos.get()
    assert (photo.width, photo.height) == (1600, 1200)
    for width in PHOTO_WIDTHS:
        with storages["showcase"].open(photo_name(photo.key, width)) as file:
            stored = Image.open(file)
            stored.load()
        assert stored.format == "WEBP"
        assert stored.size == (width, width * 3 // 4)
        assert len(stored.getexif()) == 0
        assert GPS_IFD not in stored.getexif()
        assert "exif" not in stored.info and "xmp" not in stored.info


def test_a_small_photo_is_never_enlarged(alice_licence, alice):
    photo = entry_send(alice_licence, alice, photos=[upload(content=photo_bytes(size=(500, 400)))]).photos.get()
    assert photo.widths == [320, 500]
    with storages["showcase"].open(photo_name(photo.key, 1280)) as file:
        assert Image.open(file).size == (500, 400)


def test_a_photo_is_stored_upright_as_the_camera_meant(alice_licence, alice):
    image = Image.new("RGB", (800, 400), (10, 120, 90))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turned 90° clockwise
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    photo = entry_send(alice_licence, alice, photos=[upload(content=buffer.getvalue())]).photos.get()
    assert (photo.width, photo.height) == (400, 800)


def test_a_non_image_is_refused():
    with pytest.raises(ValidationError) as refused:
        photo_file_check(upload("menu.pdf", b"%PDF-1.4\n%test\n", "application/pdf"))
    assert refused.value.code == "not_an_image"
    with pytest.raises(ValidationError) as refused:
        photo_file_check(upload("photo.jpg", b"GIF89a not what it says", "image/jpeg"))
    assert refused.value.code == "type"


def test_a_broken_image_is_refused():
    with pytest.raises(ValidationError) as refused:
        photo_file_check(upload("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200))
    assert refused.value.code == "unreadable"


def test_an_oversized_file_is_refused(settings):
    settings.DOCUMENT_MAX_BYTES = 10_000
    with pytest.raises(ValidationError) as refused:
        photo_file_check(upload(content=photo_bytes(size=(1200, 900), gps=False) + b"\x00" * 20_000))
    assert refused.value.code == "too_large"


def test_an_image_with_too_many_pixels_is_refused(settings):
    settings.SHOWCASE_PHOTO_MAX_PIXELS = 1_000_000
    with pytest.raises(ValidationError) as refused:
        photo_file_check(upload("big.png", photo_bytes(size=(1200, 900), form="PNG"), "image/png"))
    assert refused.value.code == "too_many_pixels"


def test_at_most_eight_photos(alice_licence, alice):
    entry_send(alice_licence, alice, photos=[upload(content=photo_bytes(size=(64, 48))) for _ in range(6)])
    with pytest.raises(ShowcaseError) as refused:
        entry_send(alice_licence, alice, photos=[upload(content=photo_bytes(size=(64, 48))) for _ in range(3)])
    assert refused.value.code == "too_many_photos"
    assert Photo.objects.count() == 6


def test_a_removed_photo_stays_public_until_the_change_is_approved(
    alice_licence, alice, reviewer, showcase_storage, django_capture_on_commit_callbacks
):
    entry = entry_publish(alice_licence, alice, reviewer, photos=[upload(), upload()])
    first, second = entry.published.photos.order_by("pk")
    change = services.entry_submit(
        licence=alice_licence,
        actor=alice,
        content={"description_ar": "وصف", "description_en": "Description"},
        activities=[],
        photos_removed=[first.pk],
    )
    assert list(change.photos.all()) == [second]
    assert Photo.objects.filter(pk=first.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.version_transition(version=change, to_status=Status.APPROVED, actor=reviewer)
    assert not Photo.objects.filter(pk=first.pk).exists()
    assert not (showcase_storage / photo_name(first.key, 320)).exists()
    assert (showcase_storage / photo_name(second.key, 320)).exists()


def test_another_licences_activity_cannot_be_shown(alice_licence, alice):
    from packages_catalog.models import Activity

    other = Activity.objects.exclude(pk__in=alice_licence.activities.all()).first()
    with pytest.raises(ShowcaseError) as refused:
        services.entry_submit(licence=alice_licence, actor=alice, content={}, activities=[other])
    assert refused.value.code == "activity"


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("perfumes", True),
        ("incense", True),
        ("عطور", True),
        ("بخور", True),
        ("Maryam", True),
        ("مريم", True),
        ("embroidery", False),
        ("تطريز", False),
    ],
)
def test_the_showcase_is_searched_by_words_in_arabic_or_english(alice_licence, alice, reviewer, words, found):
    entry = entry_publish(alice_licence, alice, reviewer)
    assert list(selectors.entry_list_public(today=today(), words=words)) == ([entry] if found else [])


def test_a_hidden_trade_name_is_not_searched(alice_licence, alice, reviewer):
    entry_publish(alice_licence, alice, reviewer, show_trade_name=False)
    assert list(selectors.entry_list_public(today=today(), words="Maryam")) == []


def test_the_showcase_is_filtered_by_package_and_activity(alice_licence, alice, reviewer, charlie):
    from tests.benefits.conftest import licence_holder

    entry = entry_publish(alice_licence, alice, reviewer)
    other = licence_holder(charlie, package_code="anaqa").licences.get()
    other_entry = entry_publish(other, charlie, reviewer)
    tayeb, anaqa = alice_licence.package, other.package
    assert list(selectors.entry_list_public(today=today(), package=tayeb)) == [entry]
    assert list(selectors.entry_list_public(today=today(), package=anaqa)) == [other_entry]
    activity = alice_licence.activities.first()
    assert list(selectors.entry_list_public(today=today(), activity=activity)) == [entry]


def test_approving_records_who_and_when(alice_licence, alice, reviewer):
    version = entry_send(alice_licence, alice)
    moment = timezone.now()
    services.version_transition(version=version, to_status=Status.APPROVED, actor=reviewer, now=moment)
    version.refresh_from_db()
    assert (version.decided_by, version.decided_at) == (reviewer, moment)
    assert version.entry.history.filter(history_user=alice).exists()
