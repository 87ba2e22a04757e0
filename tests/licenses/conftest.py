"""Alice and Charlie as eligible families, their applications, and a private documents storage per test."""

import pytest
from django.utils import timezone

from licenses import services
from licenses.models import Status
from packages_catalog.models import Package
from tests.factories import FamilyProfileFactory
from tests.licenses.factories import complete_application


@pytest.fixture(autouse=True)
def documents_storage(settings, tmp_path):
    """Uploaded files go to a temporary directory, never to var/."""
    location = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": location}},
    }
    return location


def eligible_family(user):
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["email_confirmed_at"])
    return FamilyProfileFactory(user=user)


@pytest.fixture
def alice_family(alice):
    return eligible_family(alice)


@pytest.fixture
def charlie_family(charlie):
    return eligible_family(charlie)


@pytest.fixture
def tayeb(db):
    return Package.objects.get(code="tayeb")


@pytest.fixture
def atayeb(db):
    return Package.objects.get(code="atayeb")


@pytest.fixture
def draft(alice_family):
    """Alice's Tayeb application: answered, every required document uploaded, not sent."""
    return complete_application(family=alice_family)


@pytest.fixture
def submitted(draft, alice):
    return services.application_transition(application=draft, to_status=Status.SUBMITTED, actor=alice)


@pytest.fixture
def under_review(submitted, reviewer):
    return services.application_transition(application=submitted, to_status=Status.UNDER_REVIEW, actor=reviewer)
