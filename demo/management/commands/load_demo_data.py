"""Demo data for the embedded mode: the year the centre's news article describes (DOMAIN.md, "The figure the centre
reports"): 82 licences issued this year across the five packages, applications in every status, renewals due.

Everything goes through the real services (draft, documents, every transition), so the history, the fee
assessments and the notifications are the ones the portal itself writes; only the clock is then moved back, with
queryset updates, so processing times look like a real year's. Never run in production.
"""

import datetime
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demo.content import (
    CENTRE_MESSAGES,
    DEMO_PDF,
    FAMILY_NAMES,
    FAMILY_REPLY,
    FATHER_NAMES,
    FIRST_NAMES,
    PATHS,
    PRODUCTS,
    SHARJAH_AREAS,
    TRADE_NAMES,
)
from families.emirates_id import luhn_check_digit
from families.models import FamilyProfile, HomeTenure, User
from families.services import beneficiary_verify, family_profile_save
from intaj_portal.celery import background_work_withheld
from licenses import services
from licenses.models import (
    STEPS,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    FeeAssessment,
    Licence,
    Notice,
    Reason,
    Role,
    Status,
)
from licenses.models.application import ProductionPlace, ReferenceCounter
from licenses.selectors import application_document_checklist
from licenses.working_days import is_working_day
from notifications.models import Notification
from packages_catalog.models import Package

# The marks of the demo set: its licence numbers and its synthetic families' e-mail domain.
DEMO_LICENCE_PREFIX = "DEMO-"
SYNTHETIC_EMAIL_DOMAIN = "families.demo.intaj.ae"
DEMO_FAMILY_EMAIL = "family@demo.intaj.ae"
DEMO_REVIEWER_EMAIL = "reviewer@demo.intaj.ae"

# The article's 82 licences issued this year, by package.
LICENCES_THIS_YEAR = {"tayeb": 22, "atayeb": 20, "ibdaa": 15, "anaqa": 14, "mohra": 11}
# Applications that did not (yet) become a licence, by status: (in time, past the service level).
OTHER_APPLICATIONS = {
    Status.DRAFT: (3, 0),
    Status.SUBMITTED: (2, 2),
    Status.UNDER_REVIEW: (2, 2),
    Status.INFO_REQUESTED: (3, 0),
    Status.APPROVED: (3, 0),
    Status.REJECTED: (3, 0),
    Status.WITHDRAWN: (2, 0),
}
# Licences issued last year: some expire within the renewal window, some have expired already.
RENEWALS_DUE = 4
EXPIRED = 2

# One issued licence in seven went through a request for information first.
PATH_WITH_INFO_REQUEST = [
    Status.DRAFT,
    Status.SUBMITTED,
    Status.UNDER_REVIEW,
    Status.INFO_REQUESTED,
    Status.SUBMITTED,
    Status.UNDER_REVIEW,
    Status.APPROVED,
    Status.ISSUED,
]
# Days between a step and the one before it (from, to): (fewest, most).
GAP_DAYS = {
    (Status.DRAFT, Status.SUBMITTED): (0.5, 6),
    (Status.SUBMITTED, Status.UNDER_REVIEW): (0.1, 3),
    (Status.UNDER_REVIEW, Status.INFO_REQUESTED): (0.5, 3),
    (Status.INFO_REQUESTED, Status.SUBMITTED): (1, 6),
    (Status.UNDER_REVIEW, Status.APPROVED): (1, 8),
    (Status.UNDER_REVIEW, Status.REJECTED): (1, 6),
    (Status.SUBMITTED, Status.WITHDRAWN): (1, 5),
    (Status.APPROVED, Status.ISSUED): (2, 12),
}
# How long ago an open or closed application took its last step, in days: (in time, past the service level).
LAST_STEP_AGE_DAYS = {
    Status.DRAFT: ((0.2, 10), None),
    Status.SUBMITTED: ((0.05, 0.8), (10, 25)),
    Status.UNDER_REVIEW: ((0.05, 0.8), (8, 15)),
    Status.INFO_REQUESTED: ((0.5, 8), None),
    Status.APPROVED: ((0.5, 6), None),
    Status.REJECTED: ((5, 60), None),
    Status.WITHDRAWN: ((3, 60), None),
}


