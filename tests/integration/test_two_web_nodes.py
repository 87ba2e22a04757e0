"""Two web nodes behind one load balancer: two gunicorn processes on their own ports over the same PostgreSQL, Redis
cache and S3 object storage (moto's server). What one node does, the other sees: documents, sessions, lockouts and
the dashboard's cache."""

import os
import re
import signal
import uuid

import pytest
import redis
import requests
from django.conf import settings as django_settings
from django.test import override_settings

from licenses.models import Status
from tests.conftest import PASSWORD
from tests.dashboard.factories import application_make
from tests.integration.conftest import database_url, require_real_services, wait_for
from tests.integration.web import gunicorn_start, healthy
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import complete_application, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def nodes(migration_data, s3_storage):
    """Two portals, `nodes[0]` and `nodes[1]` (their addresses), sharing everything a load balancer needs shared;
    `nodes.cache` is the Redis they share, `nodes.prefix` their cache keys' prefix."""
    broker = require_real_services()
    prefix = f"two-nodes-{uuid.uuid4().hex[:8]}"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "CELERY_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="intaj_portal.settings",
        DATABASE_URL=database_url(),
        CACHE_URL=broker,
        CACHE_KEY_PREFIX=prefix,
        DJANGO_DOCUMENTS_STORAGE="s3",
        AXES_FAILURE_LIMIT="3",
        **s3_storage.server.environment(s3_storage.bucket),
    )
    servers, addresses = zip(*(gunicorn_start(env) for _node in range(2)), strict=True)
    try:
        for address in addresses:
            assert wait_for(lambda address=address: healthy(address), timeout=60), f"{address} did not start"

        class Nodes(list):
            pass

        started = Nodes(addresses)
        started.cache, started.prefix = redis.Redis.from_url(broker), prefix
        yield started
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        shared = redis.Redis.from_url(broker)
        keys = list(shared.scan_iter(f"{prefix}:*"))
        if keys:
            shared.delete(*keys)


@pytest.fixture
def alice(alice):
    """Alice, her password hashed as the nodes check it (production's hashers; the tests' own fast one is not
    among them)."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        alice.set_password(PASSWORD)
    alice.save(update_fields=["password"])
    return alice


def csrf_of(session: requests.Session, url: str) -> str:
    return CSRF.search(session.get(url, timeout=10).text).group(1)


def log_in(address: str, email: str, password: str) -> requests.Response:
    """The login form, filled as a person would: its page first (the CSRF cookie and token), then the post."""
    session = requests.Session()
    url = f"{address}/en/account/login/"
    token = csrf_of(session, url)
    response = session.post(
        url,
        data={"username": email, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": url},
        allow_redirects=False,
        timeout=10,
    )
    response.session = session
    return response


def on(address: str, session: requests.Session) -> requests.Session:
    """Another node, with the cookies the browser got from the first (one site behind the load balancer)."""
    other = requests.Session()
    other.cookies.update(session.cookies)
    return other


def test_a_session_opened_on_one_node_is_valid_on_the_other(nodes, alice):
    first = log_in(nodes[0], alice.email, PASSWORD)
    assert first.status_code == 302
    second = on(nodes[1], first.session)
    page = second.get(f"{nodes[1]}/en/account/", allow_redirects=False, timeout=10)
    assert page.status_code == 200
    assert alice.email in page.text
    # Logged out on the second node: the first node no longer knows the session either.
    token = csrf_of(second, f"{nodes[1]}/en/account/")
    second.post(f"{nodes[1]}/en/account/logout/", data={"csrfmiddlewaretoken": token}, timeout=10)
    again = first.session.get(f"{nodes[0]}/en/account/", allow_redirects=False, timeout=10)
    assert again.status_code == 302
    assert "/account/login/" in again.headers["Location"]


def test_a_lockout_on_one_node_holds_on_the_other(nodes, alice):
    wrong = [log_in(nodes[0], alice.email, "not-the-password").status_code for _ in range(3)]
    assert wrong[-1] == 429
    refused = log_in(nodes[1], alice.email, PASSWORD)
    assert refused.status_code == 429
    assert "sessionid" not in refused.session.cookies


def test_a_document_uploaded_through_one_node_downloads_through_the_other(nodes, alice, s3_storage):
    draft = complete_application(family=eligible_family(alice))
    first = log_in(nodes[0], alice.email, PASSWORD).session
    step = f"{nodes[0]}/en/applications/{draft.pk}/edit/documents/"
    content = pdf_bytes("uploaded through node one")
    response = first.post(
        step,
        data={"csrfmiddlewaretoken": csrf_of(first, step), "upload": "1"},
        files={"document_passport": ("passport-new.pdf", content, "application/pdf")},
        headers={"Referer": step},
        allow_redirects=False,
        timeout=20,
    )
    assert response.status_code == 302, response.text[:500]
    document = draft.documents.get(document_type__code="passport", superseded_at__isnull=True)
    assert document.original_name == "passport-new.pdf"
    assert s3_storage.server.read(s3_storage.bucket, f"documents/{document.file.name}") == content
    second = on(nodes[1], first)
    download = second.get(f"{nodes[1]}/en/applications/{draft.pk}/documents/{document.pk}/", timeout=20)
    assert download.status_code == 200
    assert download.content == content


def test_the_dashboard_cache_is_shared(nodes, manager, client):
    application_make(status=Status.SUBMITTED)
    client.force_login(manager)
    cookie = {django_settings.SESSION_COOKIE_NAME: client.cookies[django_settings.SESSION_COOKIE_NAME].value}

    def figures(address):
        page = requests.get(f"{address}/en/staff/dashboard/", cookies=cookie, timeout=30)
        assert page.status_code == 200
        return page.text[
            page.text.index('data-testid="figures-as-of"') : page.text.index('data-testid="monthly-table"')
        ]

    first = figures(nodes[0])
    kept = list(nodes.cache.scan_iter(f"{nodes.prefix}:*dashboard:*"))
    assert len(kept) == 1
    application_make(status=Status.SUBMITTED)
    assert figures(nodes[1]) == first  # read from the cache the first node filled, not from the database
    nodes.cache.delete(*kept)
    assert figures(nodes[1]) != first  # read afresh: the new application counts
