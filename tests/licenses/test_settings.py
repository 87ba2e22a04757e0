"""The documents storage and the licensing numbers are settings, read from the environment."""

from django.conf import settings
from django.core.files.storage import storages

from intaj_portal import settings as project_settings
from tests.test_production import manage, production_env


def test_documents_have_their_own_private_storage_outside_any_url():
    configured = project_settings.STORAGES["documents"]
    assert configured["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert configured["OPTIONS"]["location"] == project_settings.MEDIA_ROOT / "documents"
    assert not getattr(project_settings, "MEDIA_URL", "")


def test_the_documents_storage_follows_the_setting(documents_storage):
    assert storages["documents"].location == str(documents_storage)


def test_an_unknown_storage_is_refused():
    result = manage("check", env=production_env(DJANGO_DOCUMENTS_STORAGE="ftp"))
    assert result.returncode != 0
    assert "DJANGO_DOCUMENTS_STORAGE" in result.stderr


def test_the_licensing_numbers_have_their_defaults():
    assert settings.APPLICATION_SERVICE_LEVEL_WORKING_DAYS == 5
    assert settings.LICENCE_RENEWAL_WINDOW_DAYS == 30
