"""Personas shared by every test: Alice and Charlie are families, the reviewer and the manager are centre staff.

Alice owns things; Charlie must never see any of them.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import override_settings

from families.roles import MANAGERS, REVIEWERS
from intaj_portal.env import env_bool
from licenses import services
from tests.factories import UserFactory

PASSWORD = "Intaj-test-pass-2026"

# Data migrations whose `load(apps, schema_editor)` is idempotent, in dependency order.
DATA_MIGRATIONS = [
    "packages_catalog.migrations.0002_load_catalogue",
    "packages_catalog.migrations.0003_revise_arabic_texts",
    "families.migrations.0003_staff_groups",
    "families.migrations.0005_staff_permissions",
    "licenses.migrations.0002_load_reasons",
    "licenses.migrations.0003_staff_permissions",
    "licenses.migrations.0006_fee_assessment_permissions",
    "licenses.migrations.0008_calendar_day_permissions",
    "licenses.migrations.0010_revise_arabic_reasons",
    "notifications.migrations.0003_staff_permissions",
    "dashboard.migrations.0002_staff_permissions",
    "benefits.migrations.0002_staff_permissions",
    "benefits.migrations.0005_follow_up_permissions",
]


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Every test hashes passwords with a fast hasher: production's PBKDF2 is slow on purpose, per persona and login.

    Production keeps Django's default hashers: the settings name none.
    """
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what one test kept (a dashboard, the days off) is not another's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def migration_data(transactional_db):
    """Put back what the data migrations load: a transactional test empties the database when it ends."""
    from packages_catalog.models import Package

    if not Package.objects.exists():
        for module in DATA_MIGRATIONS:
            importlib.import_module(module).load(apps, None)


@pytest.fixture(autouse=True)
def celery_in_process(request):
    """Unit and client tests run Celery tasks in-process; tests marked `real_broker` use a real worker."""
    if request.node.get_closest_marker("real_broker"):
        yield
        return
    from intaj_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def step(django_capture_on_commit_callbacks):
    """A workflow step whose after-commit work (Celery, in-process here) runs as it would after a real commit."""

    def transition(application, to_status, actor, **details):
        with django_capture_on_commit_callbacks(execute=True):
            return services.application_transition(application=application, to_status=to_status, actor=actor, **details)

    return transition


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.ae", password=PASSWORD)


@pytest.fixture
def charlie(db):
    return UserFactory(email="charlie@example.ae", password=PASSWORD)


@pytest.fixture
def reviewer(db):
    user = UserFactory(email="reviewer@intaj.example.ae", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=REVIEWERS))
    return user


@pytest.fixture
def manager(db):
    user = UserFactory(email="manager@intaj.example.ae", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=MANAGERS))
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@intaj.example.ae", password=PASSWORD, is_staff=True, is_superuser=True)


@pytest.fixture
def weasyprint_works():
    """Certificates need WeasyPrint and Pango: skipped on a developer's machine without them, a failure in CI."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        message = f"WeasyPrint cannot run here ({error}): install Pango (README)"
        if env_bool("CI", False):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server on a free port, for the whole run (tests/object_storage.py); each test takes its own bucket."""
    from tests.object_storage import S3Server

    server = S3Server()
    yield server
    server.stop()


@pytest.fixture
def s3_storage(settings, monkeypatch, s3_server):
    """Points the "documents" storage at a fresh bucket of the moto server, built from the `S3_*` variables by the
    settings' own `env_storage`. Returns a function that re-points it (`use(endpoint_url=…, S3_…=…)`); `.bucket`."""
    from intaj_portal.env import env_storage

    bucket = s3_server.bucket()

    def use(**overrides):
        for name, value in s3_server.environment(bucket, **overrides).items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("DJANGO_DOCUMENTS_STORAGE", "s3")
        settings.STORAGES = {**settings.STORAGES, "documents": env_storage("documents", location=None)}

    use()
    use.bucket = bucket
    use.server = s3_server
    return use