@dataclass
class Plan:
    """One application of the demo set: whose, which package, its path, and when each step happened."""

    package_code: str
    path: list[Status]
    times: list[datetime.datetime]
    issued_on: datetime.date | None = None
    family: FamilyProfile | None = None  # None: a synthetic family is created for it
    notify_family: bool = False
    application: Application | None = None
    notifications_by_step: list[list[int]] = field(default_factory=list)

    @property
    def first_submitted_at(self) -> datetime.datetime:
        return self.times[self.path.index(Status.SUBMITTED)] if Status.SUBMITTED in self.path else self.times[-1]


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A moment in office hours (08:00 to 14:00, Sharjah time) on `day`."""
    moment = datetime.datetime.combine(day, datetime.time(8)) + datetime.timedelta(minutes=rng.randrange(360))
    return timezone.make_aware(moment)


def _times_back_from(path: list[Status], end: datetime.datetime, rng: random.Random) -> list[datetime.datetime]:
    """The moment of each step of `path`, the last one at `end`, each after the one before by a plausible gap."""
    times = [end]
    for before, after in reversed(list(zip(path, path[1:], strict=False))):
        fewest, most = GAP_DAYS[(before, after)]
        times.insert(0, times[0] - datetime.timedelta(days=rng.uniform(fewest, most)))
    return times


def _working_day_near(day: datetime.date, *, first: datetime.date, last: datetime.date) -> datetime.date:
    """`day`, or the Friday before it (the Monday after when that is before `first`): DED issues on working days."""
    earlier = day
    while not is_working_day(earlier):
        earlier -= datetime.timedelta(days=1)
    if earlier >= first:
        return earlier
    later = day
    while not is_working_day(later) and later < last:
        later += datetime.timedelta(days=1)
    return later


def _plans(*, now: datetime.datetime, demo_family: FamilyProfile | None, rng: random.Random) -> list[Plan]:
    """What the demo set holds, in the order the applications were first sent (so references follow each other)."""
    today = timezone.localdate(now)
    jan_1 = datetime.date(today.year, 1, 1)
    latest = now - datetime.timedelta(minutes=5)
    plans = []

    codes = [code for code, count in LICENCES_THIS_YEAR.items() for _ in range(count)]
    rng.shuffle(codes)
    span = (today - jan_1).days
    total = len(codes)
    for index, code in enumerate(codes):
        day = jan_1 + datetime.timedelta(days=round(index * span / max(total - 1, 1)))
        day = _working_day_near(day, first=jan_1, last=today)
        path = PATH_WITH_INFO_REQUEST if index % 7 == 3 else PATHS[Status.ISSUED]
        end = min(_at(day, rng), latest) if day == today else _at(day, rng)
        plans.append(Plan(code, path, _times_back_from(path, end, rng), issued_on=day))

    for status, (in_time, overdue) in OTHER_APPLICATIONS.items():
        for late in [False] * in_time + [True] * overdue:
            fewest, most = LAST_STEP_AGE_DAYS[status][late]
            end = now - datetime.timedelta(days=rng.uniform(fewest, most))
            path = PATHS[status]
            plans.append(Plan(rng.choice(list(LICENCES_THIS_YEAR)), path, _times_back_from(path, end, rng)))

    last_year_end = datetime.date(today.year - 1, 12, 31)
    year_ago = today - datetime.timedelta(days=365)
    last_year = [
        min(year_ago + datetime.timedelta(days=rng.randint(3, 28)), last_year_end) for _ in range(RENEWALS_DUE)
    ]
    last_year += [year_ago - datetime.timedelta(days=rng.randint(20, 120)) for _ in range(EXPIRED)]
    for day in last_year:
        day = _working_day_near(day, first=datetime.date(day.year, 1, 1), last=last_year_end)
        path = PATHS[Status.ISSUED]
        plans.append(Plan(rng.choice(list(LICENCES_THIS_YEAR)), path, _times_back_from(path, _at(day, rng), rng), day))

    if demo_family is not None:
        # The demo family's licence is the latest Tayeb one of the year; its Atayeb application waits for its answer.
        issued = max((p for p in plans if p.package_code == "tayeb" and p.issued_on), key=lambda p: p.issued_on)
        issued.family, issued.notify_family = demo_family, True
        path = PATHS[Status.INFO_REQUESTED]
        times = _times_back_from(path, now - datetime.timedelta(days=2), rng)
        plans.append(Plan("atayeb", path, times, family=demo_family, notify_family=True))
    return sorted(plans, key=lambda plan: plan.first_submitted_at)


def _date_of_birth(rng: random.Random) -> datetime.date:
    return datetime.date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28))


def _emirates_id(date_of_birth: datetime.date, serial: int) -> str:
    """A valid Emirates ID: the holder's birth year, then the Luhn check digit over the first 14 digits."""
    digits = f"784{date_of_birth.year:04d}{serial:07d}"
    return f"784-{date_of_birth.year:04d}-{serial:07d}-{luhn_check_digit(digits)}"


