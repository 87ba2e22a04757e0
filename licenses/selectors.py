"""Reads of applications and licences, with the relations their pages need (templates never query)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from families.models import FamilyProfile, HomeTenure
from families.roles import user_can_review
from families.selectors import ADULT_AGE, age_on, family_eligibility
from intaj_portal.cache import cache_get_or_compute
from licenses.exceptions import SubmissionProblem
from licenses.models import (
    OPEN_STATUSES,
    WAITING_FOR_CENTRE,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    CalendarDay,
    FeeAssessment,
    Kind,
    Licence,
    Reason,
    Status,
)
from licenses.working_days import add_working_days, public_holidays
from packages_catalog.models import MAX_DISCOUNT_PERCENT, DocumentType, Package
from packages_catalog.selectors import document_type_list_for_package, fee_schedule_in_force

# Where each eligibility problem is put right: the court letter is a document, the e-mail confirmation is on the
# account page, the rest is in the family profile.
ELIGIBILITY_STEP = {"under_18_without_court_letter": "documents", "email_unconfirmed": "account"}
DEFAULT_LATE_RENEWAL_GRACE_DAYS = 30


def application_list_for_family(*, user) -> QuerySet[Application]:
    """The family's applications, with their package, the licence they renew and the licence they led to."""
    return Application.objects.filter(family__user=user).select_related("package", "renews", "licence")


def licence_list_for_family(*, user) -> QuerySet[Licence]:
    """The family's licences, with their package, in the packages' order."""
    return Licence.objects.filter(family__user=user).select_related("package").order_by("package__display_order")


def application_open_by_package(*, family: FamilyProfile) -> dict[int, Application]:
    """The family's open application in each package, by package id."""
    return {a.package_id: a for a in Application.objects.filter(family=family, status__in=OPEN_STATUSES)}


def licence_by_package(*, family: FamilyProfile) -> dict[int, Licence]:
    """The family's licence in each package, by package id."""
    return {licence.package_id: licence for licence in Licence.objects.filter(family=family)}


def _application_detail_queryset(*, family: str = "family__user__uaepass") -> QuerySet[Application]:
    """An application with what its family's pages show; `family` says how much of the family's account to join."""
    return Application.objects.select_related("package", family, "renews", "licence").prefetch_related(
        "activities",
        Prefetch("documents", queryset=ApplicationDocument.objects.select_related("document_type")),
        Prefetch(
            "events",
            queryset=ApplicationEvent.objects.filter(is_public=True).select_related("reason"),
            to_attr="public_events",
        ),
    )


def _fee_assessments_prefetch(queryset: QuerySet[FeeAssessment]) -> Prefetch:
    """Fee assessments with their schedules, in one query whatever their number (read by `application_fees`)."""
    return Prefetch(
        "fee_assessments", queryset=queryset.select_related("schedule"), to_attr="prefetched_fee_assessments"
    )


def application_get_for_family(*, user, pk: int) -> Application:
    """The user's own application, with what its pages show; Application.DoesNotExist for anybody else's."""
    return _application_detail_queryset().get(pk=pk, family__user=user)


def application_get_for_family_page(*, user, pk: int) -> Application:
    """As `application_get_for_family`, with the current fee assessment the application's own page shows. That page
    reads nothing of the account (the family is its reader), so the account and its UAE PASS identity are not joined:
    seven tables to plan and build instances of instead of five, at every view of the page."""
    return (
        _application_detail_queryset(family="family")
        .prefetch_related(_fee_assessments_prefetch(FeeAssessment.objects.filter(superseded_at__isnull=True)))
        .get(pk=pk, family__user=user)
    )


def application_get_for_review(*, pk: int) -> Application:
    """An application with everything the admin page shows: all documents and the full history."""
    return (
        Application.objects.select_related("package", "family__user__uaepass", "renews", "licence", "assigned_reviewer")
        .prefetch_related(
            "activities",
            Prefetch("documents", queryset=ApplicationDocument.objects.select_related("document_type", "uploaded_by")),
            Prefetch(
                "events",
                queryset=ApplicationEvent.objects.select_related("reason", "actor"),
                to_attr="all_events",
            ),
            _fee_assessments_prefetch(FeeAssessment.objects.select_related("requested_by")),
        )
        .get(pk=pk)
    )


