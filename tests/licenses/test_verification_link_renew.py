"""Staff issue a new verification link for a licence: the rule (who, with a reason), its history, and the admin page."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from intaj_portal.errors import ServiceError
from licenses import services
from licenses.exceptions import ActorNotAllowed
from licenses.models import Licence
from tests.factories import UserFactory
from tests.licenses.factories import licence_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(alice_family):
    return licence_for(family=alice_family, issued_on=datetime.date(2026, 4, 10), number="SHJ-2026-0417")


def test_a_reviewer_issues_a_new_link_and_the_history_says_who_when_and_why(licence, reviewer):
    old_token = licence.verification_token
    renewed = services.licence_verification_link_renew(
        licence=licence, actor=reviewer, reason="  The family reported the certificate\nstolen  "
    )
    assert renewed.verification_token != old_token
    assert Licence.objects.get(pk=licence.pk).verification_token == renewed.verification_token
    record = renewed.history.first()
    assert record.history_type == "~"
    assert record.history_user == reviewer
    assert record.history_change_reason == "The family reported the certificate stolen"
    assert record.verification_token == renewed.verification_token
    assert record.prev_record.verification_token == old_token


def test_every_new_link_is_different(licence, manager):
    tokens = {licence.verification_token}
    for _ in range(5):
        tokens.add(
            services.licence_verification_link_renew(licence=licence, actor=manager, reason="Test").verification_token
        )
    assert len(tokens) == 6


def test_a_family_cannot_issue_a_new_link(licence, alice):
    with pytest.raises(ActorNotAllowed):
        services.licence_verification_link_renew(licence=licence, actor=alice, reason="Lost")


@pytest.mark.parametrize("reason, code", [("   ", "reason_missing"), ("x" * 101, "reason_too_long")])
def test_a_new_link_needs_a_short_reason(licence, reviewer, reason, code):
    token = licence.verification_token
    with pytest.raises(ServiceError) as refused:
        services.licence_verification_link_renew(licence=licence, actor=reviewer, reason=reason)
    assert refused.value.code == code
    assert Licence.objects.get(pk=licence.pk).verification_token == token


def test_the_admin_change_page_offers_the_new_link_to_reviewers(client, reviewer, licence):
    client.force_login(reviewer)
    body = client.get(f"/en/admin/licenses/licence/{licence.pk}/change/").content.decode()
    assert f"/en/admin/licenses/licence/{licence.pk}/verification-link/" in body
    assert f"/verify/{licence.verification_token}/" in body  # the current link, for staff to open


def test_staff_issue_a_new_link_from_the_admin_with_a_reason(client, reviewer, licence):
    client.force_login(reviewer)
    url = f"/en/admin/licenses/licence/{licence.pk}/verification-link/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200
    assert "Give the reason for the new link." in refused.content.decode()
    response = client.post(url, {"reason": "Certificate copied by a third party"})
    assert response.status_code == 302
    assert response["Location"] == f"/en/admin/licenses/licence/{licence.pk}/change/"
    licence.refresh_from_db()
    assert licence.history.first().history_change_reason == "Certificate copied by a third party"
    history = client.get(f"/en/admin/licenses/licence/{licence.pk}/history/").content.decode()
    assert "Certificate copied by a third party" in history


def test_staff_without_the_reviewer_role_cannot_issue_a_new_link(client, licence):
    clerk = UserFactory(email="clerk@intaj.example.ae", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_licence"))
    client.force_login(clerk)
    body = client.get(f"/en/admin/licenses/licence/{licence.pk}/change/").content.decode()
    assert "/verification-link/" not in body
    refused = client.post(f"/en/admin/licenses/licence/{licence.pk}/verification-link/", {"reason": "Lost"})
    assert refused.status_code == 403
    assert Licence.objects.get(pk=licence.pk).verification_token == licence.verification_token
