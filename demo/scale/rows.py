"""The plan's rows, as the services would have written them, and their writing: accounts and profiles, then the
applications chunk by chunk with their history, documents and fees, then the licences and the reference counters."""

import bisect
import datetime

from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

from demo.content import CENTRE_MESSAGES, FAMILY_REPLY, PRODUCTS
from demo.scale.plan import (
    FILE_KINDS,
    SCALE_LICENCE_PREFIX,
    PlannedApplication,
    PlannedFamily,
    PlannedLicence,
    ScalePlan,
    first_free_pk,
)
from demo.scale.showcase import SHOWCASE_MODELS, scale_showcase_write
from demo.scale.write import RowWriter
from families.models import FamilyProfile, User
from families.roles import REVIEWERS
from families.selectors import family_snapshot
from licenses.history import event_fields, issue_event_data, submission_event_data
from licenses.models import (
    REVIEWER_STEPS,
    STEPS,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    FeeAssessment,
    Kind,
    Licence,
    ProductionPlace,
    ReferenceCounter,
    Status,
)
from licenses.models.licence import verification_token_new
from licenses.selectors import document_requirement, licence_renewal_is_late
from packages_catalog.fees import fee_compute
from packages_catalog.models import FeeSchedule

# Applications written per round, with their history, documents and fees.
CHUNK = 5000


def scale_rows_write(*, plan: ScalePlan) -> dict[str, int]:
    """Write every row of the plan, then move the reference counters and the key sequences past them. Returns the
    rows written per model."""
    rows = PlanRows(plan=plan)
    insert = RowWriter()
    insert(User, [_row(user) for user in plan.reviewers] + [_row(family.user) for family in plan.families])
    group = Group.objects.get(name=REVIEWERS)
    insert(User.groups.through, [{"user_id": user.pk, "group_id": group.pk} for user in plan.reviewers])
    insert(FamilyProfile, [_row(family.profile) for family in plan.families])
    for first in range(0, len(plan.applications), CHUNK):
        chunk = plan.applications[first : first + CHUNK]
        insert(Application, [rows.application_row(application) for application in chunk])
        insert(
            Application.activities.through,
            [
                {"application_id": application.pk, "activity_id": activity.pk}
                for application in chunk
                for activity in application.activities
            ],
        )
        insert(ApplicationDocument, [row for application in chunk for row in rows.documents(application)])
        insert(ApplicationEvent, [row for application in chunk for row in rows.events(application)])
        insert(FeeAssessment, [row for application in chunk if (row := rows.fee_assessment(application))])
    insert(Licence, [rows.licence_row(licence) for licence in plan.licences])
    insert(
        Licence.activities.through,
        [
            {"licence_id": licence.pk, "activity_id": activity.pk}
            for licence in plan.licences
            for activity in licence.last_issued_by.activities
        ],
    )
    for year, last_number in plan.counters.items():
        ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": last_number})
    scale_showcase_write(insert=insert, now=timezone.now())
    models = [User, FamilyProfile, Application, Licence, ApplicationEvent, ApplicationDocument, FeeAssessment]
    models += SHOWCASE_MODELS
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    return dict(insert.written)


