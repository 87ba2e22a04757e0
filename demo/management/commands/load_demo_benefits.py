"""Demo data for the members' benefits: the centre's exhibitions and free training courses of this year, with the
places families took, and those still to come, so the dashboard shows its benefits figures and the demo family
finds a booth and a completed course on its account page; and the incubation follow-up of a few licence holders
(the demo family's among them), with visits and calls, goals, a referral, a next step due and one overdue.

Everything goes through the real services, each told the moment its step happened (`now=`): families apply before
the last day to apply and enrol before the cut-off, reviewers decide after it, record who came once an exhibition
opened and keep each session's register once it started. As in `load_demo_data`, only the demo family is told
(its notifications carry the step's moment, for the bell) and the outbox sends nothing anywhere. Run by
`load_demo_data`; never in production; a second run adds nothing.
"""

import datetime
import random
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from benefits import services
from benefits.exceptions import NotEligible
from benefits.models import (
    Audience,
    BoothApplication,
    BoothStatus,
    Contact,
    Course,
    CourseSession,
    Enrolment,
    EnrolmentStatus,
    Exhibition,
    FollowUpFile,
    Goal,
    Partner,
    Referral,
    Until,
)
from demo.content import (
    COURSE_DESCRIPTION,
    COURSES,
    DECLINE_REASON,
    EXHIBITION_DESCRIPTION,
    EXHIBITIONS,
    FOLLOW_UP_ANSWER,
    FOLLOW_UP_CONTACTS,
    FOLLOW_UP_GOALS,
    PARTNERS,
    PRODUCTS,
    VENUES,
)
from demo.management.commands.load_demo_data import DEMO_FAMILY_EMAIL, DEMO_REVIEWER_EMAIL
from families.models import FamilyProfile, User
from intaj_portal.celery import background_work_withheld
from intaj_portal.periods import day_start
from licenses.models import Licence
from licenses.selectors import licence_valid_q
from notifications.models import Notification
from packages_catalog.models import Package

DEMO_MANAGER_EMAIL = "manager@demo.intaj.ae"
# About one exhibition a month this year, and three to come (the article's 2018: 66 exhibitions, about 310 places).
EXHIBITIONS_THIS_YEAR = 11
EXHIBITIONS_TO_COME = (14, 35, 56)
# About one course a month this year, and three to come.
COURSES_THIS_YEAR = 10
COURSES_TO_COME = (9, 23, 40)
# A family that took a place comes, and a present family is present at a session, this often.
CAME = 0.85
PRESENT = 0.9


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return day_start(day) + datetime.timedelta(hours=hour)