def document_get_for_user(*, user, application_pk: int, document_pk: int) -> ApplicationDocument:
    """A document its family may open, or a reviewer once the application is sent (any version of it);
    ApplicationDocument.DoesNotExist for anybody else."""
    documents = ApplicationDocument.objects.select_related("application").filter(application_id=application_pk)
    if user_can_review(user):
        documents = documents.exclude(application__status=Status.DRAFT)
    else:
        documents = documents.filter(application__family__user=user)
    return documents.get(pk=document_pk)


def application_event_latest(*, application: Application, status: str) -> ApplicationEvent | None:
    """The latest public event that moved the application to `status` (from the prefetched timeline)."""
    events = [event for event in application.public_events if event.to_status == status]
    return events[-1] if events else None


@dataclass(frozen=True)
class FeeLineRow:
    label: str
    amount: Decimal
    discount: Decimal
    net: Decimal


@dataclass(frozen=True)
class FeeDetails:
    """A fee assessment as pages show it: its lines in Decimal, the discount it applied and the schedule's rule."""

    assessment: FeeAssessment
    lines: list[FeeLineRow]
    discount_percent: Decimal
    rule_percent: Decimal | None

    @property
    def is_pending(self) -> bool:
        return self.assessment.state == FeeAssessment.State.PENDING


def fee_assessment_details(*, assessment: FeeAssessment) -> FeeDetails:
    """An assessment as its pages show it: each line with its label in the active language, the sums and the rule."""
    lines = [
        FeeLineRow(
            label=line["label"],
            amount=Decimal(line["amount"]),
            discount=Decimal(line["discount"]),
            net=Decimal(line["net"]),
        )
        for line in assessment.lines
    ]
    schedule = assessment.schedule
    return FeeDetails(
        assessment=assessment,
        lines=lines,
        discount_percent=Decimal(assessment.breakdown.get("discount_percent", "0")),
        rule_percent=min(schedule.beneficiary_discount_percent, MAX_DISCOUNT_PERCENT) if schedule else None,
    )


@dataclass(frozen=True)
class ApplicationFees:
    current: FeeDetails | None
    superseded: list[FeeDetails]


def application_fees(*, application: Application) -> ApplicationFees:
    """The current fee assessment and the superseded ones, newest first, from the prefetched assessments."""
    assessments = [
        fee_assessment_details(assessment=assessment) for assessment in application.prefetched_fee_assessments
    ]
    return ApplicationFees(
        current=next((fee for fee in assessments if fee.assessment.superseded_at is None), None),
        superseded=[fee for fee in assessments if fee.assessment.superseded_at is not None],
    )


@dataclass
class ChecklistItem:
    """One document of an application's checklist, with the files uploaded for it."""

    document_type: DocumentType
    required: bool
    current: list[ApplicationDocument] = field(default_factory=list)
    previous: list[ApplicationDocument] = field(default_factory=list)

    @property
    def several_allowed(self) -> bool:
        """Optional documents (product photos) take several files; the others one, which a new upload replaces."""
        return self.document_type.condition == DocumentType.Condition.OPTIONAL


def document_requirement(*, document_type: DocumentType, profile: FamilyProfile, on: datetime.date) -> bool | None:
    """True when the family's situation requires the document, False when it is optional, None when irrelevant."""
    condition = DocumentType.Condition
    match document_type.condition:
        case condition.ALWAYS:
            return True
        case condition.HOME_OWNED:
            return True if profile.home_tenure == HomeTenure.OWNED else None
        case condition.HOME_RENTED:
            return True if profile.home_tenure == HomeTenure.RENTED else None
        case condition.UNDER_18:
            return True if age_on(profile.date_of_birth, on) < ADULT_AGE else None
        case condition.BENEFICIARY:
            return True if profile.sssd_file_number else None
        case _:
            return False


