"""Documents in S3-compatible object storage (django-storages), for real over HTTP against moto's S3 server.

Each test has a fresh bucket (`s3_storage`, tests/conftest.py). The storage is built by the settings' own
`env_storage` from the `S3_*` variables, so these tests also check what production would configure.
"""

import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.urls import reverse

from intaj_portal.env import env_storage
from licenses import services
from licenses.models import ApplicationDocument, Status
from packages_catalog.models import DocumentType
from tests.integration.servers import HungServer
from tests.licenses.factories import complete_application, pdf_bytes, upload


def url(name, language="en", **kwargs):
    return reverse(f"licenses:{name}", kwargs=kwargs).replace("/ar/", f"/{language}/", 1)


@pytest.fixture
def s3_draft(s3_storage, alice_family):
    """Alice's draft, its required documents uploaded to the bucket."""
    return complete_application(family=alice_family)


@pytest.fixture
def hung_storage(s3_storage):
    """The documents storage answers nothing: connections are accepted and never answered."""
    server = HungServer()
    s3_storage(endpoint_url=f"http://127.0.0.1:{server.port}", S3_READ_TIMEOUT_SECONDS="0.5", S3_MAX_ATTEMPTS="2")
    # The client is made now, as a web process makes it once at its first use: the timings below are the storage's.
    storages["documents"].connection  # noqa: B018
    yield server
    server.stop()


def passport(application):
    return application.documents.get(document_type__code="passport", superseded_at__isnull=True)


def test_the_documents_are_objects_in_the_bucket_under_the_documents_prefix(s3_storage, s3_draft):
    keys = s3_storage.server.keys(s3_storage.bucket)
    assert keys == sorted(f"documents/{document.file.name}" for document in s3_draft.documents.all())
    assert s3_storage.server.read(s3_storage.bucket, f"documents/{passport(s3_draft).file.name}") == pdf_bytes()


