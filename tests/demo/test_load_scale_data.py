"""`load_scale_data`: the national-scale synthetic set, here 300 applications, keeps every rule the portal keeps."""

import datetime
import io
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from demo.scale.plan import SCALE_EMAIL_DOMAIN, SCALE_LICENCE_PREFIX
from demo.scale.write import scale_applications
from families.emirates_id import emirates_id_validate
from families.models import FamilyProfile, User
from families.selectors import family_snapshot
from licenses import services
from licenses.models import (
    OPEN_STATUSES,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    FeeAssessment,
    Kind,
    Licence,
    ReferenceCounter,
    Status,
)
from licenses.selectors import application_list_overdue, application_overdue_cutoff, application_renewal_is_late
from packages_catalog.fees import DISCOUNTABLE
from packages_catalog.models import MAX_DISCOUNT_PERCENT
from tests.licenses.factories import complete_application

pytestmark = pytest.mark.django_db

COUNT = 300


def load(**options) -> str:
    out = io.StringIO()
    call_command("load_scale_data", applications=COUNT, seed=7, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def loaded():
    return load()


def test_it_writes_the_applications_asked_for_in_every_status(loaded):
    applications = scale_applications()
    assert applications.count() == Application.objects.count() == COUNT
    assert set(applications.values_list("status", flat=True)) == set(Status.values)
    assert application_list_overdue(applications=applications, cutoff=application_overdue_cutoff()).exists()
    assert applications.filter(kind=Kind.RENEWAL).exists()
    assert f"Loaded {COUNT} scale applications in" in loaded
    assert "licenses.ApplicationEvent" in loaded
    assert ("ANALYZE of the tables written" in loaded) == (connection.vendor == "postgresql")


def test_submissions_span_the_last_three_years_and_nothing_happens_in_the_future():
    now = timezone.now()
    load()
    submitted = Application.objects.exclude(submitted_at=None).values_list("submitted_at", flat=True)
    assert min(submitted) >= now - datetime.timedelta(days=3 * 365)
    assert max(submitted) <= timezone.now()
    assert not ApplicationEvent.objects.filter(at__gt=timezone.now()).exists()
    assert min(submitted) < now - datetime.timedelta(days=2 * 365)


def test_every_application_has_the_history_of_each_of_its_steps(loaded):
    events = defaultdict(list)
    for event in ApplicationEvent.objects.order_by("at", "id"):
        events[event.application_id].append(event)
    for application in Application.objects.select_related("family"):
        steps = events[application.pk]
        assert [step.from_status for step in steps] == ["", *[step.to_status for step in steps[:-1]]]
        assert steps[0].to_status == Status.DRAFT and steps[0].at == application.created_at
        assert steps[-1].to_status == application.status
        assert steps[-1].at == application.updated_at
        submissions = [step.at for step in steps if step.to_status == Status.SUBMITTED]
        assert application.submitted_at == (submissions[0] if submissions else None)
        assert application.last_submitted_at == (submissions[-1] if submissions else None)
        decisions = [step.at for step in steps if step.to_status in (Status.APPROVED, Status.REJECTED)]
        assert application.decided_at == (decisions[-1] if decisions else None)
        if application.status == Status.ISSUED:
            assert application.issued_on == timezone.localdate(steps[-1].at)
        for step in steps:
            assert step.actor_id == (
                application.family.user_id
                if step.to_status in (Status.DRAFT, Status.SUBMITTED, Status.WITHDRAWN)
                else application.assigned_reviewer_id
            )
            assert (step.reason_id is not None) == (step.to_status in (Status.INFO_REQUESTED, Status.REJECTED))


def test_licences_exist_exactly_for_the_issued_new_applications(loaded):
    issued_new = Application.objects.filter(status=Status.ISSUED, kind=Kind.NEW)
    assert set(Licence.objects.values_list("application_id", flat=True)) == set(issued_new.values_list("pk", flat=True))
    today = timezone.localdate()
    for licence in Licence.objects.all():
        assert licence.number.startswith(SCALE_LICENCE_PREFIX)
        assert licence.issued_on == licence.application.issued_on
        assert (licence.status == Licence.Status.EXPIRED) == (licence.expires_on < today)
    assert Licence.objects.filter(status=Licence.Status.EXPIRED).exists()
    assert Licence.objects.filter(renewed_on__isnull=False).exists()


def test_renewals_renew_a_licence_of_the_same_family_and_package(loaded):
    renewals = Application.objects.filter(kind=Kind.RENEWAL).select_related("renews")
    assert renewals.exists()
    for renewal in renewals:
        assert renewal.renews.family_id == renewal.family_id
        assert renewal.renews.package_id == renewal.package_id
        assert renewal.created_at.date() >= renewal.renews.issued_on
    for licence in Licence.objects.filter(renewed_on__isnull=False):
        latest = licence.renewals.filter(status=Status.ISSUED).order_by("-issued_on").first()
        assert latest.issued_on == licence.renewed_on
        assert licence.expires_on > licence.renewed_on


def test_a_family_has_at_most_one_open_application_per_package(loaded):
    open_ones = Application.objects.filter(status__in=OPEN_STATUSES).values_list("family_id", "package_id")
    assert len(open_ones) == len(set(open_ones))


def test_references_are_unique_by_year_of_submission_and_the_counter_is_past_them(loaded):
    assert not Application.objects.filter(status=Status.DRAFT).exclude(reference=None).exists()
    sent = Application.objects.exclude(status=Status.DRAFT)
    references = list(sent.values_list("reference", flat=True))
    assert None not in references and len(set(references)) == len(references)
    highest = defaultdict(int)
    for application in sent:
        prefix, year, number = application.reference.split("-")
        assert prefix == "ETM" and int(year) == timezone.localdate(application.submitted_at).year
        highest[int(year)] = max(highest[int(year)], int(number))
    counters = dict(ReferenceCounter.objects.values_list("year", "last_number"))
    assert all(counters[year] >= number for year, number in highest.items())


def test_a_real_submission_after_the_load_takes_the_next_number(submitted, charlie, charlie_family):
    before = submitted.reference
    load()
    submitted.refresh_from_db()
    assert submitted.reference == before
    draft = complete_application(family=charlie_family)
    sent = services.application_transition(application=draft, to_status=Status.SUBMITTED, actor=charlie)
    counter = ReferenceCounter.objects.get(year=timezone.localdate().year)
    assert sent.reference == f"ETM-{counter.year}-{counter.last_number:06d}"
    assert Application.objects.filter(reference=sent.reference).count() == 1


def test_approved_and_issued_applications_have_their_fee_computed_by_the_rules(loaded):
    decided = Application.objects.filter(status__in=[Status.APPROVED, Status.ISSUED])
    assessed = FeeAssessment.objects.select_related("application__family", "application__renews")
    assert set(assessed.values_list("application_id", flat=True)) == set(decided.values_list("pk", flat=True))
    for assessment in assessed:
        assert assessment.state == FeeAssessment.State.COMPUTED and assessment.superseded_at is None
        assert assessment.total == assessment.subtotal - assessment.discount_total
        verified = assessment.application.family.is_verified_beneficiary
        assert (assessment.discount_total > 0) == verified
        discountable = sum(
            Decimal(line["amount"]) for line in assessment.breakdown["lines"] if line["code"] in DISCOUNTABLE
        )
        assert assessment.discount_total * 100 <= discountable * MAX_DISCOUNT_PERCENT
        assert assessment.created_at >= assessment.application.submitted_at
        if assessment.application.status == Status.APPROVED:
            # Until the renewal is issued, the licence keeps the expiry its lateness is judged against.
            assert assessment.breakdown["late_renewal"] == application_renewal_is_late(
                application=assessment.application
            )
    assert assessed.filter(discount_total__gt=0).exists()


def test_families_are_eligible_with_unique_valid_emirates_ids_and_no_usable_password(loaded):
    profiles = FamilyProfile.objects.select_related("user").prefetch_related("household_members")
    assert profiles.count() == User.objects.filter(email__endswith=f"@{SCALE_EMAIL_DOMAIN}").count()
    for profile in profiles:
        assert emirates_id_validate(profile.emirates_id, date_of_birth=profile.date_of_birth) == profile.emirates_id
        assert not profile.user.has_usable_password()
        sent = profile.applications.exclude(status=Status.DRAFT).first()
        if sent is not None:
            assert sent.family_snapshot == family_snapshot(profile=profile)
        if profile.is_verified_beneficiary:
            assert profile.beneficiary_verified_file_number == profile.sssd_file_number
            assert profile.beneficiary_verified_at < profile.applications.earliest("created_at").created_at
    assert profiles.filter(beneficiary_verified_at__isnull=False).exists()
    assert User.objects.filter(is_staff=True, groups__name="Reviewers").exists()
    assert not Application.objects.filter(status=Status.UNDER_REVIEW, assigned_reviewer=None).exists()


def test_sent_applications_have_their_documents_metadata_without_files(loaded, documents_storage):
    sent = Application.objects.exclude(status=Status.DRAFT)
    current = ApplicationDocument.objects.filter(superseded_at=None)
    assert set(current.values_list("application_id", flat=True)) >= set(sent.values_list("pk", flat=True))
    assert ApplicationDocument.objects.filter(superseded_at__isnull=False).exists()
    assert set(ApplicationDocument.objects.values_list("content_type", flat=True)) <= {
        "application/pdf",
        "image/jpeg",
        "image/png",
    }
    assert not documents_storage.exists()


def test_it_refuses_to_load_twice(loaded):
    with pytest.raises(CommandError, match="--replace"):
        load()
    assert Application.objects.count() == COUNT


def test_replace_deletes_the_previous_set_and_loads_a_new_one(loaded, submitted):
    out = io.StringIO()
    call_command("load_scale_data", applications=COUNT + 50, seed=8, replace=True, stdout=out)
    assert "Deleted the previous scale set" in out.getvalue()
    assert scale_applications().count() == COUNT + 50
    assert Application.objects.filter(pk=submitted.pk).exists()
    profiles = FamilyProfile.objects.filter(user__email__endswith=f"@{SCALE_EMAIL_DOMAIN}")
    assert profiles.count() == User.objects.filter(email__endswith=f"@{SCALE_EMAIL_DOMAIN}").count()
    assert not FamilyProfile.history.filter(history_type="-").exists()


def test_the_same_seed_on_the_same_moment_gives_the_same_set(monkeypatch):
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)

    def fingerprint():
        # Not the keys nor the references: the second set's are allocated after the first one's.
        return list(
            Application.objects.order_by("created_at").values_list(
                "status", "kind", "package__code", "family__emirates_id", "created_at", "decided_at"
            )
        )

    load()
    first = fingerprint()
    call_command("load_scale_data", applications=COUNT, seed=7, replace=True, stdout=io.StringIO())
    assert fingerprint() == first


def test_it_refuses_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        load()
    assert not Application.objects.exists()


def test_valid_scale_licences_are_on_the_showcase_and_replace_deletes_them(loaded, client):
    from showcase.models import Entry
    from showcase.selectors import entry_list_public

    valid = Licence.objects.filter(number__startswith=SCALE_LICENCE_PREFIX, expires_on__gte=timezone.localdate())
    public = entry_list_public(today=timezone.localdate())
    assert public.count() == valid.count() > 0
    assert all(entry.published.photos.all() for entry in public[:5])
    assert client.get("/ar/showcase/").status_code == 200
    call_command("load_scale_data", applications=COUNT, seed=8, replace=True, stdout=io.StringIO())
    assert Entry.objects.count() == valid.count()
