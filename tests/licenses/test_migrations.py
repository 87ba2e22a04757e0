"""What the licenses migrations load: the reasons staff choose from, and what each staff group may do."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from licenses.models import Licence, Reason
from tests.conftest import DATA_MIGRATIONS

pytestmark = pytest.mark.django_db

REASONS = importlib.import_module("licenses.migrations.0002_load_reasons")
PERMISSIONS = importlib.import_module("licenses.migrations.0003_staff_permissions")


def permissions_of(name):
    return set(
        Group.objects.get(name=name)
        .permissions.filter(content_type__app_label="licenses")
        .values_list("codename", flat=True)
    )


def test_reasons_for_both_steps_are_loaded_in_both_languages():
    for kind in ("info_request", "rejection"):
        reasons = Reason.objects.filter(kind=kind, is_active=True)
        assert reasons.count() >= 6
        assert all(reason.name_ar and reason.name_en for reason in reasons)
        assert reasons.filter(code="other").exists()


def test_reviewers_review_and_managers_also_keep_the_reasons():
    reviewers, managers = permissions_of("Reviewers"), permissions_of("Managers")
    assert {"view_application", "review_application", "view_licence", "view_reason"} <= reviewers
    assert "change_reason" not in reviewers
    assert {"review_application", "add_reason", "change_reason"} <= managers
    assert not {perm for perm in reviewers | managers if perm.startswith("delete_")}
    assert "change_application" not in reviewers | managers


def test_loading_again_changes_nothing():
    reasons, reviewers = Reason.objects.count(), permissions_of("Reviewers")
    REASONS.load(apps, None)
    PERMISSIONS.load(apps, None)
    assert Reason.objects.count() == reasons
    assert permissions_of("Reviewers") == reviewers


def test_transactional_tests_reload_the_licenses_data():
    assert {"licenses.migrations.0002_load_reasons", "licenses.migrations.0003_staff_permissions"} <= set(
        DATA_MIGRATIONS
    )


@pytest.mark.django_db(transaction=True)
def test_licences_recorded_before_the_certificate_each_get_their_own_verification_token(migration_data):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    from tests.factories import FamilyProfileFactory
    from tests.licenses.factories import licence_for

    before, after = ("licenses", "0008_calendar_day_permissions"), ("licenses", "0009_licence_verification_token")
    licences = [licence_for(family=FamilyProfileFactory(), issued_on=timezone.localdate()) for _ in range(3)]
    executor = MigrationExecutor(connection)
    executor.migrate([before])  # the licences are still there, without a token
    executor.loader.build_graph()
    executor.migrate([after])
    tokens = {Licence.objects.get(pk=licence.pk).verification_token for licence in licences}
    assert len(tokens) == 3
    assert all(token and len(token) >= 32 for token in tokens)


def test_families_read_the_reason_in_the_centres_message_rather_than_another_reason():
    REVISION = importlib.import_module("licenses.migrations.0010_revise_arabic_reasons")
    Reason.objects.filter(code="other").update(name_ar="سبب آخر", name_en="Another reason")
    REVISION.load(apps, None)
    for reason in Reason.objects.filter(code="other"):
        assert (reason.name_ar, reason.name_en) == ("مبيَّن في رسالة المركز", "Set out in the centre's message")
    assert Reason.history.filter(code="other", history_type="~").count() == 2
