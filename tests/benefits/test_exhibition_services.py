"""The booth applications' rules: who may apply, how reviewers decide without giving more booths than there are,
the waiting list, attendance, and what the family is told."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from benefits import services
from benefits.exceptions import ActorNotAllowed, BenefitError, NoPlaceLeft, NotEligible, StepNotAllowed
from benefits.models import BoothApplication, BoothApplicationEvent, BoothStatus, Notice
from intaj_portal.errors import ServiceError
from notifications.models import Notification
from tests.benefits.conftest import licence_holder
from tests.benefits.factories import exhibition_make
from tests.factories import UserFactory
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


def apply(family, exhibition, **kwargs):
    return services.exhibition_apply(
        exhibition=exhibition, family=family, products="Oud and bukhoor", actor=family.user, **kwargs
    )


def decide(application, to_status, actor, **kwargs):
    return services.booth_application_transition(
        booth_application=application, to_status=to_status, actor=actor, **kwargs
    )


def notices_of(family):
    return list(Notification.objects.filter(recipient=family.user).order_by("id").values_list("kind", flat=True))


# Applying


def test_a_licence_holder_applies_for_a_booth_and_is_told_once(alice_family):
    exhibition = exhibition_make()
    application = apply(alice_family, exhibition)
    assert application.status == BoothStatus.APPLIED
    assert application.licence == alice_family.licences.get()
    assert application.products == "Oud and bukhoor"
    assert notices_of(alice_family) == [Notice.BOOTH_APPLIED]
    notification = Notification.objects.get()
    assert notification.context["exhibition_en"] == exhibition.name_en
    assert notification.context["path"] == f"/exhibitions/{exhibition.pk}/"
    event = BoothApplicationEvent.objects.get()
    assert (event.from_status, event.to_status, event.actor) == ("", BoothStatus.APPLIED, alice_family.user)


def test_a_family_without_a_licence_cannot_apply(db):
    family = eligible_family(UserFactory())
    with pytest.raises(NotEligible) as refused:
        apply(family, exhibition_make())
    assert refused.value.code == "no_licence"
    assert not BoothApplication.objects.exists()


def test_a_licence_that_expires_before_the_exhibition_ends_cannot_apply(db):
    # Issued 360 days ago: valid until 5 days from now, before the exhibition that opens in 20 days.
    family = licence_holder(issued_days_ago=360)
    with pytest.raises(NotEligible) as refused:
        apply(family, exhibition_make())
    assert refused.value.code == "licence_expired"


def test_a_licence_of_a_package_the_exhibition_does_not_admit_cannot_apply(alice_family):
    with pytest.raises(NotEligible) as refused:
        apply(alice_family, exhibition_make(packages=("atayeb", "ibdaa")))
    assert refused.value.code == "package_not_admitted"


def test_a_family_with_a_licence_of_an_admitted_package_among_others_applies_with_it(db):
    family = licence_holder(package_code="atayeb")
    from tests.licenses.factories import licence_for

    licence_for(family=family, package_code="tayeb", issued_on=timezone.localdate())
    application = apply(family, exhibition_make(packages=("tayeb",)))
    assert application.licence.package.code == "tayeb"


def test_no_application_after_the_last_day_to_apply(alice_family):
    exhibition = exhibition_make(deadline_in=2)
    late = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(NotEligible) as refused:
        apply(alice_family, exhibition, now=late)
    assert refused.value.code == "deadline_passed"


def test_a_family_applies_once_per_exhibition_even_after_withdrawing(alice_family):
    exhibition = exhibition_make()
    application = apply(alice_family, exhibition)
    with pytest.raises(NotEligible) as refused:
        apply(alice_family, exhibition)
    assert refused.value.code == "already_applied"
    decide(application, BoothStatus.WITHDRAWN, alice_family.user)
    with pytest.raises(NotEligible):
        apply(alice_family, exhibition)


def test_an_unpublished_exhibition_takes_no_application(alice_family):
    with pytest.raises(NotEligible) as refused:
        apply(alice_family, exhibition_make(is_published=False))
    assert refused.value.code == "not_published"


def test_the_products_must_be_said(alice_family):
    with pytest.raises(BenefitError) as refused:
        services.exhibition_apply(
            exhibition=exhibition_make(), family=alice_family, products="  ", actor=alice_family.user
        )
    assert refused.value.field == "products"


def test_nobody_applies_for_another_family(alice_family, charlie):
    with pytest.raises(ActorNotAllowed):
        services.exhibition_apply(exhibition=exhibition_make(), family=alice_family, products="Oud", actor=charlie)


# Deciding


def test_a_reviewer_accepts_until_every_booth_is_taken_then_is_refused(reviewer):
    exhibition = exhibition_make(booths=2)
    applications = [apply(licence_holder(), exhibition) for _ in range(3)]
    decide(applications[0], BoothStatus.ACCEPTED, reviewer)
    decide(applications[1], BoothStatus.ACCEPTED, reviewer)
    with pytest.raises(NoPlaceLeft):
        decide(applications[2], BoothStatus.ACCEPTED, reviewer)
    applications[2].refresh_from_db()
    assert applications[2].status == BoothStatus.APPLIED
    assert BoothApplication.objects.filter(status=BoothStatus.ACCEPTED).count() == 2


def test_accepting_tells_the_family_with_the_reviewers_words(alice_family, reviewer):
    application = apply(alice_family, exhibition_make())
    decide(application, BoothStatus.ACCEPTED, reviewer, reason="Booth 12, near the entrance.")
    notification = Notification.objects.filter(recipient=alice_family.user).latest("id")
    assert notification.kind == Notice.BOOTH_ACCEPTED
    assert notification.context["message"] == "Booth 12, near the entrance."


def test_declining_needs_a_reason_which_the_family_reads(alice_family, reviewer):
    application = apply(alice_family, exhibition_make())
    with pytest.raises(BenefitError) as refused:
        decide(application, BoothStatus.DECLINED, reviewer)
    assert refused.value.code == "reason_missing"
    decide(application, BoothStatus.DECLINED, reviewer, reason="Your products are not crafts.")
    notification = Notification.objects.filter(recipient=alice_family.user).latest("id")
    assert (notification.kind, notification.context["message"]) == (
        Notice.BOOTH_DECLINED,
        "Your products are not crafts.",
    )
    event = BoothApplicationEvent.objects.filter(to_status=BoothStatus.DECLINED).get()
    assert (event.actor, event.reason) == (reviewer, "Your products are not crafts.")


def test_the_family_is_not_told_when_the_reviewer_says_so(alice_family, reviewer):
    application = apply(alice_family, exhibition_make())
    decide(application, BoothStatus.WAITLISTED, reviewer, notify_family=False)
    assert notices_of(alice_family) == [Notice.BOOTH_APPLIED]
    assert BoothApplicationEvent.objects.get(to_status=BoothStatus.WAITLISTED).notify_family is False


@pytest.mark.parametrize("persona", ["alice", "charlie"])
def test_families_cannot_decide(request, alice_family, charlie_family, persona):
    application = apply(alice_family, exhibition_make())
    with pytest.raises(ActorNotAllowed):
        decide(application, BoothStatus.ACCEPTED, request.getfixturevalue(persona))


def test_another_family_cannot_withdraw_alices_application(alice_family, charlie_family):
    application = apply(alice_family, exhibition_make())
    with pytest.raises(ActorNotAllowed):
        decide(application, BoothStatus.WITHDRAWN, charlie_family.user)


def test_a_step_not_in_the_table_is_refused(alice_family, reviewer):
    application = apply(alice_family, exhibition_make())
    decide(application, BoothStatus.DECLINED, reviewer, reason="Full.")
    with pytest.raises(StepNotAllowed):
        decide(application, BoothStatus.ACCEPTED, reviewer)


# Withdrawing and the waiting list


def test_a_booth_given_back_goes_to_the_first_on_the_waiting_list_who_is_told(reviewer):
    exhibition = exhibition_make(booths=1)
    first, second, third = (licence_holder() for _ in range(3))
    accepted = apply(first, exhibition)
    waiting_early = apply(second, exhibition)
    waiting_late = apply(third, exhibition)
    decide(accepted, BoothStatus.ACCEPTED, reviewer)
    # Waitlisted in the other order: the list follows the order the families applied.
    decide(waiting_late, BoothStatus.WAITLISTED, reviewer)
    decide(waiting_early, BoothStatus.WAITLISTED, reviewer)

    decide(accepted, BoothStatus.WITHDRAWN, first.user)

    waiting_early.refresh_from_db()
    waiting_late.refresh_from_db()
    assert waiting_early.status == BoothStatus.ACCEPTED
    assert waiting_late.status == BoothStatus.WAITLISTED
    assert notices_of(second)[-1] == Notice.BOOTH_ACCEPTED
    offer = BoothApplicationEvent.objects.get(booth_application=waiting_early, to_status=BoothStatus.ACCEPTED)
    assert offer.actor is None


def test_withdrawing_an_application_not_yet_accepted_gives_no_booth_away(reviewer):
    exhibition = exhibition_make(booths=1)
    holder, asker, waiting = (licence_holder() for _ in range(3))
    decide(apply(holder, exhibition), BoothStatus.ACCEPTED, reviewer)
    undecided = apply(asker, exhibition)
    decide(apply(waiting, exhibition), BoothStatus.WAITLISTED, reviewer)
    decide(undecided, BoothStatus.WITHDRAWN, asker.user)
    assert BoothApplication.objects.get(family=waiting).status == BoothStatus.WAITLISTED


def test_no_withdrawal_once_the_exhibition_has_opened(alice_family, reviewer):
    exhibition = exhibition_make(starts_in=20)
    application = decide(apply(alice_family, exhibition), BoothStatus.ACCEPTED, reviewer)
    opened = timezone.now() + datetime.timedelta(days=21)
    with pytest.raises(StepNotAllowed) as refused:
        decide(application, BoothStatus.WITHDRAWN, alice_family.user, now=opened)
    assert refused.value.code == "start_passed"


def test_every_step_writes_one_history_row(alice_family, reviewer):
    application = apply(alice_family, exhibition_make())
    decide(application, BoothStatus.WAITLISTED, reviewer)
    decide(application, BoothStatus.ACCEPTED, reviewer)
    decide(application, BoothStatus.WITHDRAWN, alice_family.user)
    steps = list(application.events.values_list("from_status", "to_status"))
    assert steps == [
        ("", BoothStatus.APPLIED),
        (BoothStatus.APPLIED, BoothStatus.WAITLISTED),
        (BoothStatus.WAITLISTED, BoothStatus.ACCEPTED),
        (BoothStatus.ACCEPTED, BoothStatus.WITHDRAWN),
    ]


# Publishing


def test_managers_cannot_have_fewer_booths_than_families_accepted(manager, reviewer):
    exhibition = exhibition_make(booths=2)
    for _ in range(2):
        decide(apply(licence_holder(), exhibition), BoothStatus.ACCEPTED, reviewer)
    exhibition.booths = 1
    with pytest.raises(BenefitError) as refused:
        services.exhibition_save(exhibition=exhibition, actor=manager)
    assert refused.value.field == "booths"


def test_more_booths_go_to_the_waiting_list_in_order(manager, reviewer):
    exhibition = exhibition_make(booths=1)
    decide(apply(licence_holder(), exhibition), BoothStatus.ACCEPTED, reviewer)
    waiting = decide(apply(licence_holder(), exhibition), BoothStatus.WAITLISTED, reviewer)
    exhibition.booths = 2
    services.exhibition_save(exhibition=exhibition, actor=manager)
    waiting.refresh_from_db()
    assert waiting.status == BoothStatus.ACCEPTED


def test_only_managers_publish(reviewer):
    exhibition = exhibition_make()
    with pytest.raises(ActorNotAllowed):
        services.exhibition_save(exhibition=exhibition, actor=reviewer)


def test_the_cover_must_be_an_image_by_its_content(manager):
    exhibition = exhibition_make()
    exhibition.cover = SimpleUploadedFile("poster.png", pdf_bytes(), content_type="image/png")
    with pytest.raises(ServiceError) as refused:
        services.exhibition_save(exhibition=exhibition, actor=manager)
    assert (refused.value.field, refused.value.code) == ("cover", "type_mismatch")
    exhibition.cover = SimpleUploadedFile("poster.pdf", pdf_bytes(), content_type="application/pdf")
    with pytest.raises(ServiceError) as refused:
        services.exhibition_save(exhibition=exhibition, actor=manager)
    assert refused.value.code == "not_an_image"
    exhibition.cover = SimpleUploadedFile("poster.png", png_bytes(), content_type="image/png")
    services.exhibition_save(exhibition=exhibition, actor=manager)
    exhibition.refresh_from_db()
    assert exhibition.cover_content_type == "image/png"
    assert "poster" not in exhibition.cover.name and exhibition.cover.name.startswith("covers/")


# Attendance


def test_reviewers_record_who_came_and_their_sales_once_the_exhibition_opened(alice_family, reviewer):
    exhibition = exhibition_make(starts_in=20)
    application = decide(apply(alice_family, exhibition), BoothStatus.ACCEPTED, reviewer)
    before = timezone.now()
    with pytest.raises(BenefitError) as refused:
        services.booth_attendance_record(
            booth_application=application, attended=True, sales=None, actor=reviewer, now=before
        )
    assert refused.value.code == "not_started"
    opened = before + datetime.timedelta(days=21)
    services.booth_attendance_record(
        booth_application=application, attended=True, sales=Decimal("1250.50"), actor=reviewer, now=opened
    )
    application.refresh_from_db()
    assert (application.attended, application.sales_reported) == (True, Decimal("1250.50"))
    assert application.attendance_recorded_by == reviewer
    with pytest.raises(BenefitError):
        services.booth_attendance_record(
            booth_application=application, attended=False, sales=Decimal("10"), actor=reviewer, now=opened
        )
    with pytest.raises(ActorNotAllowed):
        services.booth_attendance_record(
            booth_application=application, attended=True, sales=None, actor=alice_family.user, now=opened
        )


def test_attendance_is_recorded_only_for_accepted_families(alice_family, reviewer):
    application = apply(alice_family, exhibition_make(starts_in=2, deadline_in=1))
    opened = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(BenefitError) as refused:
        services.booth_attendance_record(
            booth_application=application, attended=True, sales=None, actor=reviewer, now=opened
        )
    assert refused.value.code == "not_accepted"