class Command(BaseCommand):
    help = "Load this year's exhibitions and training courses, with the places families took, into the demo."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded in production.")
        loaded = Exhibition.objects.exists() or Course.objects.exists()
        followed = FollowUpFile.objects.exists()
        if loaded and followed:
            self.stdout.write("Benefits demo data already loaded: nothing to do.")
            self._summary()
            return
        users = {user.email: user for user in User.objects.filter(email__in=[DEMO_MANAGER_EMAIL, DEMO_REVIEWER_EMAIL])}
        if len(users) < 2 or not Licence.objects.exists():
            raise CommandError("Run `manage.py load_demo` and `load_demo_data` first: the benefits use their people.")
        self.manager, self.reviewer = users[DEMO_MANAGER_EMAIL], users[DEMO_REVIEWER_EMAIL]
        self.demo_family = FamilyProfile.objects.filter(user__email=DEMO_FAMILY_EMAIL).select_related("user").first()
        self.rng = random.Random(2018)  # the year of the article's 66 exhibitions
        self.packages = {package.code: package for package in Package.objects.all()}
        with background_work_withheld(), transaction.atomic():
            now = timezone.now()
            if not loaded:
                self._exhibitions(now=now)
                self._courses(now=now)
            if not followed:
                self._follow_ups(today=timezone.localdate(now))
        self._summary()

    # Who is told

    def _is_demo(self, family: FamilyProfile) -> bool:
        return self.demo_family is not None and family.pk == self.demo_family.pk

    def _step(self, family: FamilyProfile, moment: datetime.datetime, perform: Callable[[bool], object]):
        """`perform(notify_family)` as of `moment`: only the demo family is told, and its notices carry the moment."""
        last = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
        result = perform(self._is_demo(family))
        Notification.objects.filter(id__gt=last).update(created_at=moment)
        return result

    # Exhibitions

    def _days_this_year(self, now: datetime.datetime, count: int, *, room: int) -> list[datetime.date]:
        """`count` days spread from 1 January to `room` days before today (fewer early in January)."""
        today = timezone.localdate(now)
        jan_1 = today.replace(month=1, day=1)
        span = (today - jan_1).days - room
        if span < 0:
            return []
        return sorted({jan_1 + datetime.timedelta(days=round((index + 0.5) * span / count)) for index in range(count)})

    def _exhibition(self, index: int, starts_on: datetime.date) -> Exhibition:
        (name_ar, name_en), (venue_ar, venue_en) = EXHIBITIONS[index % len(EXHIBITIONS)], self.rng.choice(VENUES)
        exhibition = services.exhibition_save(
            exhibition=Exhibition(
                name_ar=name_ar,
                name_en=name_en,
                description_ar=EXHIBITION_DESCRIPTION[0],
                description_en=EXHIBITION_DESCRIPTION[1],
                venue_ar=venue_ar,
                venue_en=venue_en,
                starts_on=starts_on,
                ends_on=starts_on + datetime.timedelta(days=2),
                application_deadline=starts_on - datetime.timedelta(days=7),
                booths=self.rng.randint(4, 8),
                is_published=True,
            ),
            actor=self.manager,
        )
        # One exhibition in three is for some packages only (a food festival, a perfume show…).
        if index % 3 == 1:
            exhibition.packages.set(self.rng.sample(list(self.packages.values()), k=2))
        return exhibition

    def _licences_for(self, exhibition: Exhibition) -> list[Licence]:
        licences = Licence.objects.filter(licence_valid_q(start=exhibition.starts_on, end=exhibition.ends_on))
        admitted = list(exhibition.packages.all())
        if admitted:
            licences = licences.filter(package__in=admitted)
        licences = list(licences.select_related("family__user", "package").order_by("pk"))
        self.rng.shuffle(licences)
        return licences

    def _apply(self, exhibition: Exhibition, licence: Licence, moment: datetime.datetime) -> BoothApplication | None:
        family = licence.family
        try:
            return self._step(
                family,
                moment,
                lambda notify: services.exhibition_apply(
                    exhibition=exhibition,
                    family=family,
                    products=PRODUCTS[licence.package.code],
                    actor=family.user,
                    notify_family=notify,
                    now=moment,
                ),
            )
        except NotEligible:  # the family already applied with another of its licences
            return None

    def _decide(self, application: BoothApplication, to_status: str, moment: datetime.datetime, reason: str = ""):
        return self._step(
            application.family,
            moment,
            lambda notify: services.booth_application_transition(
                booth_application=application,
                to_status=to_status,
                actor=self.reviewer,
                reason=reason,
                notify_family=notify,
                now=moment,
            ),
        )

    def _exhibitions(self, *, now: datetime.datetime) -> None:
        today = timezone.localdate(now)
        for index, starts_on in enumerate(self._days_this_year(now, EXHIBITIONS_THIS_YEAR, room=4)):
            exhibition = self._exhibition(index, starts_on)
            deadline = _at(exhibition.application_deadline, 9)
            applicants = self._licences_for(exhibition)[: exhibition.booths + self.rng.randint(0, 3)]
            if self.demo_family is not None:
                # The demo family is first in line wherever its licence admits it: a booth, and sales, to show.
                applicants.sort(key=lambda licence: not self._is_demo(licence.family))
            applications = []
            for licence in applicants:
                moment = deadline - datetime.timedelta(days=self.rng.uniform(1, 20))
                application = self._apply(exhibition, licence, moment)
                if application is not None:
                    applications.append(application)
            decided = deadline + datetime.timedelta(days=1)
            for number, application in enumerate(applications):
                if number < exhibition.booths:
                    self._decide(application, BoothStatus.ACCEPTED, decided)
                elif number == exhibition.booths:
                    reason = DECLINE_REASON[0 if application.family.user.preferred_language == "ar" else 1]
                    self._decide(application, BoothStatus.DECLINED, decided, reason)
                else:
                    self._decide(application, BoothStatus.WAITLISTED, decided)
            self._attendance(exhibition, applications, opened=_at(starts_on, 18))
        for index, days in enumerate(EXHIBITIONS_TO_COME, start=EXHIBITIONS_THIS_YEAR):
            exhibition = self._exhibition(index, today + datetime.timedelta(days=days))
            # A few families have applied already (the demo family to the second one: the first is left for it to
            # try); the centre answers after the last day to apply.
            licences = self._licences_for(exhibition)
            applicants = [licence for licence in licences if not self._is_demo(licence.family)][
                : self.rng.randint(1, 3)
            ]
            if days == EXHIBITIONS_TO_COME[1]:
                applicants += [licence for licence in licences if self._is_demo(licence.family)][:1]
            for licence in applicants:
                self._apply(exhibition, licence, now - datetime.timedelta(days=self.rng.uniform(0.5, 5)))

    def _attendance(self, exhibition: Exhibition, applications: list[BoothApplication], *, opened) -> None:
        for application in applications:
            application.refresh_from_db(fields=["status"])
            if application.status != BoothStatus.ACCEPTED:
                continue
            came = self._is_demo(application.family) or self.rng.random() < CAME
            sales = Decimal(self.rng.randrange(400, 6000, 50)) if came and self.rng.random() < 0.8 else None
            services.booth_attendance_record(
                booth_application=application, attended=came, sales=sales, actor=self.reviewer, now=opened
            )

    # Courses

    def _course(self, index: int, first: datetime.date, *, seats: int | None = None) -> Course:
        title_ar, title_en, package_code, licence_holders = COURSES[index % len(COURSES)]
        online = index % 4 == 2
        hour = self.rng.choice((10, 17))
        course = services.course_save(
            course=Course(
                title_ar=title_ar,
                title_en=title_en,
                description_ar=COURSE_DESCRIPTION[0],
                description_en=COURSE_DESCRIPTION[1],
                package=self.packages[package_code] if package_code else None,
                audience=Audience.LICENCE_HOLDERS if licence_holders else Audience.FAMILIES,
                place_ar="" if online else "مركز إنتاج للأسر المنتجة، الشارقة",
                place_en="" if online else "Intaj productive families centre, Sharjah",
                online_link="https://meet.intaj.example.ae/course" if online else "",
                seats=seats or self.rng.randint(8, 15),
                is_published=True,
            ),
            actor=self.manager,
        )
        for day in range(self.rng.randint(2, 3)):
            CourseSession.objects.create(
                course=course,
                starts_at=_at(first + datetime.timedelta(days=day), hour),
                ends_at=_at(first + datetime.timedelta(days=day), hour + 2),
            )
        return services.course_schedule_refresh(course=course, actor=self.manager)

    def _families_for(self, course: Course) -> list[FamilyProfile]:
        if course.audience == Audience.FAMILIES:
            families = list(FamilyProfile.objects.select_related("user").order_by("pk"))
        else:
            start, end = timezone.localdate(course.starts_at), timezone.localdate(course.ends_at)
            licences = Licence.objects.filter(licence_valid_q(start=start, end=end))
            if course.package_id:
                licences = licences.filter(package_id=course.package_id)
            families = list(
                FamilyProfile.objects.filter(licences__in=licences).distinct().select_related("user").order_by("pk")
            )
        self.rng.shuffle(families)
        return families

    def _enrol(self, course: Course, families: list[FamilyProfile], *, before: datetime.datetime) -> list[Enrolment]:
        enrolments = []
        for family in families:
            moment = before - datetime.timedelta(days=self.rng.uniform(1, 15))
            enrolments.append(
                self._step(
                    family,
                    moment,
                    lambda notify, family=family, moment=moment: services.course_enrol(
                        course=course, family=family, actor=family.user, notify_family=notify, now=moment
                    ),
                )
            )
        return enrolments

    def _courses(self, *, now: datetime.datetime) -> None:
        today = timezone.localdate(now)
        completed_by_demo = False
        for index, first in enumerate(self._days_this_year(now, COURSES_THIS_YEAR, room=5)):
            course = self._course(index, first)
            families = self._families_for(course)[: course.seats + self.rng.randint(0, 2)]
            joins = self.demo_family is not None and not completed_by_demo and course.audience == Audience.FAMILIES
            if joins:
                families = [self.demo_family, *(family for family in families if not self._is_demo(family))]
                families = families[: course.seats]
                completed_by_demo = True
            enrolments = self._enrol(course, families, before=course.closes_at(Until.DEADLINE))
            holders = [enrolment.pk for enrolment in enrolments if enrolment.status == EnrolmentStatus.ENROLLED]
            for session in course.sessions.all():
                present = [pk for pk in holders if (joins and pk == enrolments[0].pk) or self.rng.random() < PRESENT]
                services.session_attendance_record(
                    session=session,
                    present=present,
                    actor=self.reviewer,
                    notify_family=False,
                    now=session.starts_at + datetime.timedelta(hours=1),
                )
        for index, days in enumerate(COURSES_TO_COME, start=COURSES_THIS_YEAR):
            # The first to come is small and already full, with a waiting list.
            seats = 4 if days == COURSES_TO_COME[0] else None
            course = self._course(index, today + datetime.timedelta(days=days), seats=seats)
            count = course.seats + 2 if seats else self.rng.randint(2, 5)
            families = [family for family in self._families_for(course) if not self._is_demo(family)][:count]
            if self.demo_family is not None and course.audience == Audience.FAMILIES and days == COURSES_TO_COME[-1]:
                families.append(self.demo_family)
            self._enrol(course, families, before=now)

    # The incubation follow-up

    def _followed_licences(self, today: datetime.date) -> list[Licence]:
        """The demo family's licence first, then up to four licence holders valid today, those whose applications
        the demo reviewer was assigned first (their next steps count on the reviewer's admin home)."""
        licences = Licence.objects.filter(expires_on__gte=today).select_related("family__user", "application")
        licences = sorted(
            licences.order_by("pk"),
            key=lambda licence: (
                not self._is_demo(licence.family),
                licence.application.assigned_reviewer_id != self.reviewer.pk,
            ),
        )
        chosen, families = [], set()
        for licence in licences:
            if licence.family_id not in families:
                chosen.append(licence)
                families.add(licence.family_id)
        return chosen[:5]

    def _contact(self, file, row: tuple, *, today: datetime.date) -> Contact:
        kind, days_ago, notes, advice, next_step, due_after = row
        happened_on = max(today - datetime.timedelta(days=days_ago), file.opened_on)
        contact = Contact(
            file=file,
            kind=kind,
            happened_on=happened_on,
            staff_notes=notes,
            advice=advice,
            next_step=next_step,
            next_step_due_on=happened_on + datetime.timedelta(days=due_after) if next_step else None,
        )
        family = file.licence.family
        return self._step(
            family,
            day_start(happened_on) + datetime.timedelta(hours=11),
            lambda notify: services.contact_save(contact=contact, actor=self.reviewer, notify_family=notify),
        )

    def _goal(self, file, row: tuple, *, today: datetime.date) -> None:
        title, agreed_days_ago, progress = row
        agreed_on = max(today - datetime.timedelta(days=agreed_days_ago), file.opened_on)
        goal = services.goal_save(
            goal=Goal(file=file, title=title, agreed_on=agreed_on), actor=self.reviewer, today=agreed_on
        )
        for days_ago, percent, note in progress:
            goal.progress = percent
            recorded_on = max(today - datetime.timedelta(days=days_ago), agreed_on)
            services.goal_save(goal=goal, actor=self.reviewer, note=note, today=recorded_on)

    def _follow_ups(self, *, today: datetime.date) -> None:
        """The demo family's file holds every kind of entry (an answered step, a step due soon, goals with their
        progress, a referral); the other families' files give the reviewer a step due today and one overdue."""
        partners = [Partner.objects.create(name_ar=ar, name_en=en) for ar, en in PARTNERS]
        for number, licence in enumerate(self._followed_licences(today)):
            # Opened two months ago, or when the licence was issued if that was later.
            opened_on = max(today - datetime.timedelta(days=60), licence.renewed_on or licence.issued_on)
            file = services.follow_up_file_open(licence=licence, actor=self.reviewer, today=opened_on)
            if number == 0 and self._is_demo(licence.family):
                first, *others = [self._contact(file, row, today=today) for row in FOLLOW_UP_CONTACTS]
                answered = min(first.next_step_due_on - datetime.timedelta(days=3), today)
                services.next_step_answer(
                    contact=first, actor=licence.family.user, note=FOLLOW_UP_ANSWER, now=day_start(answered)
                )
                for row in FOLLOW_UP_GOALS:
                    self._goal(file, row, today=today)
                Referral.objects.create(
                    file=file,
                    partner=partners[1],
                    referred_on=max(today - datetime.timedelta(days=20), opened_on),
                    outcome=Referral.Outcome.ACCEPTED,
                    outcome_note="تم قبول المشروع في المنصة، ويبدأ البيع الشهر المقبل.",
                )
                continue
            # The others: a step due today, one past its due date, then advice only, in turn.
            kind, _days, notes, advice, next_step, _due = FOLLOW_UP_CONTACTS[number % 2]
            days_ago, due_after = [(7, 7), (20, 5), (2, 0)][number % 3]
            row = (kind, days_ago, notes, advice, next_step if number % 3 != 2 else "", due_after)
            self._contact(file, row, today=today)
            self._goal(file, FOLLOW_UP_GOALS[0], today=today)

    # The summary

    def _summary(self) -> None:
        year = timezone.localdate().year
        held = Exhibition.objects.filter(starts_on__year=year, starts_on__lte=timezone.localdate()).annotate(
            places=Count("booth_applications", filter=Q(booth_applications__status=BoothStatus.ACCEPTED))
        )
        places = sum(exhibition.places for exhibition in held)
        self.stdout.write(f"Exhibitions held in {year}: {len(held)}, with {places} family places")
        run = Course.objects.filter(starts_at__year=year, starts_at__lte=timezone.now())
        seats = Enrolment.objects.filter(
            course__in=run, status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED]
        ).count()
        completed = Enrolment.objects.filter(course__in=run, status=EnrolmentStatus.ATTENDED).count()
        self.stdout.write(f"Courses run in {year}: {run.count()}, {seats} seats taken, {completed} completed")
        files = FollowUpFile.objects.count()
        waiting = Contact.objects.exclude(next_step="").filter(answered_at__isnull=True).count()
        self.stdout.write(f"Follow-up files: {files}, with {waiting} next steps waiting for the family")