def application_document_checklist(*, application: Application, on: datetime.date | None = None) -> list[ChecklistItem]:
    """The documents the application needs, by its package and the family's situation today, with their files.

    Files of document types that no longer concern the application (the family moved house) are listed too, as
    optional, so nothing uploaded is hidden.
    """
    on = on or timezone.localdate()
    profile = application.family
    documents = list(application.documents.all())
    items = {}
    for document_type in document_type_list_for_package(package=application.package):
        required = document_requirement(document_type=document_type, profile=profile, on=on)
        if required is not None:
            items[document_type.pk] = ChecklistItem(document_type=document_type, required=required)
    for document in documents:
        item = items.setdefault(
            document.document_type_id, ChecklistItem(document_type=document.document_type, required=False)
        )
        (item.current if document.is_current else item.previous).append(document)
    return list(items.values())


def licence_renewal_opens_on(*, licence: Licence) -> datetime.date:
    """The first day the licence can be renewed: LICENCE_RENEWAL_WINDOW_DAYS before it expires."""
    return licence.expires_on - datetime.timedelta(days=settings.LICENCE_RENEWAL_WINDOW_DAYS)


def licence_can_renew(*, licence: Licence, on: datetime.date | None = None) -> bool:
    """A licence is renewed from 30 days (configurable) before it expires, and at any time once it has expired."""
    on = on or timezone.localdate()
    return on >= licence_renewal_opens_on(licence=licence)


def licence_renewal_grace(*, on: datetime.date) -> datetime.timedelta:
    """How long after expiry a renewal is still on time, by the fee schedule in force on `on` (one query)."""
    schedule = fee_schedule_in_force(on=on)
    return datetime.timedelta(days=schedule.late_renewal_grace_days if schedule else DEFAULT_LATE_RENEWAL_GRACE_DAYS)


def licence_renewal_is_late(*, licence: Licence, on: datetime.date, grace: datetime.timedelta | None = None) -> bool:
    """DOMAIN.md: renewed more than the schedule's grace days (one month) after expiry, the late fine applies.

    `grace`, when given, is `licence_renewal_grace(on=on)` read once for several licences. A renewal by the expiry
    date is on time whatever the grace (never negative), so the schedule is read only for one after it.
    """
    if on <= licence.expires_on:
        return False
    grace = grace if grace is not None else licence_renewal_grace(on=on)
    return on > licence.expires_on + grace


def application_renewal_is_late(*, application: Application) -> bool:
    """For a renewal: late as of its first submission, or as of today while it is still a draft."""
    if not application.is_renewal:
        return False
    on = timezone.localdate(application.submitted_at) if application.submitted_at else timezone.localdate()
    return licence_renewal_is_late(licence=application.renews, on=on)


def calendar_days_off(*, year: int) -> frozenset[datetime.date]:
    """The public holidays of `year` and the years either side, as the UAE calendar has them and as staff corrected
    them in the admin (`CalendarDay`); kept in the cache for an hour, forgotten when staff change a day."""

    def compute() -> frozenset[datetime.date]:
        days = set(public_holidays(years=range(year - 1, year + 2)))
        announced = CalendarDay.objects.filter(date__year__gte=year - 1, date__year__lte=year + 1)
        for day, kind in announced.values_list("date", "kind"):
            if kind == CalendarDay.Kind.HOLIDAY:
                days.add(day)
            else:
                days.discard(day)
        return frozenset(days)

    return cache_get_or_compute(calendar_days_off_key(year=year), compute, timeout=60 * 60)


def calendar_days_off_key(*, year: int) -> str:
    """Where `calendar_days_off(year=…)` is kept in the cache."""
    return f"calendar-days-off:{year}"


def application_overdue_cutoff(*, today: datetime.date | None = None) -> datetime.datetime:
    """Applications waiting for the centre since before this moment are past the service level (working days:
    Monday to Friday, less public holidays)."""
    today = today or timezone.localdate()
    first_day_in_time = add_working_days(
        today, -settings.APPLICATION_SERVICE_LEVEL_WORKING_DAYS, days_off=calendar_days_off(year=today.year)
    )
    return timezone.make_aware(datetime.datetime.combine(first_day_in_time, datetime.time.min))


