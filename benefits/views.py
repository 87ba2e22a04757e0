"""The benefits' pages: the public lists and detail pages of exhibitions and courses, where a family applies for a
booth or enrols and sees why it cannot, its withdrawal and cancellation, its completion letter, and the covers; the
family's follow-up timeline, its answer to a next step and the answer's photo.

Views parse, check who is asking, call one service and render. Another family's booth application or enrolment is
a 404.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from benefits import selectors, services
from benefits.forms import BoothApplicationForm, NextStepAnswerForm
from benefits.models import (
    BOOTH_FLOW,
    ENROLMENT_FLOW,
    BoothApplication,
    BoothStatus,
    Contact,
    Course,
    Enrolment,
    EnrolmentStatus,
    Exhibition,
    Until,
)
from benefits.selectors import follow_up
from families.models import FamilyProfile
from families.roles import user_is_family
from intaj_portal.access import family_required
from intaj_portal.errors import ServiceError, form_error_add, message_add

PAGE_SIZE = 12
# Centre staff, who ask for no places, are sent from a family's action to the admin's lists.
STAFF_BOOTHS = "admin:benefits_boothapplication_changelist"
STAFF_ENROLMENTS = "admin:benefits_enrolment_changelist"
STAFF_FOLLOW_UP = "admin:benefits_followupfile_changelist"
TIMELINE_PAGE_SIZE = 20


def _family(request) -> FamilyProfile | None:
    if not user_is_family(request.user):
        return None
    return FamilyProfile.objects.filter(user=request.user).select_related("user__uaepass").first()


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# Exhibitions


@require_GET
def exhibition_list(request, past: bool = False):
    today = timezone.localdate()
    exhibitions = (
        selectors.exhibition_list_past(today=today) if past else selectors.exhibition_list_upcoming(today=today)
    )
    return render(request, "benefits/exhibition_list.html", {"page": _page(request, exhibitions), "past": past})


def _published_exhibition(pk: int) -> Exhibition:
    try:
        return selectors.exhibition_get_published(pk=pk)
    except Exhibition.DoesNotExist:
        raise Http404 from None


def _exhibition_page(request, exhibition: Exhibition, *, form=None, status: int = 200):
    now = timezone.now()
    context = {"exhibition": exhibition, "form": form or BoothApplicationForm(), "is_family": False}
    if user_is_family(request.user):
        family = _family(request)
        application = selectors.booth_application_of(exhibition=exhibition, user=request.user)
        context.update(
            is_family=True,
            application=application,
            can_withdraw=application is not None
            and selectors.family_step_open(flow=BOOTH_FLOW, row=application, to_status=BoothStatus.WITHDRAWN, now=now),
            eligibility=None
            if application
            else selectors.exhibition_eligibility(exhibition=exhibition, family=family, now=now),
        )
    return render(request, "benefits/exhibition_detail.html", context, status=status)


@require_GET
def exhibition_detail(request, pk):
    return _exhibition_page(request, _published_exhibition(pk))


@require_POST
@family_required(staff_redirect=STAFF_BOOTHS)
def exhibition_apply(request, pk):
    exhibition = _published_exhibition(pk)
    form = BoothApplicationForm(request.POST)
    family = _family(request)
    if family is None:
        return redirect("families:profile")
    if form.is_valid():
        try:
            services.exhibition_apply(
                exhibition=exhibition, family=family, products=form.cleaned_data["products"], actor=request.user
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(
                request, _("Your application for a booth has been sent. The centre will tell you its answer.")
            )
            return redirect("benefits:exhibition_detail", pk=exhibition.pk)
    return _exhibition_page(request, exhibition, form=form)


@require_GET
def exhibition_cover(request, pk):
    """A published exhibition's cover image (staff also see an unpublished one's), never run as anything else."""
    exhibitions = Exhibition.objects.exclude(cover="")
    if not request.user.is_staff:
        exhibitions = exhibitions.filter(is_published=True)
    exhibition = exhibitions.filter(pk=pk).first()
    if exhibition is None:
        raise Http404
    response = FileResponse(exhibition.cover.open("rb"), content_type=exhibition.cover_content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "public, max-age=3600" if exhibition.is_published else "private, no-store"
    return response


def _own(request, get, pk):
    try:
        return get(user=request.user, pk=pk)
    except (BoothApplication.DoesNotExist, Enrolment.DoesNotExist):
        raise Http404 from None


def _family_step(request, *, row, what: str, perform, done: str, back: str):
    """The family gives up its place: a page to confirm (GET), then the step (POST); either way back to `back`."""
    if request.method == "POST":
        try:
            perform()
        except ServiceError as error:
            message_add(request, error)
        else:
            messages.success(request, done)
        return redirect(back)
    return render(request, "benefits/confirm.html", {"what": what, "request_row": row, "back": back})


@require_http_methods(["GET", "POST"])
@family_required(staff_redirect=STAFF_BOOTHS)
def booth_withdraw(request, pk):
    application = _own(request, selectors.booth_application_get_for_family, pk)
    return _family_step(
        request,
        row=application,
        what="withdraw",
        perform=lambda: services.booth_application_transition(
            booth_application=application, to_status=BoothStatus.WITHDRAWN, actor=request.user
        ),
        done=_("Your booth application has been withdrawn."),
        back=reverse("benefits:exhibition_detail", kwargs={"pk": application.exhibition_id}),
    )


# Courses


@require_GET
def course_list(request, past: bool = False):
    now = timezone.now()
    courses = selectors.course_list_past(now=now) if past else selectors.course_list_upcoming(now=now)
    return render(request, "benefits/course_list.html", {"page": _page(request, courses), "past": past})


def _published_course(pk: int) -> Course:
    try:
        return selectors.course_get_published(pk=pk)
    except Course.DoesNotExist:
        raise Http404 from None


@require_GET
def course_detail(request, pk):
    course = _published_course(pk)
    now = timezone.now()
    context = {"course": course, "is_family": False, "closes_at": course.closes_at(Until.DEADLINE)}
    if user_is_family(request.user):
        enrolment = selectors.enrolment_of(course=course, user=request.user)
        context.update(
            is_family=True,
            enrolment=enrolment,
            can_cancel=enrolment is not None
            and selectors.family_step_open(
                flow=ENROLMENT_FLOW, row=enrolment, to_status=EnrolmentStatus.CANCELLED, now=now
            ),
            eligibility=selectors.course_eligibility(
                course=course, family=_family(request), now=now, enrolment=enrolment
            ),
        )
    return render(request, "benefits/course_detail.html", context)


@require_POST
@family_required(staff_redirect=STAFF_ENROLMENTS)
def course_enrol(request, pk):
    course = _published_course(pk)
    family = _family(request)
    if family is None:
        return redirect("families:profile")
    try:
        enrolment = services.course_enrol(course=course, family=family, actor=request.user)
    except ServiceError as error:
        message_add(request, error)
    else:
        if enrolment.status == EnrolmentStatus.ENROLLED:
            messages.success(request, _("You are enrolled. We will remind you the day before each session."))
        else:
            messages.info(
                request,
                _("Every seat is taken: you are on the waiting list, and we will tell you if a seat becomes free."),
            )
    return redirect("benefits:course_detail", pk=course.pk)


@require_http_methods(["GET", "POST"])
@family_required(staff_redirect=STAFF_ENROLMENTS)
def enrolment_cancel(request, pk):
    enrolment = _own(request, selectors.enrolment_get_for_family, pk)
    return _family_step(
        request,
        row=enrolment,
        what="cancel",
        perform=lambda: services.enrolment_transition(
            enrolment=enrolment, to_status=EnrolmentStatus.CANCELLED, actor=request.user
        ),
        done=_("Your enrolment has been cancelled."),
        back=reverse("benefits:course_detail", kwargs={"pk": enrolment.course_id}),
    )


@require_GET
@family_required(staff_redirect=STAFF_ENROLMENTS)
def completion_letter(request, pk):
    """The letter of a course the family attended in full, as a page to print."""
    enrolment = _own(request, selectors.enrolment_get_for_family, pk)
    if enrolment.status != EnrolmentStatus.ATTENDED:
        raise Http404
    return render(
        request,
        "benefits/completion_letter.html",
        {
            "enrolment": enrolment,
            "course": enrolment.course,
            "completed_on": selectors.enrolment_completed_on(enrolment=enrolment),
        },
    )


# The follow-up of the family's project


def _private_image(file, content_type: str) -> FileResponse:
    """A private image: never cached by a shared cache, never run or read as anything else."""
    response = FileResponse(file.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@family_required(staff_redirect=STAFF_FOLLOW_UP)
def follow_up_timeline(request):
    """The whole shared timeline of the family's follow-up files, a page at a time (the account page shows the
    latest entries)."""
    files = follow_up.follow_up_list_for_family(user=request.user)
    entries = [(file, entry) for file in files for entry in file.entries]
    page = Paginator(entries, TIMELINE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "benefits/follow_up.html", {"files": files, "page": page})


@require_http_methods(["GET", "POST"])
@family_required(staff_redirect=STAFF_FOLLOW_UP)
def next_step_answer(request, pk):
    """The family says a next step is done, with a note or a photo; another family's step is a 404."""
    try:
        contact = follow_up.contact_get_for_family(user=request.user, pk=pk)
    except Contact.DoesNotExist:
        raise Http404 from None
    form = NextStepAnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.next_step_answer(
                contact=contact,
                actor=request.user,
                note=form.cleaned_data["note"],
                photo=form.cleaned_data["photo"] or None,
                photo_type=form.photo_type,
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(request, _("Thank you: the centre can now see that this step is done."))
            return redirect(f"{reverse('families:home')}#follow-up")
    return render(request, "benefits/next_step_answer.html", {"contact": contact, "form": form})


@require_GET
def next_step_photo(request, pk):
    """The photo a family sent with a next step: to that family and to the centre's reviewers only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        contact = follow_up.contact_get_for_photo(user=request.user, pk=pk)
    except Contact.DoesNotExist:
        raise Http404 from None
    return _private_image(contact.answer_photo, contact.answer_photo_type)