def test_an_upload_through_the_page_is_stored_in_the_bucket_and_downloads_the_same_bytes(
    client, alice, s3_storage, s3_draft
):
    content = pdf_bytes("a new passport scan")
    client.force_login(alice)
    response = client.post(
        url("application_step", pk=s3_draft.pk, step="documents"),
        {"document_passport": upload("new.pdf", content), "upload": "1"},
    )
    assert response.status_code == 302
    current = passport(s3_draft)
    assert current.original_name == "new.pdf"
    assert s3_storage.server.read(s3_storage.bucket, f"documents/{current.file.name}") == content
    download = client.get(url("document_download", pk=s3_draft.pk, document_pk=current.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Security-Policy"].startswith("sandbox;")


def test_a_replaced_file_is_kept_beside_the_new_one(alice, s3_storage, s3_draft):
    old = passport(s3_draft)
    new = services.application_document_add(
        application=s3_draft,
        document_type=DocumentType.objects.get(code="passport"),
        file=upload("again.pdf", pdf_bytes("v2")),
        actor=alice,
    )
    old.refresh_from_db()
    assert old.superseded_at is not None
    assert new.file.name.endswith("passport-v2.pdf")
    assert s3_storage.server.read(s3_storage.bucket, f"documents/{old.file.name}") == pdf_bytes()
    assert s3_storage.server.read(s3_storage.bucket, f"documents/{new.file.name}") == pdf_bytes("v2")


def test_another_family_cannot_download_from_the_bucket(client, charlie_family, charlie, s3_draft):
    client.force_login(charlie)
    response = client.get(url("document_download", pk=s3_draft.pk, document_pk=passport(s3_draft).pk))
    assert response.status_code == 404


def test_deleting_a_draft_deletes_its_objects(alice, s3_storage, s3_draft, django_capture_on_commit_callbacks):
    other = complete_application(family=s3_draft.family, package_code="atayeb")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_draft_delete(application=s3_draft, actor=alice)
    assert s3_storage.server.keys(s3_storage.bucket) == sorted(
        f"documents/{document.file.name}" for document in other.documents.all()
    )


def test_a_file_missing_from_the_bucket_answers_a_page_that_says_so(client, alice, s3_storage, s3_draft):
    document = passport(s3_draft)
    s3_storage.server.client.delete_object(Bucket=s3_storage.bucket, Key=f"documents/{document.file.name}")
    client.force_login(alice)
    response = client.get(url("document_download", pk=s3_draft.pk, document_pk=document.pk))
    assert response.status_code == 404
    content = response.content.decode()
    assert 'data-testid="document-missing"' in content
    assert url("application_detail", pk=s3_draft.pk) in content


def test_a_storage_that_hangs_answers_a_page_within_its_timeouts(client, alice, s3_draft, hung_storage):
    client.force_login(alice)
    started = time.monotonic()
    response = client.get(url("document_download", pk=s3_draft.pk, document_pk=passport(s3_draft).pk))
    seconds = time.monotonic() - started
    assert response.status_code == 503
    assert 'data-testid="storage-unavailable"' in response.content.decode()
    assert response["Retry-After"] == "60"
    assert seconds < 3


def test_an_upload_to_a_storage_that_hangs_is_refused_beside_the_file_and_nothing_changes(
    client, alice, s3_draft, hung_storage
):
    before = passport(s3_draft)
    client.force_login(alice)
    started = time.monotonic()
    response = client.post(
        url("application_step", pk=s3_draft.pk, step="documents"),
        {"document_passport": upload("new.pdf"), "upload": "1"},
    )
    seconds = time.monotonic() - started
    assert response.status_code == 400
    assert "the documents store is not answering" in response.content.decode()
    assert passport(s3_draft) == before
    assert ApplicationDocument.objects.filter(application=s3_draft, document_type__code="passport").count() == 1
    assert seconds < 3


def test_a_reviewer_is_sent_back_to_the_admin_when_the_storage_hangs(client, reviewer, s3_storage, alice_family):
    submitted = complete_application(family=alice_family, status=Status.SUBMITTED)
    server = HungServer()
    try:
        s3_storage(endpoint_url=f"http://127.0.0.1:{server.port}", S3_READ_TIMEOUT_SECONDS="0.5")
        client.force_login(reviewer)
        response = client.get(url("document_download", pk=submitted.pk, document_pk=passport(submitted).pk))
    finally:
        server.stop()
    assert response.status_code == 503
    assert reverse("admin:licenses_application_change", args=[submitted.pk]) in response.content.decode()


def test_the_s3_storage_is_private_bounded_and_never_overwrites(monkeypatch):
    monkeypatch.setenv("DJANGO_SHOWCASE_STORAGE", "s3")
    monkeypatch.setenv("S3_BUCKET", "intaj-files")
    monkeypatch.setenv("S3_READ_TIMEOUT_SECONDS", "4")
    configured = env_storage("showcase", location=None)
    options = configured["OPTIONS"]
    assert configured["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (options["bucket_name"], options["location"]) == ("intaj-files", "showcase")
    assert options["default_acl"] is None and options["file_overwrite"] is False
    config = options["client_config"]
    assert (config.connect_timeout, config.read_timeout) == (1, 4)
    assert config.retries["total_max_attempts"] == 2


def test_an_s3_storage_without_a_bucket_stops_the_process(monkeypatch):
    monkeypatch.setenv("DJANGO_DOCUMENTS_STORAGE", "s3")
    monkeypatch.delenv("S3_BUCKET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="S3_BUCKET"):
        env_storage("documents", location=None)


def test_the_embedded_default_keeps_the_documents_on_disk(monkeypatch, tmp_path):
    monkeypatch.delenv("DJANGO_DOCUMENTS_STORAGE", raising=False)
    configured = env_storage("documents", location=tmp_path)
    assert configured == {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}}
