"""Reads of the benefits: the public lists, who may take a place and why not, the family's own requests, and the
conditions the dashboard and the admin's filters share."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from benefits.exceptions import Problem
from benefits.models import (
    BOOTH_HOLDING,
    ENROLMENT_HOLDING,
    Audience,
    BoothApplication,
    BoothStatus,
    Course,
    CourseSession,
    Enrolment,
    EnrolmentStatus,
    Exhibition,
    Role,
    Until,
)
from families.models import FamilyProfile
from intaj_portal.periods import period_q
from licenses.models import Licence
from licenses.selectors import licence_is_valid
from packages_catalog.models import Package

LIST_SEPARATOR = pgettext_lazy("between items of a list", ", ")


# The public lists


def exhibition_list_published() -> QuerySet[Exhibition]:
    """Published exhibitions with the packages they admit and how many booths are left (two queries per page)."""
    taken = Count("booth_applications", filter=Q(booth_applications__status__in=BOOTH_HOLDING))
    return (
        Exhibition.objects.filter(is_published=True)
        .annotate(places_left=F("booths") - taken)
        .prefetch_related(Prefetch("packages", queryset=Package.objects.order_by("display_order", "code")))
    )


def exhibition_list_upcoming(*, today: datetime.date) -> QuerySet[Exhibition]:
    """Published exhibitions not over yet, the soonest first."""
    return exhibition_list_published().filter(ends_on__gte=today).order_by("starts_on", "id")


def exhibition_list_past(*, today: datetime.date) -> QuerySet[Exhibition]:
    """Published exhibitions that are over, the latest first."""
    return exhibition_list_published().filter(ends_on__lt=today).order_by("-starts_on", "-id")


def exhibition_get_published(*, pk: int) -> Exhibition:
    """A published exhibition with its packages and booths taken; Exhibition.DoesNotExist otherwise."""
    return exhibition_list_published().get(pk=pk)


def course_list_published() -> QuerySet[Course]:
    """Published courses that have sessions, with their package, how many sessions and seats are left."""
    return (
        Course.objects.filter(is_published=True, starts_at__isnull=False)
        .select_related("package")
        .annotate(
            places_left=F("seats")
            - Count("enrolments", filter=Q(enrolments__status__in=ENROLMENT_HOLDING), distinct=True),
            session_count=Count("sessions", distinct=True),
        )
    )


def course_list_upcoming(*, now: datetime.datetime) -> QuerySet[Course]:
    """Published courses whose last session has not ended, the soonest first."""
    return course_list_published().filter(ends_at__gte=now).order_by("starts_at", "id")


def course_list_past(*, now: datetime.datetime) -> QuerySet[Course]:
    """Published courses whose last session has ended, the latest first."""
    return course_list_published().filter(ends_at__lt=now).order_by("-starts_at", "-id")


def course_get_published(*, pk: int) -> Course:
    """A published course with its sessions in order; Course.DoesNotExist otherwise."""
    return course_list_published().prefetch_related("sessions").get(pk=pk)


# Who may take a place


def _admitted_names(packages: list[Package]) -> str:
    return str(LIST_SEPARATOR).join(str(package.name) for package in packages)


def licence_problems(
    *, licences: list[Licence], packages: list[Package], start: datetime.date, end: datetime.date
) -> tuple[Licence | None, list[Problem]]:
    """The family's licence that admits it to something held from `start` to `end` for `packages` (all of them when
    empty), or why none does: no licence, none of an admitted package, or none valid on every day."""
    if not licences:
        return None, [Problem("no_licence", _("Only families holding an Etimad licence can take part."))]
    admitted = {package.pk for package in packages}
    in_package = [licence for licence in licences if not admitted or licence.package_id in admitted]
    if not in_package:
        return None, [
            Problem(
                "package_not_admitted",
                _("Only licence holders of these packages can take part: %(packages)s.")
                % {"packages": _admitted_names(packages)},
            )
        ]
    for licence in in_package:
        if licence_is_valid(licence=licence, start=start, end=end):
            return licence, []
    latest = max(in_package, key=lambda licence: licence.expires_on)
    return None, [
        Problem(
            "licence_expired",
            _("Your licence %(number)s is valid until %(date)s: it must be valid until %(end)s. Renew it first.")
            % {"number": latest.number, "date": date_format(latest.expires_on), "end": date_format(end)},
        )
    ]


def _closed(parent, now: datetime.datetime) -> bool:
    closes_at = parent.closes_at(Until.DEADLINE)
    return closes_at is None or now >= closes_at


@dataclass(frozen=True)
class Eligibility:
    """Whether a family may ask for a place now, and with which licence (exhibitions only)."""

    problems: list[Problem] = field(default_factory=list)
    licence: Licence | None = None

    @property
    def allowed(self) -> bool:
        return not self.problems


PROFILE_MISSING = Problem("profile_missing", _("Complete your family profile first."))


def exhibition_eligibility(
    *, exhibition: Exhibition, family: FamilyProfile | None, now: datetime.datetime
) -> Eligibility:
    """Whether `family` may apply for a booth now: a published exhibition whose last day to apply has not passed, no
    earlier application of the family to it (one per exhibition, whatever became of it), and a licence of an
    admitted package valid on every day of the exhibition."""
    if not exhibition.is_published:
        return Eligibility([Problem("not_published", _("This exhibition is not open for applications."))])
    if family is None:
        return Eligibility([PROFILE_MISSING])
    if BoothApplication.objects.filter(exhibition=exhibition, family=family).exists():
        return Eligibility([Problem("already_applied", _("Your family has already applied to this exhibition."))])
    if _closed(exhibition, now):
        return Eligibility(
            [
                Problem(
                    "deadline_passed",
                    _("Applications closed on %(date)s.") % {"date": date_format(exhibition.application_deadline)},
                )
            ]
        )
    licence, problems = licence_problems(
        licences=list(Licence.objects.filter(family=family).select_related("package")),
        packages=list(exhibition.packages.all()),
        start=exhibition.starts_on,
        end=exhibition.ends_on,
    )
    return Eligibility(problems, licence)


def course_eligibility(
    *, course: Course, family: FamilyProfile | None, now: datetime.datetime, enrolment: Enrolment | None = None
) -> Eligibility:
    """Whether `family` may enrol now: a published course with sessions, before the cut-off (enrolment and
    cancelling close BENEFITS_COURSE_CUTOFF_HOURS before the first session), not enrolled or waiting already, and,
    for a course for licence holders only, a licence of the course's package (any, for a course of every package)
    valid from the first session's day to the last one's."""
    if not course.is_published or course.starts_at is None:
        return Eligibility([Problem("not_published", _("This course is not open for enrolment."))])
    if family is None:
        return Eligibility([PROFILE_MISSING])
    if enrolment is None:
        enrolment = Enrolment.objects.filter(course=course, family=family).first()
    if enrolment is not None and enrolment.status != EnrolmentStatus.CANCELLED:
        return Eligibility([Problem("already_enrolled", _("Your family is already enrolled in this course."))])
    if _closed(course, now):
        return Eligibility(
            [
                Problem(
                    "enrolment_closed",
                    _("Enrolment closed on %(date)s.")
                    % {"date": date_format(timezone.localtime(course.closes_at(Until.DEADLINE)), "DATETIME_FORMAT")},
                )
            ]
        )
    if course.audience == Audience.FAMILIES:
        return Eligibility()
    _licence, problems = licence_problems(
        licences=list(Licence.objects.filter(family=family).select_related("package")),
        packages=[course.package] if course.package_id else [],
        start=timezone.localdate(course.starts_at),
        end=timezone.localdate(course.ends_at),
    )
    return Eligibility(problems)


# The family's own requests


def _waiting_position(model, parent_field: str) -> Subquery:
    """A waiting request's place on its list: 1 + the waiting requests of the same exhibition or course asked before
    it (by `queued_at`, then id)."""
    earlier = (
        model.objects.filter(
            **{parent_field: OuterRef(parent_field)},
            status=model.Status.WAITLISTED,
        )
        .filter(Q(queued_at__lt=OuterRef("queued_at")) | Q(queued_at=OuterRef("queued_at"), id__lte=OuterRef("id")))
        .order_by()
        .values(parent_field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(earlier, output_field=IntegerField()), 0)


def booth_application_list_for_family(*, user) -> QuerySet[BoothApplication]:
    """The family's booth applications, the latest exhibition first, with their waiting-list places."""
    return (
        BoothApplication.objects.filter(family__user=user)
        .select_related("exhibition", "licence__package")
        .annotate(position=_waiting_position(BoothApplication, "exhibition"))
        .order_by("-exhibition__starts_on", "-id")
    )