def application_is_overdue(*, application: Application, cutoff: datetime.datetime) -> bool:
    """Whether the application waits for the centre since before `cutoff` (the service level's start)."""
    return (
        application.status in WAITING_FOR_CENTRE
        and application.last_submitted_at is not None
        and application.last_submitted_at < cutoff
    )


def application_waiting_q() -> Q:
    """Applications in the centre's hands: (re)submitted and not yet sent back to the family or decided."""
    return Q(status__in=WAITING_FOR_CENTRE)


def application_overdue_q(*, cutoff: datetime.datetime) -> Q:
    """Applications waiting for the centre since before `cutoff`, as a condition for any query."""
    return application_waiting_q() & Q(last_submitted_at__lt=cutoff)


def application_list_overdue(
    *, applications: QuerySet[Application], cutoff: datetime.datetime
) -> QuerySet[Application]:
    """Those of `applications` that wait for the centre since before `cutoff`."""
    return applications.filter(application_overdue_q(cutoff=cutoff))


def fee_assessment_discount_q() -> Q:
    """Fee assessments in which the beneficiary discount took something off."""
    return Q(discount_total__gt=0)


def licence_renewal_due_q(*, today: datetime.date, field: str = "expires_on") -> Q:
    """Licences still valid that expire within the renewal window (30 days, configurable): their renewal is due.
    `field` names the last valid day (the dashboard's summary counts licences by that day)."""
    return Q(
        **{
            f"{field}__gte": today,
            f"{field}__lte": today + datetime.timedelta(days=settings.LICENCE_RENEWAL_WINDOW_DAYS),
        }
    )


def licence_expired_q(*, today: datetime.date, field: str = "expires_on") -> Q:
    """Licences past their last valid day, by date (the nightly task also marks their status); `field` as in
    `licence_renewal_due_q`."""
    return Q(**{f"{field}__lt": today})


def licence_valid_q(*, start: datetime.date, end: datetime.date) -> Q:
    """Licences valid on every day from `start` to `end`: issued by the first, not expired before the last (by date,
    as `licence_expired_q`; a renewal extends the same licence)."""
    return Q(issued_on__lte=start, expires_on__gte=end)


def licence_is_valid(*, licence: Licence, start: datetime.date, end: datetime.date) -> bool:
    """`licence_valid_q` for one licence already read."""
    return licence.issued_on <= start and licence.expires_on >= end


def application_documents_awaited(*, application: Application, request: ApplicationEvent | None) -> list[str]:
    """The codes of the documents a request for information names (`request`, its history row) that have had no
    file uploaded since it was made: the documents step is not done, and marks them, until they have."""
    named = (request.data.get("documents_requested", []) if request else []) or []
    if not named:
        return []
    answered = set(
        ApplicationDocument.objects.filter(
            application=application, document_type__code__in=named, uploaded_at__gt=request.at
        ).values_list("document_type__code", flat=True)
    )
    return [code for code in named if code not in answered]


def application_submission_problems(
    *, application: Application, on: datetime.date | None = None
) -> list[SubmissionProblem]:
    """Everything that stops the application being sent, all at once: eligibility, the licence rules, the answers
    and the documents. Empty when it can be sent."""
    on = on or timezone.localdate()
    checklist = application_document_checklist(application=application, on=on)
    court_letter_provided = any(
        item.current for item in checklist if item.document_type.condition == DocumentType.Condition.UNDER_18
    )
    problems = [
        SubmissionProblem(problem.code, problem.message, ELIGIBILITY_STEP.get(problem.code, "profile"))
        for problem in family_eligibility(
            profile=application.family, court_letter_provided=court_letter_provided, on=on
        )
    ]
    problems += _licence_problems(application, on=on)
    problems += _answer_problems(application)
    problems += [
        SubmissionProblem(
            "document_missing",
            _("Upload the document: %(name)s.") % {"name": item.document_type.name},
            "documents",
        )
        for item in checklist
        if item.required
        and not item.current
        and item.document_type.condition != DocumentType.Condition.UNDER_18  # already said by eligibility
    ]
    return problems


