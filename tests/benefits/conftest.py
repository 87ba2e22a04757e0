"""Licence holders and other families for the benefits' tests, and private storage per test."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from tests.licenses.conftest import documents_storage, eligible_family  # noqa: F401  (documents_storage: a fixture)
from tests.licenses.factories import licence_for


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Cover images go to a temporary directory, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def licence_holder(user=None, *, package_code: str = "tayeb", issued_days_ago: int = 30):
    """A family holding a licence of `package_code` issued `issued_days_ago` days ago (valid a year)."""
    family = eligible_family(user or UserFactory())
    licence_for(
        family=family,
        package_code=package_code,
        issued_on=timezone.localdate() - datetime.timedelta(days=issued_days_ago),
    )
    return family


@pytest.fixture
def alice_family(alice):
    """Alice holds a Tayeb licence."""
    return licence_holder(alice)


@pytest.fixture
def charlie_family(charlie):
    """Charlie holds a Tayeb licence too."""
    return licence_holder(charlie)