def enrolment_list_for_family(*, user) -> QuerySet[Enrolment]:
    """The family's enrolments, the latest course first, with their waiting-list places."""
    return (
        Enrolment.objects.filter(family__user=user)
        .select_related("course")
        .annotate(position=_waiting_position(Enrolment, "course"))
        .order_by("-course__starts_at", "-id")
    )


def booth_application_get_for_family(*, user, pk: int) -> BoothApplication:
    """The user's own booth application; BoothApplication.DoesNotExist for anybody else's."""
    return booth_application_list_for_family(user=user).get(pk=pk)


def enrolment_get_for_family(*, user, pk: int) -> Enrolment:
    """The user's own enrolment, with its course's sessions; Enrolment.DoesNotExist for anybody else's."""
    return enrolment_list_for_family(user=user).prefetch_related("course__sessions").get(pk=pk)


def booth_application_of(*, exhibition: Exhibition, user) -> BoothApplication | None:
    """The user's family's booth application at `exhibition`, if any."""
    return booth_application_list_for_family(user=user).filter(exhibition=exhibition).first()


def enrolment_of(*, course: Course, user) -> Enrolment | None:
    """The user's family's enrolment in `course`, if any."""
    return enrolment_list_for_family(user=user).filter(course=course).first()


def family_step_open(*, flow: dict, row, to_status: str, now: datetime.datetime) -> bool:
    """Whether the family may take the step to `to_status` now, by the process's table and the step's moment: the
    page offers the button only then (the service checks again)."""
    step = flow[row.status].get(to_status)
    if step is None or Role.FAMILY not in step.roles:
        return False
    if step.until is None:
        return True
    closes_at = row.parent.closes_at(step.until)
    return closes_at is not None and now < closes_at


