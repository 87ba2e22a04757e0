"""Exhibitions and courses for tests, published and dated around today unless told otherwise."""

import datetime

from django.utils import timezone

from benefits.models import Audience, Course, CourseSession, Exhibition
from intaj_portal.periods import day_start
from packages_catalog.models import Package


def exhibition_make(
    *,
    starts_in: int = 20,
    days: int = 3,
    deadline_in: int = 10,
    booths: int = 2,
    packages: tuple[str, ...] = (),
    is_published: bool = True,
    name: str = "Sharjah Heritage Days",
    name_ar: str = "أيام الشارقة التراثية",
) -> Exhibition:
    """An exhibition opening `starts_in` days from today for `days` days, applications open until `deadline_in`."""
    today = timezone.localdate()
    exhibition = Exhibition.objects.create(
        name_ar=name_ar,
        name_en=name,
        description_ar="معرض لمنتجات الأسر المنتجة.",
        description_en="An exhibition of productive families' products.",
        venue_ar="مركز إكسبو الشارقة",
        venue_en="Expo Centre Sharjah",
        starts_on=today + datetime.timedelta(days=starts_in),
        ends_on=today + datetime.timedelta(days=starts_in + days - 1),
        application_deadline=today + datetime.timedelta(days=deadline_in),
        booths=booths,
        is_published=is_published,
    )
    exhibition.packages.set(Package.objects.filter(code__in=packages))
    return exhibition


def at_local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return day_start(day) + datetime.timedelta(hours=hour, minutes=minute)


def course_make(
    *,
    starts_in: int = 10,
    sessions: int = 2,
    seats: int = 2,
    audience: str = Audience.LICENCE_HOLDERS,
    package: str | None = None,
    is_published: bool = True,
    title: str = "Pricing your products",
    online: bool = False,
) -> Course:
    """A course of `sessions` daily sessions, 10:00 to 12:00, the first `starts_in` days from today."""
    course = Course.objects.create(
        title_ar="تسعير المنتجات",
        title_en=title,
        description_ar="كيف تحتسب الأسرة سعر منتجها.",
        description_en="How a family prices its products.",
        package=Package.objects.get(code=package) if package else None,
        audience=audience,
        place_ar="" if online else "مركز إنتاج، الشارقة",
        place_en="" if online else "Intaj centre, Sharjah",
        online_link="https://meet.example.ae/pricing" if online else "",
        seats=seats,
        is_published=is_published,
    )
    first = timezone.localdate() + datetime.timedelta(days=starts_in)
    created = [
        CourseSession.objects.create(
            course=course,
            starts_at=at_local(first + datetime.timedelta(days=day), 10),
            ends_at=at_local(first + datetime.timedelta(days=day), 12),
        )
        for day in range(sessions)
    ]
    if created:
        course.starts_at, course.ends_at = created[0].starts_at, created[-1].ends_at
        course.save(update_fields=["starts_at", "ends_at"])
    return course


def move(course: Course, *, days: int) -> Course:
    """The course and its sessions `days` later (earlier when negative): a course already held, or held now."""
    shift = datetime.timedelta(days=days)
    for session in course.sessions.all():
        session.starts_at += shift
        session.ends_at += shift
        session.save()
    course.starts_at += shift
    course.ends_at += shift
    course.save(update_fields=["starts_at", "ends_at"])
    return course


def exhibitions_bulk(first_days: list[datetime.date]) -> list[Exhibition]:
    """One published three-day exhibition opening on each day, with five booths, written in one query."""
    return Exhibition.objects.bulk_create(
        Exhibition(
            name_ar=f"معرض {number}",
            name_en=f"Exhibition {number}",
            description_ar="-",
            description_en="-",
            venue_ar="الشارقة",
            venue_en="Sharjah",
            starts_on=day,
            ends_on=day + datetime.timedelta(days=2),
            application_deadline=day - datetime.timedelta(days=5),
            booths=5,
            is_published=True,
        )
        for number, day in enumerate(first_days)
    )


def courses_bulk(starts: list[datetime.datetime]) -> list[Course]:
    """One published course for every family starting at each moment, with its one two-hour session."""
    courses = Course.objects.bulk_create(
        Course(
            title_ar=f"دورة {number}",
            title_en=f"Course {number}",
            description_ar="-",
            description_en="-",
            audience=Audience.FAMILIES,
            place_ar="الشارقة",
            place_en="Sharjah",
            seats=10,
            is_published=True,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )
        for number, start in enumerate(starts)
    )
    CourseSession.objects.bulk_create(
        CourseSession(course=course, starts_at=course.starts_at, ends_at=course.ends_at) for course in courses
    )
    return courses
