"""The shared cache stopped or hung under the dashboard; PostgreSQL connections killed under a running portal."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings as django_settings

from tests.integration.conftest import (
    ROOT,
    database_backends_terminate,
    database_url,
    free_port,
    own_backend_pid,
    require_real_services,
    wait_for,
)
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import complete_application

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["stopped", "hung"])
def broken_cache(request, settings, migration_data):
    """CACHE_URL pointing at a Redis that is stopped (nothing listens: refused) or hung (accepts, never answers)."""
    port = request.getfixturevalue("hung_server").port if request.param == "hung" else free_port()
    timeout = django_settings.CACHE_TIMEOUT_SECONDS
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
        }
    }
    return request.param


def test_the_dashboard_answers_with_its_cache_stopped_or_hung(broken_cache, client, manager, alice):
    complete_application(family=eligible_family(alice))
    client.force_login(manager)
    started = time.monotonic()
    responses = [client.get("/en/staff/dashboard/") for _ in range(3)]
    seconds = (time.monotonic() - started) / len(responses)
    print(
        f"\ndashboard with its Redis cache {broken_cache}: answered {[r.status_code for r in responses]},"
        f" {seconds:.2f} s each"
    )
    assert [response.status_code for response in responses] == [200, 200, 200]
    assert seconds < 3


@pytest.fixture
def portal_server(migration_data):
    """The portal served by gunicorn (one worker, persistent database connections as in production) on the test
    database; yields its address."""
    require_real_services()
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "CELERY_", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="intaj_portal.settings", DATABASE_URL=database_url(), DB_CONN_MAX_AGE="600")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "intaj_portal.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    address = f"http://127.0.0.1:{port}"
    assert wait_for(lambda: fetch(address + "/healthz") == 200, timeout=60), "the portal did not start"
    yield address
    os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=10)


def fetch(url: str, cookie: str = "") -> int | None:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def test_after_its_database_connections_are_killed_the_portal_answers_the_next_requests(portal_server, client, alice):
    """As after a PostgreSQL restart or failover: the kept connection is found dead and replaced, no request fails."""
    client.force_login(alice)
    session = f"{django_settings.SESSION_COOKIE_NAME}={client.cookies[django_settings.SESSION_COOKIE_NAME].value}"
    pages = ["/healthz", "/en/", "/en/account/"]
    assert [fetch(portal_server + page, session) for page in pages] == [200, 200, 200]

    test_connection = own_backend_pid()
    killed, answers = [], []
    for _round in range(5):
        killed.append(database_backends_terminate(sparing={test_connection}))
        answers += [fetch(portal_server + page, session) for page in pages]
    print(
        f"\nconnections killed before each round: {killed}; pages answered 200: {answers.count(200)} of"
        f" {len(answers)} ({answers})"
    )
    assert all(count >= 1 for count in killed), "the portal kept no connection to kill"
    assert answers == [200] * len(answers)
