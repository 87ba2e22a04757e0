"""The showcase's pages: public ones without login in both languages, the family's page, the photos, and who may
see what (another family gets 404; a visitor never sees a pending or hidden entry or its photos)."""

import pytest
from django.urls import reverse

from showcase import services
from showcase.models import Entry, Photo
from showcase.workflow import Status
from tests.benefits.conftest import licence_holder
from tests.factories import UserFactory
from tests.showcase.conftest import CONTENT, entry_publish, entry_send, photo_bytes, upload


def edit_url(licence):
    return reverse("showcase:edit", kwargs={"licence_pk": licence.pk})


def photo_url(photo, width=320):
    return reverse("showcase:photo", kwargs={"pk": photo.pk, "width": width})


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_visitor_sees_an_approved_entry_with_its_photos_and_contacts(
    client, alice_licence, alice, reviewer, language
):
    entry = entry_publish(alice_licence, alice, reviewer, photos=[upload()])
    photo = entry.published.photos.get()
    listing = client.get(f"/{language}/showcase/")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert alice_licence.trade_name_ar if language == "ar" else alice_licence.trade_name_en in body
    assert f"{photo_url(photo, 320).replace('/ar/', f'/{language}/')} 320w" in body.replace("/en/", f"/{language}/")
    assert "https://wa.me/971501234567" in body
    detail = client.get(f"/{language}/showcase/{entry.pk}/")
    assert detail.status_code == 200
    assert reverse("verify:token", kwargs={"token": alice_licence.verification_token}).split("/", 2)[2] in (
        detail.content.decode()
    )
    assert 'sizes="' in detail.content.decode()


def test_a_visitor_never_sees_a_pending_entry_or_its_photos(client, alice_licence, alice):
    version = entry_send(alice_licence, alice, photos=[upload()])
    photo = version.photos.get()
    assert alice_licence.trade_name_en not in client.get("/en/showcase/").content.decode()
    assert client.get(f"/en/showcase/{version.entry_id}/").status_code == 404
    assert client.get(photo_url(photo)).status_code == 404


def test_a_pending_change_is_not_public_until_approved(client, alice_licence, alice, reviewer):
    entry = entry_publish(alice_licence, alice, reviewer, photos=[upload()])
    change = entry_send(alice_licence, alice, photos=[upload()], description_en="Brand new saffron line.")
    new_photo = change.photos.exclude(pk__in=entry.published.photos.all()).get()
    assert "saffron" not in client.get(f"/en/showcase/{entry.pk}/").content.decode()
    assert client.get(photo_url(new_photo)).status_code == 404
    services.version_transition(version=change, to_status=Status.APPROVED, actor=reviewer)
    assert "saffron" in client.get(f"/en/showcase/{entry.pk}/").content.decode()
    assert client.get(photo_url(new_photo)).status_code == 200


def test_a_public_photo_is_served_with_caching_headers_and_an_etag(client, alice_licence, alice, reviewer, settings):
    entry = entry_publish(alice_licence, alice, reviewer, photos=[upload()])
    photo = entry.published.photos.get()
    response = client.get(photo_url(photo, 640))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == f"public, max-age={settings.SHOWCASE_PHOTO_CACHE_SECONDS}"
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    again = client.get(photo_url(photo, 640), headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert client.get(photo_url(photo, 641)).status_code == 404


def test_a_hidden_entrys_photo_answers_404(client, alice_licence, alice, reviewer):
    entry = entry_publish(alice_licence, alice, reviewer, photos=[upload()])
    photo = entry.published.photos.get()
    client.force_login(alice)
    client.post(reverse("showcase:hide", kwargs={"licence_pk": alice_licence.pk}))
    client.logout()
    assert client.get(photo_url(photo)).status_code == 404
    assert client.get(f"/en/showcase/{entry.pk}/").status_code == 404


def test_the_family_sees_its_own_pending_photo_privately(client, alice_licence, alice, charlie, reviewer):
    photo = entry_send(alice_licence, alice, photos=[upload()]).photos.get()
    client.force_login(alice)
    response = client.get(photo_url(photo))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(charlie)
    assert client.get(photo_url(photo)).status_code == 404
    client.force_login(reviewer)
    assert client.get(photo_url(photo)).status_code == 200


def test_another_family_gets_404_on_the_edit_page_and_its_actions(client, alice_licence, alice, charlie):
    entry_send(alice_licence, alice)
    client.force_login(charlie)
    assert client.get(edit_url(alice_licence)).status_code == 404
    assert client.post(edit_url(alice_licence), CONTENT).status_code == 404
    assert client.post(reverse("showcase:hide", kwargs={"licence_pk": alice_licence.pk})).status_code == 404
    assert Entry.objects.get().is_opted_in


def test_a_visitor_is_sent_to_log_in_and_staff_to_the_admin(client, alice_licence, reviewer):
    response = client.get(edit_url(alice_licence))
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(reviewer)
    assert client.get(edit_url(alice_licence))["Location"].endswith("/admin/")


def test_the_family_opts_in_from_its_account_page_with_photos(client, alice_licence, alice):
    client.force_login(alice)
    home = client.get("/ar/account/").content.decode()
    assert edit_url(alice_licence).replace("/en/", "/ar/") in home.replace("/en/", "/ar/")
    assert client.get(edit_url(alice_licence)).status_code == 200
    data = {
        **CONTENT,
        "show_trade_name": "on",
        "activities": [activity.pk for activity in alice_licence.activities.all()],
        "photos": [upload("one.jpg"), upload("two.png", photo_bytes(form="PNG"), "image/png")],
    }
    response = client.post(edit_url(alice_licence), data)
    assert response.status_code == 302
    version = Entry.objects.get(licence=alice_licence).draft
    assert version.status == Status.PENDING
    assert version.photos.count() == 2
    assert version.whatsapp == "+971501234567"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "12345"),
        ("whatsapp", "+97165551234"),
        ("instagram", "not an account!"),
        ("web_shop", "http://shop.example.ae"),
        ("web_shop", "javascript:alert(1)"),
    ],
)
def test_contact_links_are_validated(client, alice_licence, alice, field, value):
    client.force_login(alice)
    response = client.post(edit_url(alice_licence), {**CONTENT, field: value})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Entry.objects.exists()