def enrolment_completed_on(*, enrolment: Enrolment) -> datetime.date:
    """The day the register showed the family at every session (the latest such step)."""
    event = enrolment.events.filter(to_status=EnrolmentStatus.ATTENDED).order_by("-at", "-id").first()
    return timezone.localdate(event.at if event else enrolment.updated_at)


@dataclass(frozen=True)
class FamilyBenefits:
    booth_applications: list[BoothApplication]
    enrolments: list[Enrolment]


def family_benefits_summary(*, user) -> FamilyBenefits:
    """What the account page shows of the family's booth applications and enrolments: two queries."""
    return FamilyBenefits(
        booth_applications=list(booth_application_list_for_family(user=user)),
        enrolments=list(enrolment_list_for_family(user=user)),
    )


# What notifications say


def _path(viewname: str, pk: int) -> str:
    """The portal path without its language prefix: each reader's language is put in front when it is shown."""
    with translation.override("ar"):
        return reverse(viewname, kwargs={"pk": pk}).removeprefix("/ar")


def booth_application_notification_context(*, booth_application: BoothApplication) -> dict:
    """Plain JSON values, in both languages where they differ."""
    exhibition = booth_application.exhibition
    return {
        "exhibition_ar": exhibition.name_ar,
        "exhibition_en": exhibition.name_en,
        "venue_ar": exhibition.venue_ar,
        "venue_en": exhibition.venue_en,
        "starts_on": exhibition.starts_on.isoformat(),
        "ends_on": exhibition.ends_on.isoformat(),
        "path": _path("benefits:exhibition_detail", exhibition.pk),
    }


