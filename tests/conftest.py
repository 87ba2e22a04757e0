"""Personas shared by every test: Alice and Charlie are families, the reviewer and the manager are centre staff.

Alice owns things; Charlie must never see any of them.
"""

import pytest
from django.contrib.auth.models import Group

from families.roles import MANAGERS, REVIEWERS
from tests.factories import UserFactory

PASSWORD = "Intaj-test-pass-2026"


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