def test_contact_links_are_normalised(client, alice_licence, alice):
    client.force_login(alice)
    data = {**CONTENT, "phone": "06 555 1234", "whatsapp": "٠٥٠١٢٣٤٥٦٧", "instagram": "https://instagram.com/oud.home/"}
    assert client.post(edit_url(alice_licence), data).status_code == 302
    version = Entry.objects.get().draft
    assert (version.phone, version.whatsapp, version.instagram) == ("+97165551234", "+971501234567", "oud.home")


def test_a_non_image_upload_is_refused_on_the_form(client, alice_licence, alice):
    client.force_login(alice)
    data = {**CONTENT, "photos": [upload("menu.pdf", b"%PDF-1.4\n%x\n", "application/pdf")]}
    response = client.post(edit_url(alice_licence), data)
    assert response.status_code == 400
    assert "photos" in response.context["form"].errors
    assert not Photo.objects.exists()


def test_the_family_hides_and_shows_its_entry(client, alice_licence, alice, reviewer):
    entry = entry_publish(alice_licence, alice, reviewer)
    client.force_login(alice)
    assert client.get(reverse("showcase:hide", kwargs={"licence_pk": alice_licence.pk})).status_code == 405
    client.post(reverse("showcase:hide", kwargs={"licence_pk": alice_licence.pk}))
    assert client.get(f"/en/showcase/{entry.pk}/").status_code == 404
    client.post(reverse("showcase:show", kwargs={"licence_pk": alice_licence.pk}))
    assert client.get(f"/en/showcase/{entry.pk}/").status_code == 200


@pytest.mark.parametrize(("words", "language"), [("incense", "en"), ("بخور", "ar"), ("بخور", "en"), ("incense", "ar")])
def test_a_visitor_finds_an_entry_by_a_word_in_either_language(client, alice_licence, alice, reviewer, words, language):
    entry_publish(alice_licence, alice, reviewer)
    response = client.get(f"/{language}/showcase/", {"q": words})
    assert len(response.context["page"].object_list) == 1
    assert list(client.get(f"/{language}/showcase/", {"q": "تطريز embroidery"}).context["page"].object_list) == []


def test_a_malformed_filter_is_ignored(client, alice_licence, alice, reviewer):
    entry_publish(alice_licence, alice, reviewer)
    response = client.get("/en/showcase/", {"package": "../x", "activity": "99999999999999999999", "page": "x"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 1


def _public_entries(count: int, reviewer):
    """`count` approved entries of licences of every package, each with two photos (rows only: the list shows their
    addresses, never their files)."""
    packages = ["tayeb", "atayeb", "ibdaa", "anaqa", "mohra"]
    for number in range(count):
        family = licence_holder(UserFactory(), package_code=packages[number % len(packages)])
        licence = family.licences.get()
        version = services.entry_submit(
            licence=licence,
            actor=family.user,
            content=CONTENT,
            activities=list(licence.activities.all()),
        )
        for side in range(2):
            version.photos.add(
                Photo.objects.create(entry=version.entry, key=f"k{number}-{side}", width=800, height=600, digest="0")
            )
        services.version_transition(version=version, to_status=Status.APPROVED, actor=reviewer)


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("query", [{}, {"package": "tayeb"}, {"q": "perfumes"}])
def test_the_list_page_queries_do_not_grow_with_entries(client, reviewer, django_assert_max_num_queries, count, query):
    _public_entries(count, reviewer)
    with django_assert_max_num_queries(6):
        response = client.get("/ar/showcase/", query)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count if not query.get("package") else count // 5, 12)


def test_the_list_pages_through_entries_without_counting_them(client, reviewer):
    _public_entries(14, reviewer)
    first = client.get("/en/showcase/")
    assert len(first.context["page"].object_list) == 12 and first.context["page"].has_next
    assert 'href="?page=2" data-testid="showcase-next"' in first.content.decode()
    second = client.get("/en/showcase/", {"page": "2"})
    assert len(second.context["page"].object_list) == 2 and not second.context["page"].has_next
    assert not set(first.context["page"].object_list) & set(second.context["page"].object_list)
    assert client.get("/en/showcase/", {"page": "99999999999999999999"}).status_code == 200


def test_the_photos_sizes_are_written_as_browsers_read_them(client, alice_licence, alice, reviewer):
    entry = entry_publish(alice_licence, alice, reviewer, photos=[upload(content=photo_bytes(size=(1600, 1200)))])
    photo = entry.published.photos.get()
    body = client.get(f"/en/showcase/{entry.pk}/").content.decode()
    assert f"{photo_url(photo, 1280).replace('/ar/', '/en/')} 1280w" in body.replace("/ar/", "/en/")
    assert 'width="1600" height="1200"' in body