def _online_place() -> dict[str, str]:
    places = {}
    for language in ("ar", "en"):
        with translation.override(language):
            places[f"place_{language}"] = str(_("online; the link is on the course page"))
    return places


def course_session_context(*, course: Course, session: CourseSession | None = None) -> dict:
    """What notifications about `course` say; the date and time are those of `session`, or of the first session."""
    starts_at = timezone.localtime(session.starts_at if session else course.starts_at)
    place = {"place_ar": course.place_ar, "place_en": course.place_en} if course.place_ar else _online_place()
    return {
        "course_ar": course.title_ar,
        "course_en": course.title_en,
        "date": starts_at.date().isoformat(),
        "time": starts_at.strftime("%H:%M"),
        **place,
        "path": _path("benefits:course_detail", course.pk),
    }


def enrolment_notification_context(*, enrolment: Enrolment) -> dict:
    """Plain JSON values; a waiting enrolment's place on the list as `position`."""
    context = course_session_context(course=enrolment.course)
    if enrolment.status == EnrolmentStatus.WAITLISTED:
        context["position"] = (
            Enrolment.objects.filter(pk=enrolment.pk)
            .annotate(position=_waiting_position(Enrolment, "course"))
            .values_list("position", flat=True)
            .get()
        )
    return context


# The conditions of the dashboard's figures and of the admin lists they link to


def _by_today(end: datetime.date | None, today: datetime.date) -> datetime.date:
    return today if end is None else min(end, today)


def exhibition_held_q(
    *, start: datetime.date | None, end: datetime.date | None, today: datetime.date, prefix: str = ""
) -> Q:
    """Published exhibitions that opened in the period, and by today (an exhibition to come is not held yet)."""
    return Q(**{f"{prefix}is_published": True}) & period_q(
        f"{prefix}starts_on", start=start, end=_by_today(end, today), is_datetime=False
    )


def course_run_q(
    *, start: datetime.date | None, end: datetime.date | None, today: datetime.date, prefix: str = ""
) -> Q:
    """Published courses whose first session was in the period, and by today."""
    return Q(**{f"{prefix}is_published": True}) & period_q(
        f"{prefix}starts_at", start=start, end=_by_today(end, today), is_datetime=True
    )


def course_finished_q(*, now: datetime.datetime, prefix: str = "") -> Q:
    """Courses whose last session has ended: their completion is known."""
    return Q(**{f"{prefix}ends_at__lt": now})


def booth_place_q(*, prefix: str = "") -> Q:
    """Booth applications holding a booth: the families' places at an exhibition."""
    return Q(**{f"{prefix}status__in": BOOTH_HOLDING})


def enrolment_seat_q(*, prefix: str = "") -> Q:
    """Enrolments holding a seat: enrolled, or attended every session."""
    return Q(**{f"{prefix}status__in": ENROLMENT_HOLDING})


def enrolment_completed_q(*, prefix: str = "") -> Q:
    """Enrolments of a family that attended every session."""
    return Q(**{f"{prefix}status": EnrolmentStatus.ATTENDED})


def booth_application_list_waiting(*, exhibition: Exhibition) -> QuerySet[BoothApplication]:
    """The exhibition's waiting list, in the order families applied."""
    return BoothApplication.objects.filter(exhibition=exhibition, status=BoothStatus.WAITLISTED).order_by(
        "queued_at", "id"
    )