def _licence_problems(application: Application, *, on: datetime.date) -> list[SubmissionProblem]:
    if application.kind == Kind.RENEWAL:
        if not licence_can_renew(licence=application.renews, on=on):
            return [SubmissionProblem("renewal_not_open", _("This licence cannot be renewed yet."))]
        return []
    problems = []
    if not application.package.is_active:
        problems.append(
            SubmissionProblem("package_closed", _("This package is not open for applications at the moment."))
        )
    if Licence.objects.filter(family=application.family, package=application.package).exists():
        problems.append(
            SubmissionProblem(
                "licence_held", _("Your family already holds a licence for this package: renew it instead.")
            )
        )
    return problems


def _answer_problems(application: Application) -> list[SubmissionProblem]:
    problems = []
    active_activities = [activity for activity in application.activities.all() if activity.is_active]
    if not active_activities:
        problems.append(SubmissionProblem("activities_missing", _("Choose at least one activity."), "activities"))
    if not application.trade_name_ar.strip():
        problems.append(SubmissionProblem("trade_name_ar_missing", _("Enter the trade name in Arabic."), "business"))
    if not application.trade_name_en.strip():
        problems.append(SubmissionProblem("trade_name_en_missing", _("Enter the trade name in English."), "business"))
    if not application.products_description.strip():
        problems.append(SubmissionProblem("products_missing", _("Describe your products."), "business"))
    if not application.production_place:
        problems.append(
            SubmissionProblem("production_place_missing", _("Say where production takes place."), "production")
        )
    if not application.production_address.strip():
        problems.append(
            SubmissionProblem(
                "production_address_missing", _("Enter the address of the place of production."), "production"
            )
        )
    return problems


def reason_list_for(*, kind: str) -> QuerySet[Reason]:
    """The reasons staff may choose for a step needing a reason of `kind`, in their display order."""
    return Reason.objects.filter(kind=kind, is_active=True).order_by("display_order", "id")


def package_list_for_applying() -> QuerySet[Package]:
    """The packages open for applications, in display order."""
    return Package.objects.filter(is_active=True).order_by("display_order", "code")


@dataclass(frozen=True)
class LicenceRow:
    """A licence on the family's page, with what the family can do about its renewal."""

    licence: Licence
    can_renew: bool
    renewal_opens_on: datetime.date
    open_application: Application | None
    renewal_would_be_late: bool


@dataclass(frozen=True)
class FamilyOverview:
    applications: list[Application]
    licences: list[LicenceRow]


def family_overview(*, user, today: datetime.date) -> FamilyOverview:
    """The family's applications, newest first, and its licences with their renewal state."""
    applications = list(application_list_for_family(user=user))
    open_by_package = {a.package_id: a for a in applications if a.status in OPEN_STATUSES}
    licences = list(licence_list_for_family(user=user))
    # The schedule's grace matters only for a licence already past its expiry date (`licence_renewal_is_late`).
    grace = licence_renewal_grace(on=today) if any(licence.expires_on < today for licence in licences) else None
    rows = [
        LicenceRow(
            licence=licence,
            can_renew=licence_can_renew(licence=licence, on=today),
            renewal_opens_on=licence_renewal_opens_on(licence=licence),
            open_application=open_by_package.get(licence.package_id),
            renewal_would_be_late=licence_renewal_is_late(licence=licence, on=today, grace=grace),
        )
        for licence in licences
    ]
    return FamilyOverview(applications=applications, licences=rows)


@dataclass(frozen=True)
class FamilyApplicationsSummary:
    open_count: int
    latest: Application | None
    licences: list[Licence]


def family_applications_summary(*, family: FamilyProfile) -> FamilyApplicationsSummary:
    """What the account page says of the family's applications and licences: three queries, whatever their number."""
    applications = Application.objects.filter(family=family)
    return FamilyApplicationsSummary(
        open_count=applications.filter(status__in=OPEN_STATUSES).count(),
        latest=applications.select_related("package").order_by("-created_at", "-id").first(),
        licences=list(
            Licence.objects.filter(family=family).select_related("package").order_by("package__display_order", "id")
        ),
    )


