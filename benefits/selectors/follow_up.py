"""Reads of the incubation follow-up: who may have a file, which next steps are due or overdue (by the local date),
the family's timeline, and what the digest and the admin home count.

The family's reads build their own small rows from the shared fields only: `Contact.staff_notes` is never selected
for a family page, so no template can show it by mistake.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from benefits.models import Contact, FollowUpFile, Goal, GoalProgress, Referral, ReferralOutcome
from families.roles import user_can_review
from licenses.models import Application, Licence, Status

# A licence is "in renewal" while its renewal is with the centre or DED: sent, and neither refused nor withdrawn.
RENEWING = [Status.SUBMITTED, Status.UNDER_REVIEW, Status.INFO_REQUESTED, Status.APPROVED]
# What the family's pages read of a visit or call: never its staff notes.
SHARED_CONTACT_FIELDS = [
    "id",
    "file_id",
    "kind",
    "happened_on",
    "advice",
    "next_step",
    "next_step_due_on",
    "answered_at",
    "answer_note",
    "answer_photo",
    "answer_photo_type",
]


# Who may have a file


def follow_up_licence_q(*, today: datetime.date, prefix: str = "") -> Q:
    """Licences whose holder may have a follow-up file: valid today, or expired while their renewal is with the
    centre or DED."""
    renewing = Application.objects.filter(renews=OuterRef(f"{prefix}pk"), status__in=RENEWING)
    return Q(**{f"{prefix}expires_on__gte": today}) | Q(Exists(renewing))


def follow_up_licence_allowed(*, licence: Licence, today: datetime.date) -> bool:
    """`follow_up_licence_q` for one licence."""
    return licence.expires_on >= today or licence.renewals.filter(status__in=RENEWING).exists()


# Due and overdue, by the local date


def week_end(today: datetime.date) -> datetime.date:
    """The last day (Sunday) of the calendar week of `today`: the Sharjah working week is Monday to Friday."""
    return today + datetime.timedelta(days=6 - today.weekday())


def next_step_waiting_q(*, prefix: str = "") -> Q:
    """Visits and calls whose next step the family has not answered yet, in a file still open."""
    return (
        ~Q(**{f"{prefix}next_step": ""})
        & Q(**{f"{prefix}answered_at__isnull": True})
        & Q(**{f"{prefix}file__closed_on__isnull": True})
    )


def next_step_due_q(*, today: datetime.date, prefix: str = "") -> Q:
    """Waiting next steps due from today to the end of this week."""
    return next_step_waiting_q(prefix=prefix) & Q(
        **{f"{prefix}next_step_due_on__gte": today, f"{prefix}next_step_due_on__lte": week_end(today)}
    )


def next_step_overdue_q(*, today: datetime.date, prefix: str = "") -> Q:
    """Waiting next steps whose due date has passed (the due day itself is still in time)."""
    return next_step_waiting_q(prefix=prefix) & Q(**{f"{prefix}next_step_due_on__lt": today})


def reviewer_families_q(*, user, family: str = "file__licence__family") -> Q:
    """The rows (through their `family` path) of the families with an application, new or renewal, assigned to
    `user`: the reviewer's families."""
    return Q(Exists(Application.objects.filter(family=OuterRef(family), assigned_reviewer=user)))


def next_step_is_overdue(*, contact: Contact, today: datetime.date) -> bool:
    return bool(contact.next_step) and contact.answered_at is None and contact.next_step_due_on < today


@dataclass(frozen=True)
class ReviewerSteps:
    due: int
    overdue: int


def next_step_counts_for_reviewer(*, user, today: datetime.date | None = None) -> ReviewerSteps:
    """How many next steps of the reviewer's families are due this week and overdue: one query."""
    today = today or timezone.localdate()
    counts = Contact.objects.filter(reviewer_families_q(user=user)).aggregate(
        due=Count("pk", filter=next_step_due_q(today=today)),
        overdue=Count("pk", filter=next_step_overdue_q(today=today)),
    )
    return ReviewerSteps(due=counts["due"], overdue=counts["overdue"])


def next_step_overdue_items(today: datetime.date) -> list[str]:
    """The staff digest's lines: each overdue next step as its licence number and due date, the oldest first."""
    rows = (
        Contact.objects.filter(next_step_overdue_q(today=today))
        .order_by("next_step_due_on", "id")
        .values_list("file__licence__number", "next_step_due_on")
    )
    return [f"{number} ({due_on.isoformat()})" for number, due_on in rows]


# The family's timeline


@dataclass(frozen=True)
class NextStepView:
    contact_id: int
    text: str
    due_on: datetime.date
    answered_at: datetime.datetime | None
    answer_note: str
    has_photo: bool
    overdue: bool

    @property
    def is_waiting(self) -> bool:
        return self.answered_at is None


@dataclass(frozen=True)
class TimelineEntry:
    """One shared event of the file, as the family reads it."""

    on: datetime.date
    kind: str  # "contact", "goal", "progress", "referral"
    title: str
    text: str = ""
    step: NextStepView | None = None
    percent: int | None = None
    outcome: str = ""
    order: int = 0


