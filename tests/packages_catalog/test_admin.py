import pytest

from packages_catalog.models import FeeSchedule
from tests.factories import fee_form

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_a_60_percent_discount_and_keeps_the_form(client, superuser):
    client.force_login(superuser)
    schedule = FeeSchedule.objects.get()
    response = client.post(
        f"/en/admin/packages_catalog/feeschedule/{schedule.pk}/change/",
        fee_form(schedule, beneficiary_discount_percent="60", renewal_fee="999.00"),
    )
    assert response.status_code == 200
    assert "The beneficiary discount cannot exceed 50%." in response.content.decode()
    assert response.context["adminform"].form["renewal_fee"].value() == "999.00"
    schedule.refresh_from_db()
    assert schedule.beneficiary_discount_percent == 50


def test_the_admin_refuses_the_discount_in_arabic_too(client, superuser):
    client.force_login(superuser)
    schedule = FeeSchedule.objects.get()
    response = client.post(
        f"/ar/admin/packages_catalog/feeschedule/{schedule.pk}/change/",
        fee_form(schedule, beneficiary_discount_percent="60"),
    )
    assert "لا يجوز أن يتجاوز خصم المستفيدين 50%." in response.content.decode()


def test_a_fee_change_in_the_admin_is_recorded_with_its_author(client, superuser):
    client.force_login(superuser)
    schedule = FeeSchedule.objects.get()
    response = client.post(
        f"/en/admin/packages_catalog/feeschedule/{schedule.pk}/change/", fee_form(schedule, renewal_fee="1050.00")
    )
    assert response.status_code == 302
    assert schedule.history.first().history_user == superuser
    assert schedule.history.first().renewal_fee == 1050


@pytest.mark.parametrize("model", ["package", "activity", "documenttype", "feeschedule"])
def test_catalogue_changelists_open_in_both_languages(client, superuser, model):
    client.force_login(superuser)
    for language in ("ar", "en"):
        assert client.get(f"/{language}/admin/packages_catalog/{model}/").status_code == 200


def test_a_family_cannot_open_the_admin(client, alice):
    client.force_login(alice)
    response = client.get("/en/admin/packages_catalog/feeschedule/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