class Command(BaseCommand):
    help = "Load the demo year (82 licences this year, applications in every status) into the embedded database."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded in production.")
        if Licence.objects.filter(number__startswith=DEMO_LICENCE_PREFIX).exists():
            self.stdout.write("Demo data already loaded: nothing to do.")
            self._summary()
            self._benefits()
            return
        reviewer = User.objects.filter(email=DEMO_REVIEWER_EMAIL).first()
        family_user = User.objects.filter(email=DEMO_FAMILY_EMAIL).first()
        if reviewer is None or family_user is None:
            raise CommandError("Run `manage.py load_demo` first: the demo data uses its family and reviewer.")

        started = time.monotonic()
        self.rng = random.Random(2009)  # the year the centre opened: the same demo year on every machine
        self.reviewer = reviewer
        self.reasons = {kind: list(Reason.objects.filter(kind=kind, is_active=True)) for kind in Reason.Kind.values}
        self.packages = {package.code: package for package in Package.objects.prefetch_related("activities")}
        with background_work_withheld(), transaction.atomic():
            now = timezone.now()
            first_notification = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
            counters = dict(ReferenceCounter.objects.values_list("year", "last_number"))
            demo_family = self._demo_family(family_user, now=now)
            plans = _plans(now=now, demo_family=demo_family, rng=self.rng)
            for number, plan in enumerate(plans, start=1):
                plan.family = plan.family or self._synthetic_family(number, joined=plan.times[0])
                self._walk(plan)
                self._backdate(plan)
            self._references_renumber(plans, counters=counters, first_notification=first_notification)
            services.licence_expire_due(today=timezone.localdate(now))
        self.stdout.write(f"Demo data loaded in {time.monotonic() - started:.1f} s.")
        self._summary()
        self._benefits()

    def _benefits(self) -> None:
        """The year's exhibitions and courses, with the places the demo year's families took (once)."""
        call_command("load_demo_benefits", stdout=self.stdout)
        call_command("load_demo_showcase", stdout=self.stdout)

    # The families

    def _profile_values(self, *, date_of_birth, serial: int, name: int, sssd_file_number: str = "") -> dict:
        rng = self.rng
        first, father, family = FIRST_NAMES[name % len(FIRST_NAMES)], rng.choice(FATHER_NAMES), rng.choice(FAMILY_NAMES)
        area = rng.choice(SHARJAH_AREAS)
        return {
            "full_name_ar": f"{first[0]} {father[0]} {family[0]}",
            "full_name_en": f"{first[1]} {father[1]} {family[1]}",
            "emirates_id": _emirates_id(date_of_birth, serial),
            "date_of_birth": date_of_birth,
            "nationality": "AE",
            "emirate": "sharjah",
            "area": area,
            "address": f"Villa {rng.randint(1, 80)}, Street {rng.randint(1, 40)}, {area}, Sharjah",
            "home_tenure": HomeTenure.RENTED if rng.random() < 0.25 else HomeTenure.OWNED,
            "sssd_file_number": sssd_file_number,
            "mobile": "",
            "preferred_language": "en" if rng.random() < 0.2 else "ar",
        }

    def _demo_family(self, user: User, *, now: datetime.datetime) -> FamilyProfile | None:
        """The demo family account gets a complete profile, as a verified SSSD beneficiary; None when it already
        has applications of its own (someone used the demo), which are left alone."""
        if Application.objects.filter(family__user=user).exists():
            return None
        date_of_birth = datetime.date(1982, 5, 17)
        values = {
            **self._profile_values(date_of_birth=date_of_birth, serial=4417001, name=1),
            "full_name_ar": "فاطمة سالم الكتبي",
            "full_name_en": "Fatima Salem Al Ketbi",
            "area": "Al Khan",
            "address": "Villa 12, Street 4, Al Khan, Sharjah",
            "home_tenure": HomeTenure.OWNED,
            "sssd_file_number": "SSSD-2019-04417",
            "mobile": "+971501234567",
            "preferred_language": "ar",
        }
        profile, _lifted = family_profile_save(actor=user, values=values)
        return beneficiary_verify(profile=profile, actor=self.reviewer, file_number=values["sssd_file_number"])

    def _synthetic_family(self, number: int, *, joined: datetime.datetime) -> FamilyProfile:
        """A family that never logs in (no usable password) and is told nothing, with a valid profile; one in three
        a verified SSSD beneficiary."""
        rng = self.rng
        user = User.objects.create_user(email=f"family{number:03d}@{SYNTHETIC_EMAIL_DOMAIN}", email_confirmed_at=joined)
        beneficiary = rng.random() < 1 / 3
        values = self._profile_values(
            date_of_birth=_date_of_birth(rng),
            serial=8_000_000 + number,
            name=rng.randrange(len(FIRST_NAMES)),
            sssd_file_number=f"SSSD-{rng.randint(2012, 2024)}-{rng.randint(1000, 99999):05d}" if beneficiary else "",
        )
        profile, _lifted = family_profile_save(actor=user, values=values)
        if beneficiary:
            profile = beneficiary_verify(profile=profile, actor=self.reviewer, file_number=values["sssd_file_number"])
        return profile

    # The applications

    def _walk(self, plan: Plan) -> None:
        """Take the application along its path through the real services, noting the notifications of each step."""
        family, rng = plan.family, self.rng
        user = family.user
        package = self.packages[plan.package_code]
        application = services.application_draft_create(family=family, package=package, actor=user)
        trade_name_ar, trade_name_en = rng.choice(TRADE_NAMES[plan.package_code])
        activities = [a for a in package.activities.all() if a.is_active]
        application = services.application_update(
            application=application,
            actor=user,
            answers={
                "trade_name_ar": trade_name_ar,
                "trade_name_en": trade_name_en,
                "products_description": PRODUCTS[plan.package_code],
                "production_place": rng.choice(ProductionPlace.values),
                "production_address": family.address,
            },
            activities=rng.sample(activities, k=min(len(activities), rng.randint(1, 2))),
        )
        for item in application_document_checklist(application=application):
            if item.required:
                services.application_document_add(
                    application=application,
                    document_type=item.document_type,
                    file=SimpleUploadedFile(f"{item.document_type.code}.pdf", DEMO_PDF, "application/pdf"),
                    actor=user,
                )
        plan.notifications_by_step = [[]]
        arabic = user.preferred_language == "ar"
        for index, to_status in enumerate(plan.path[1:], start=1):
            last = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
            details = {}
            if to_status in CENTRE_MESSAGES:
                details["reason"] = rng.choice(self.reasons[STEPS[to_status].reason_kind])
                details["message"] = CENTRE_MESSAGES[to_status][0 if arabic else 1]
            if to_status == Status.SUBMITTED and plan.path[index - 1] == Status.INFO_REQUESTED:
                details["message"] = FAMILY_REPLY[0 if arabic else 1]
            if to_status == Status.ISSUED:
                details["issued_on"] = plan.issued_on
                details["licence_number"] = f"{DEMO_LICENCE_PREFIX}{plan.issued_on.year}-{application.pk:05d}"
            application = services.application_transition(
                application=application,
                to_status=to_status,
                actor=user if STEPS[to_status].role == Role.FAMILY else self.reviewer,
                notify_family=plan.notify_family,
                **details,
            )
            plan.notifications_by_step.append(
                list(Notification.objects.filter(id__gt=last).values_list("id", flat=True))
            )
        plan.application = application

    def _backdate(self, plan: Plan) -> None:
        """Move every timestamp of the application to its planned moment, and compute its fee as of its approval.

        The fee is computed here rather than by the task after commit so that it reads the backdated approval
        date and its own times can be backdated too; the task then finds it computed and does nothing.
        """
        application, times, path = plan.application, plan.times, plan.path
        events = list(ApplicationEvent.objects.filter(application=application).order_by("id"))
        for event, moment in zip(events, times, strict=True):
            event.at = moment
        ApplicationEvent.objects.bulk_update(events, ["at"])
        submissions = [moment for status, moment in zip(path, times, strict=True) if status == Status.SUBMITTED]
        decisions = [m for s, m in zip(path, times, strict=True) if s in (Status.APPROVED, Status.REJECTED)]
        Application.objects.filter(pk=application.pk).update(
            created_at=times[0],
            updated_at=times[-1],
            submitted_at=submissions[0] if submissions else None,
            last_submitted_at=submissions[-1] if submissions else None,
            decided_at=decisions[-1] if decisions else None,
        )
        ApplicationDocument.objects.filter(application=application).update(
            uploaded_at=times[0] + datetime.timedelta(minutes=20)
        )
        for index, ids in enumerate(plan.notifications_by_step):
            self._notifications_backdate(
                ids, at=times[index], read_at=times[index + 1] if index + 1 < len(times) else None
            )
        if Status.APPROVED in path:
            decided = decisions[-1]
            assessment = FeeAssessment.objects.get(application=application, superseded_at__isnull=True)
            last = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
            services.fee_assess(assessment_id=assessment.pk)
            computed = decided + datetime.timedelta(minutes=2)
            FeeAssessment.objects.filter(pk=assessment.pk).update(created_at=decided, computed_at=computed)
            self._notifications_backdate(
                Notification.objects.filter(id__gt=last).values_list("id", flat=True), at=computed, read_at=None
            )
        if plan.issued_on:
            Licence.objects.filter(application=application).update(created_at=times[-1], updated_at=times[-1])
        joined = times[0] - datetime.timedelta(days=self.rng.uniform(1, 30))
        if plan.family.user.email.endswith(SYNTHETIC_EMAIL_DOMAIN):
            User.objects.filter(pk=plan.family.user_id).update(date_joined=joined, email_confirmed_at=joined)
            FamilyProfile.objects.filter(pk=plan.family.pk).update(
                created_at=joined,
                updated_at=joined,
                beneficiary_verified_at=(joined + (times[0] - joined) / 2)
                if plan.family.is_verified_beneficiary
                else None,
            )

    def _notifications_backdate(self, ids, *, at: datetime.datetime, read_at: datetime.datetime | None) -> None:
        """Notifications of a step carry the step's moment. Staff notices about an application that has moved on
        since are read (the reviewer acted on them); the family's stay unread, for the bell."""
        notifications = Notification.objects.filter(id__in=list(ids))
        notifications.update(created_at=at)
        if read_at is not None:
            notifications.filter(kind=Notice.STAFF_APPLICATION_SUBMITTED).update(read_at=read_at)

    def _references_renumber(self, plans: list[Plan], *, counters: dict[int, int], first_notification: int) -> None:
        """Give references by the year of the (backdated) first submission, in submission order, without gaps.

        Every submission of the load took this year's next number; the counter rows stay locked by the load's
        transaction, so no one else took a number meanwhile, and the numbers can be given again in order: last
        year's submissions from last year's counter, this year's from where this year's counter stood.
        """
        sent = [plan.application for plan in plans if plan.application.reference]
        renamed = {}
        for application in sent:
            application.refresh_from_db(fields=["reference", "submitted_at"])
            year = timezone.localdate(application.submitted_at).year
            counters[year] = counters.get(year, 0) + 1
            renamed[application.reference] = f"ETM-{year}-{counters[year]:06d}"
            application.reference = f"TMP-{application.pk}"
        Application.objects.bulk_update(sent, ["reference"])
        for application, reference in zip(sent, renamed.values(), strict=True):
            application.reference = reference
        Application.objects.bulk_update(sent, ["reference"])
        for year, last_number in counters.items():
            ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": last_number})
        notifications = list(Notification.objects.filter(id__gt=first_notification))
        for notification in notifications:
            reference = notification.context.get("reference")
            if reference in renamed:
                notification.context = {**notification.context, "reference": renamed[reference]}
        Notification.objects.bulk_update(notifications, ["context"])

    # The summary

    def _summary(self) -> None:
        year = timezone.localdate().year
        issued = Counter(Licence.objects.filter(issued_on__year=year).values_list("package__code", flat=True))
        self.stdout.write(f"Licences issued in {year}: {sum(issued.values())}")
        for package in Package.objects.order_by("display_order", "code"):
            self.stdout.write(f"  {package.name_en:<10} {issued.get(package.code, 0):>4}")
        by_status = Counter(Application.objects.values_list("status", flat=True))
        self.stdout.write("Applications by status:")
        for status in Status:
            self.stdout.write(f"  {status.value:<16} {by_status.get(status.value, 0):>4}")
        due = Licence.objects.filter(
            status=Licence.Status.ACTIVE,
            expires_on__range=(timezone.localdate(), timezone.localdate() + datetime.timedelta(days=30)),
        ).count()
        expired = Licence.objects.filter(status=Licence.Status.EXPIRED).count()
        self.stdout.write(f"Renewals due within 30 days: {due}   Expired licences: {expired}")