@dataclass(frozen=True)
class PackageRow:
    """A package on the "apply" page, with what the family already has in it."""

    package: Package
    open_application: Application | None
    licence: Licence | None


def package_list_for_family(*, family: FamilyProfile) -> list[PackageRow]:
    """Each package with what the family has in it: an open application, a licence, or nothing."""
    open_applications = application_open_by_package(family=family)
    licences = licence_by_package(family=family)
    return [
        PackageRow(
            package=package, open_application=open_applications.get(package.pk), licence=licences.get(package.pk)
        )
        for package in package_list_for_applying()
    ]


def application_notification_context(*, application: Application, for_staff: bool = False) -> dict:
    """What notifications about an application say: plain JSON values, in both languages where they differ. The
    link is to the family's page of the application, or for staff (`for_staff`) to its page in the admin."""
    # Stored without its language prefix: each reader's own language is put in front when it is shown or sent.
    with translation.override("ar"):
        if for_staff:
            path = reverse("admin:licenses_application_change", args=[application.pk])
        else:
            path = reverse("licenses:application_detail", kwargs={"pk": application.pk})
        path = path.removeprefix("/ar")
    return {
        "reference": application.reference,
        "package_ar": application.package.name_ar,
        "package_en": application.package.name_en,
        "family_name_ar": application.family.full_name_ar,
        "family_name_en": application.family.full_name_en,
        "path": path,
    }


def _licence_certificate_queryset() -> QuerySet[Licence]:
    return Licence.objects.select_related("package", "application").prefetch_related("activities")


def licence_get_for_family(*, user, pk: int) -> Licence:
    """The user's own licence, with what its certificate shows; Licence.DoesNotExist for anybody else's."""
    return _licence_certificate_queryset().get(pk=pk, family__user=user)


def licence_get_for_certificate(*, pk: int) -> Licence:
    """Any licence, with what its certificate shows (for staff)."""
    return _licence_certificate_queryset().get(pk=pk)


@dataclass(frozen=True)
class LicenceVerification:
    """What the public verification page says of a licence. It holds nothing of the family that holds it (no name,
    Emirates ID, address, phone or e-mail), so no page built from it can show any."""

    number: str
    trade_name_ar: str
    trade_name_en: str
    package: Package
    issued_on: datetime.date
    renewed_on: datetime.date | None
    expires_on: datetime.date
    is_valid: bool


def _licence_verification(licences: QuerySet[Licence], *, today: datetime.date) -> LicenceVerification | None:
    licence = licences.select_related("package").first()
    if licence is None:
        return None
    return LicenceVerification(
        number=licence.number,
        trade_name_ar=licence.trade_name_ar,
        trade_name_en=licence.trade_name_en,
        package=licence.package,
        issued_on=licence.issued_on,
        renewed_on=licence.renewed_on,
        expires_on=licence.expires_on,
        is_valid=licence.is_valid_on(today),
    )


def licence_verification_by_token(*, token: str, today: datetime.date) -> LicenceVerification | None:
    """The licence whose current verification link carries `token`, or None (a token replaced by staff is unknown)."""
    return _licence_verification(Licence.objects.filter(verification_token=token), today=today)


def licence_verification_by_number(*, number: str, today: datetime.date) -> LicenceVerification | None:
    """The licence with this DED number, typed in any case, or None."""
    return _licence_verification(Licence.objects.filter(number__iexact=number), today=today)


def fee_assessment_pending_count() -> int:
    """Fee assessments still being computed (their task has not run yet): the current ones only."""
    return FeeAssessment.objects.filter(state=FeeAssessment.State.PENDING, superseded_at__isnull=True).count()


def application_overdue_count(*, today: datetime.date | None = None) -> int:
    """How many applications wait for the centre past the service level today."""
    return application_list_overdue(
        applications=Application.objects.all(), cutoff=application_overdue_cutoff(today=today)
    ).count()