def _row(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def licence_number(licence: PlannedLicence) -> str:
    return f"{SCALE_LICENCE_PREFIX}{licence.issued_on.year}-{licence.pk:07d}"


class PlanRows:
    """Rows of one plan. Documents and history go on drawing from the plan's `rng`, so the order in which
    `scale_rows_write` asks for them is part of what a seed gives. History, document and fee keys are allocated as
    their rows are made."""

    def __init__(self, *, plan: ScalePlan):
        self.plan = plan
        self.snapshots = {id(family): self._snapshot(family) for family in plan.families}
        self.required_documents = {}
        self.fees = {}
        self.next_pk = {model: first_free_pk(model) for model in (ApplicationEvent, ApplicationDocument, FeeAssessment)}

    def _snapshot(self, family: PlannedFamily) -> dict:
        profile = family.profile
        # family_snapshot reads the user and the household through the profile: hand it both, without a query.
        profile.user = family.user
        profile._prefetched_objects_cache = {"household_members": []}
        return family_snapshot(profile=profile)

    def _answers(self, application: PlannedApplication) -> dict:
        """The family's answers (`ANSWER_FIELDS`): on the application's row, and in its submissions' history."""
        return {
            "trade_name_ar": application.trade_names[0],
            "trade_name_en": application.trade_names[1],
            "products_description": PRODUCTS.get(application.package.code, application.package.summary_en),
            "production_place": ProductionPlace.values[application.pk % len(ProductionPlace.values)],
            "production_address": application.family.profile.address,
        }

    def application_row(self, application: PlannedApplication) -> dict:
        path, times = application.path, application.times
        submissions = [moment for status, moment in zip(path, times, strict=True) if status == Status.SUBMITTED]
        decisions = [m for s, m in zip(path, times, strict=True) if s in (Status.APPROVED, Status.REJECTED)]
        family = application.family
        return {
            "id": application.pk,
            "reference": application.reference,
            "kind": application.kind,
            "family_id": family.profile.pk,
            "package_id": application.package.pk,
            "renews_id": application.renews.pk if application.renews else None,
            **self._answers(application),
            "status": application.status,
            "assigned_reviewer_id": application.reviewer.pk if application.reviewer else None,
            "family_snapshot": self.snapshots[id(family)] if submissions else {},
            "created_at": times[0],
            "updated_at": times[-1],
            "submitted_at": submissions[0] if submissions else None,
            "last_submitted_at": submissions[-1] if submissions else None,
            "decided_at": decisions[-1] if decisions else None,
            "issued_on": times[-1].astimezone(self.plan.tz).date() if application.status == Status.ISSUED else None,
        }

    def _required_document_types(self, application: PlannedApplication) -> list:
        """The documents the application's checklist requires (the real rule; every scale family is an adult, so
        the answer depends on the package, the home and the beneficiary claim only)."""
        profile = application.family.profile
        key = (application.package.pk, profile.home_tenure, bool(profile.sssd_file_number))
        if key not in self.required_documents:
            on = application.times[0].astimezone(self.plan.tz).date()
            self.required_documents[key] = [
                document_type
                for document_type in self.plan.document_types[application.package.pk]
                if document_requirement(document_type=document_type, profile=profile, on=on)
            ]
        return self.required_documents[key]

    def _document(self, application, document_type, at: datetime.datetime) -> dict:
        rng = self.plan.rng
        _share, content_type, extension, sizes = self.plan.weighted(FILE_KINDS)
        name = f"{rng.getrandbits(128):032x}"
        stem = rng.choice([document_type.code.replace("_", "-"), f"scan_{rng.randint(1, 9999):04d}"])
        self.next_pk[ApplicationDocument] += 1
        return {
            "id": self.next_pk[ApplicationDocument] - 1,
            "application_id": application.pk,
            "document_type_id": document_type.pk,
            "file": f"{name[:2]}/{name}{extension}",
            "original_name": f"{stem}{extension}",
            "content_type": content_type,
            "size": rng.randint(*sizes),
            "uploaded_by_id": application.family.user.pk,
            "uploaded_at": at,
            "superseded_at": None,
        }

    def documents(self, application: PlannedApplication) -> list[dict]:
        """The required documents, uploaded soon after the draft was started (a draft may have only some of them),
        sometimes product photos; before a resubmission one of them is replaced, the old file kept superseded.

        Notes on the application, for its history, the documents current at each submission.
        """
        rng, path, times = self.plan.rng, application.path, application.times
        required = self._required_document_types(application)
        if application.status == Status.DRAFT:
            required = required[: rng.randint(0, len(required))]
        documents = [
            self._document(application, document_type, times[0] + datetime.timedelta(minutes=5 + 3 * number))
            for number, document_type in enumerate(required)
        ]
        replaceable = list(documents)
        photos = self.plan.photos.get(application.package.pk)
        if photos is not None and Status.SUBMITTED in path and rng.random() < 0.3:
            documents += [
                self._document(application, photos, times[0] + datetime.timedelta(minutes=40 + number))
                for number in range(rng.randint(1, 3))
            ]
        application.submitted_documents = []
        for index, status in enumerate(path):
            if status != Status.SUBMITTED:
                continue
            if index > 1 and replaceable:
                old = replaceable.pop(rng.randrange(len(replaceable)))
                old["superseded_at"] = times[index] - datetime.timedelta(minutes=rng.uniform(5, 60))
                document_type = next(t for t in required if t.pk == old["document_type_id"])
                documents.append(self._document(application, document_type, old["superseded_at"]))
            application.submitted_documents.append([d["id"] for d in documents if d["superseded_at"] is None])
        return documents

    def events(self, application: PlannedApplication) -> list[dict]:
        """One history row per step, built as `application_transition` builds them (`licenses.history`): who acts
        (the step's role), when, the reason and message of a request or a refusal, the answers and profile as sent,
        the licence as issued. Nobody was notified: the set has no notifications."""
        rng, family = self.plan.rng, application.family
        arabic = family.user.preferred_language == "ar"
        answers = self._answers(application)
        submissions = iter(application.submitted_documents)
        events, previous = [], ""
        for index, (status, moment) in enumerate(zip(application.path, application.times, strict=True)):
            reason_id, message, data = None, "", None
            reason_kind = STEPS[status].reason_kind if status in STEPS else None
            if reason_kind:
                reason_id = rng.choice(self.plan.reasons[reason_kind]).pk
                message = CENTRE_MESSAGES[status][0 if arabic else 1]
            if status == Status.SUBMITTED:
                data = submission_event_data(
                    answers=answers,
                    activities=application.activities,
                    family=self.snapshots[id(family)],
                    documents=next(submissions),
                )
                if index > 1:
                    message = FAMILY_REPLY[0 if arabic else 1]
            if status == Status.ISSUED:
                data = issue_event_data(
                    licence_number=licence_number(application.licence or application.renews),
                    issued_on=moment.astimezone(self.plan.tz).date(),
                    expires_on=application.expires_on_issued,
                )
            actor = application.reviewer if status in REVIEWER_STEPS else family.user
            self.next_pk[ApplicationEvent] += 1
            events.append(
                {
                    "id": self.next_pk[ApplicationEvent] - 1,
                    "application_id": application.pk,
                    "actor_id": actor.pk,
                    "reason_id": reason_id,
                    **event_fields(
                        from_status=previous,
                        to_status=status,
                        at=moment,
                        message=message,
                        notify_family=False,
                        data=data,
                    ),
                }
            )
            previous = status
        return events

    def fee_assessment(self, application: PlannedApplication) -> dict | None:
        """The fee of an approved application, as the task computes it from the schedule in force on the day of
        approval; a renewal sent late (`licence_renewal_is_late`, as of its first submission) pays the late fine."""
        if Status.APPROVED not in application.path:
            return None
        approved_at = application.times[application.path.index(Status.APPROVED)]
        schedule = self._schedule_on(approved_at.astimezone(self.plan.tz).date())
        late = False
        if application.kind == Kind.RENEWAL:
            sent_on = application.times[1].astimezone(self.plan.tz).date()
            late = licence_renewal_is_late(
                # The licence as it stood before this renewal extended it.
                licence=Licence(expires_on=application.renews_expired_on),
                on=sent_on,
                grace=self.plan.licence_renewal_grace(sent_on),
            )
        key = (schedule.pk, application.package.pk, application.kind, application.family.verified, late)
        if key not in self.fees:
            self.fees[key] = fee_compute(
                schedule=schedule,
                package=application.package,
                kind=application.kind,
                beneficiary_verified=application.family.verified,
                late_renewal=late,
            )
        breakdown = self.fees[key]
        self.next_pk[FeeAssessment] += 1
        return {
            "id": self.next_pk[FeeAssessment] - 1,
            "application_id": application.pk,
            "state": FeeAssessment.State.COMPUTED,
            "schedule_id": schedule.pk,
            "breakdown": breakdown.as_json(),
            "subtotal": breakdown.subtotal,
            "discount_total": breakdown.discount_total,
            "total": breakdown.total,
            "requested_by_id": application.reviewer.pk,
            "notify_family": False,
            "created_at": approved_at,
            "computed_at": min(approved_at + datetime.timedelta(minutes=2), self.plan.now),
        }

    def _schedule_on(self, day: datetime.date) -> FeeSchedule:
        """The schedule in force on `day` (`fee_schedule_in_force`, with the schedules read once)."""
        index = bisect.bisect_right(self.plan.schedule_days, day)
        if index == 0:
            raise CommandError(f"No fee schedule is in force on {day}: add one that starts earlier.")
        return self.plan.schedules[index - 1]

    def licence_row(self, licence: PlannedLicence) -> dict:
        source = licence.last_issued_by
        recorded = licence.application.times[-1]
        return {
            "id": licence.pk,
            "number": licence_number(licence),
            "family_id": licence.family.profile.pk,
            "package_id": licence.package.pk,
            "application_id": licence.application.pk,
            "trade_name_ar": source.trade_names[0],
            "trade_name_en": source.trade_names[1],
            "issued_on": licence.issued_on,
            "renewed_on": licence.renewed_on,
            "expires_on": licence.expires_on,
            "status": Licence.Status.ACTIVE if licence.expires_on >= self.plan.today else Licence.Status.EXPIRED,
            # Given here: COPY fills a left-out field with one default for every row, and tokens are unique.
            "verification_token": verification_token_new(),
            "created_at": recorded,
            "updated_at": source.times[-1],
        }
