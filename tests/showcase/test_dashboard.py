"""The dashboard's showcase figures: entries shown today by package and versions waiting, each equal to the admin
list it links to."""

import datetime

from django.urls import reverse

from licenses.models import Licence
from tests.benefits.conftest import licence_holder
from tests.factories import UserFactory
from tests.showcase.conftest import entry_publish, entry_send, today


def test_the_dashboard_counts_the_showcase_by_package_and_the_queue(client, manager, reviewer, alice, charlie):
    tayeb = licence_holder(alice).licences.get()
    anaqa = licence_holder(charlie, package_code="anaqa").licences.get()
    entry_publish(tayeb, alice, reviewer)
    entry_publish(anaqa, charlie, reviewer)
    entry_send(anaqa, charlie, description_en="A change waiting.")
    expired_family = licence_holder(UserFactory())
    expired = expired_family.licences.get()
    entry_publish(expired, expired_family.user, reviewer)
    Licence.objects.filter(pk=expired.pk).update(expires_on=today() - datetime.timedelta(days=1))

    client.force_login(manager)
    report = client.get(reverse("dashboard:home")).context["report"]
    assert report.figures.showcase_by_package == {tayeb.package_id: 1, anaqa.package_id: 1}
    assert report.figures.showcase_pending == 1
    section = report.section["showcase"]
    for figure in section.figures:
        listing = client.get(figure.url)
        assert listing.status_code == 200
        assert listing.context["cl"].result_count == figure.value, figure.label