@dataclass(frozen=True)
class GoalView:
    title: str
    percent: int
    stage: str
    target_on: datetime.date | None


@dataclass(frozen=True)
class FamilyFollowUp:
    file_id: int
    licence_number: str
    trade_name: str
    is_open: bool
    goals: list[GoalView]
    entries: list[TimelineEntry] = field(default_factory=list)

    @property
    def waiting_steps(self) -> list[NextStepView]:
        return [entry.step for entry in self.entries if entry.step is not None and entry.step.is_waiting]


def _step_view(contact: Contact, today: datetime.date) -> NextStepView | None:
    if not contact.next_step:
        return None
    return NextStepView(
        contact_id=contact.pk,
        text=contact.next_step,
        due_on=contact.next_step_due_on,
        answered_at=contact.answered_at,
        answer_note=contact.answer_note,
        has_photo=bool(contact.answer_photo),
        overdue=next_step_is_overdue(contact=contact, today=today),
    )


def _contact_entry(contact: Contact, today: datetime.date) -> TimelineEntry:
    return TimelineEntry(
        on=contact.happened_on,
        kind="contact",
        title=contact.get_kind_display(),
        text=contact.advice,
        step=_step_view(contact, today),
        order=contact.pk,
    )


def _goal_entries(goal: Goal) -> list[TimelineEntry]:
    entries = [TimelineEntry(on=goal.agreed_on, kind="goal", title=goal.title, order=goal.pk)]
    for progress in goal.progress_steps.all():
        if progress.percent or progress.note:
            entries.append(
                TimelineEntry(
                    on=progress.recorded_on,
                    kind="progress",
                    title=goal.title,
                    text=progress.note,
                    percent=progress.percent,
                    order=progress.pk,
                )
            )
    return entries


def _referral_entry(referral: Referral) -> TimelineEntry:
    return TimelineEntry(
        on=referral.referred_on,
        kind="referral",
        title=referral.partner.name,
        text=referral.outcome_note,
        outcome=referral.get_outcome_display() if referral.outcome != ReferralOutcome.PENDING else "",
        order=referral.pk,
    )


KIND_ORDER = {"contact": 3, "referral": 2, "progress": 1, "goal": 0}


def follow_up_list_for_family(*, user, today: datetime.date | None = None) -> list[FamilyFollowUp]:
    """The family's follow-up files with their shared timeline, the latest first: five queries whatever the rows
    (files, visits and calls without their staff notes, goals, their progress, referrals with their partner)."""
    today = today or timezone.localdate()
    files = list(
        FollowUpFile.objects.filter(licence__family__user=user)
        .select_related("licence")
        .prefetch_related(
            Prefetch("contacts", queryset=Contact.objects.only(*SHARED_CONTACT_FIELDS)),
            Prefetch(
                "goals",
                queryset=Goal.objects.prefetch_related(
                    Prefetch(
                        "progress_steps",
                        queryset=GoalProgress.objects.only("goal_id", "percent", "note", "recorded_on"),
                    )
                ),
            ),
            Prefetch("referrals", queryset=Referral.objects.select_related("partner")),
        )
        .order_by("-opened_on", "-id")
    )
    result = []
    for file in files:
        entries = [_contact_entry(contact, today) for contact in file.contacts.all()]
        entries += [entry for goal in file.goals.all() for entry in _goal_entries(goal)]
        entries += [_referral_entry(referral) for referral in file.referrals.all()]
        entries.sort(key=lambda entry: (entry.on, KIND_ORDER[entry.kind], entry.order), reverse=True)
        result.append(
            FamilyFollowUp(
                file_id=file.pk,
                licence_number=file.licence.number,
                trade_name=file.licence.trade_name,
                is_open=file.is_open,
                goals=[GoalView(goal.title, goal.progress, goal.stage, goal.target_on) for goal in file.goals.all()],
                entries=entries,
            )
        )
    return result


def contact_get_for_family(*, user, pk: int) -> Contact:
    """The family's own visit or call with a next step, without its staff notes; Contact.DoesNotExist otherwise."""
    return (
        Contact.objects.filter(file__licence__family__user=user)
        .exclude(next_step="")
        .only(
            *SHARED_CONTACT_FIELDS,
            "file__closed_on",
            "file__licence__number",
            "file__licence__trade_name_ar",
            "file__licence__trade_name_en",
        )
        .select_related("file__licence")
        .get(pk=pk)
    )


def contact_get_for_photo(*, user, pk: int) -> Contact:
    """A visit or call whose answer has a photo, for its family or for a reviewer; Contact.DoesNotExist otherwise."""
    contacts = Contact.objects.exclude(answer_photo="").only("id", "answer_photo", "answer_photo_type", "file_id")
    if not user_can_review(user):
        contacts = contacts.filter(file__licence__family__user=user)
    return contacts.get(pk=pk)
