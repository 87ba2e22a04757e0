"""The benefits in the Django admin: managers publish exhibitions and courses; reviewers decide booth applications
(one by one or in bulk, with a reason), keep the courses' registers and record who came to an exhibition. The
incubation follow-up's admin is `benefits.admin_follow_up`.

Booth applications and enrolments are never edited as fields: each step is a button or a bulk action, and every one
of them calls the process's one service, row by row, reporting each refusal.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.forms import CheckboxSelectMultiple
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from benefits import services
from benefits.admin_filters import (
    AttendedFilter,
    BoothHeldFilter,
    BoothPlaceFilter,
    CourseFinishedFilter,
    CourseRunFilter,
    EnrolmentRunFilter,
    ExhibitionHeldFilter,
    SeatFilter,
)
from benefits.forms import BoothAttendanceForm, CourseAdminForm, ExhibitionAdminForm, RegisterForm, StaffStepForm
from benefits.models import (
    BOOTH_FLOW,
    BOOTH_HOLDING,
    ENROLMENT_HOLDING,
    BoothApplication,
    BoothStatus,
    Course,
    CourseSession,
    Enrolment,
    EnrolmentStatus,
    Exhibition,
    Role,
    steps_from,
)
from families.roles import user_can_review
from intaj_portal.admin_tools import ReadOnlyAdminMixin, SavedThroughServiceMixin, rows_perform
from intaj_portal.errors import ServiceError, form_error_add

FORM_PAGE = "admin/benefits/form_page.html"


def _form_page(model_admin, request, *, title, form, back_url, button, rows=(), hidden=()):
    """A small admin page with one form: a step, a bulk step, attendance or a register."""
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        "form": form,
        "rows": rows,
        "hidden": hidden,
        "button": button,
        "back_url": back_url,
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, FORM_PAGE, context)


def _form_handle(model_admin, request, *, form, perform, done, title, back_url, button):
    """A small form page: on a valid POST, `perform(cleaned_data)` (one service); its refusal is shown on the form,
    its success as `done` back at `back_url`."""
    if request.method == "POST" and form.is_valid():
        try:
            perform(form.cleaned_data)
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(request, done)
            return redirect(back_url)
    return _form_page(model_admin, request, title=title, form=form, back_url=back_url, button=button)


def _reviewer_may(request, permission: str) -> bool:
    """A reviewer holding `permission`: asked by each action and button of a page, so answered once per request."""
    answers = request.__dict__.setdefault("_benefits_permissions", {})
    if permission not in answers:
        answers[permission] = request.user.has_perm(permission) and user_can_review(request.user)
    return answers[permission]


def _taken(relation: str, statuses) -> Count:
    return Count(relation, filter=Q(**{f"{relation}__status__in": statuses}), distinct=True)


def _waiting(relation: str) -> Count:
    return Count(relation, filter=Q(**{f"{relation}__status": "waitlisted"}), distinct=True)


@admin.register(Exhibition)
class ExhibitionAdmin(SavedThroughServiceMixin, admin.ModelAdmin):
    form = ExhibitionAdminForm
    list_display = [
        "exhibition_name",
        "starts_on",
        "ends_on",
        "application_deadline",
        "booths",
        "accepted",
        "waiting",
        "is_published",
    ]
    list_filter = ["is_published", ExhibitionHeldFilter, "packages"]
    search_fields = ["name_ar", "name_en", "venue_ar", "venue_en"]
    ordering = ["-starts_on", "-id"]
    date_hierarchy = "starts_on"
    readonly_fields = ["booth_applications_link"]
    fieldsets = [
        (None, {"fields": ["name_ar", "name_en", "description_ar", "description_en", "cover", "is_published"]}),
        (_("When and where"), {"fields": ["starts_on", "ends_on", "venue_ar", "venue_en", "application_deadline"]}),
        (_("Booths"), {"fields": ["booths", "packages", "booth_applications_link"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                accepted_count=_taken("booth_applications", BOOTH_HOLDING), waiting_count=_waiting("booth_applications")
            )
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "packages":
            kwargs["widget"] = CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("name"), ordering="name_en")
    def exhibition_name(self, exhibition):
        return exhibition.name

    @admin.display(description=_("accepted"), ordering="accepted_count")
    def accepted(self, exhibition):
        return exhibition.accepted_count

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, exhibition):
        return exhibition.waiting_count

    @admin.display(description=_("booth applications"))
    def booth_applications_link(self, exhibition):
        if not exhibition.pk:
            return "—"
        url = reverse("admin:benefits_boothapplication_changelist")
        return format_html('<a href="{}?exhibition__id__exact={}">{}</a>', url, exhibition.pk, _("Booth applications"))

    def save_model(self, request, obj, form, change):
        services.exhibition_save(exhibition=obj, actor=request.user)


class CourseSessionInline(admin.TabularInline):
    model = CourseSession
    fields = ["starts_at", "ends_at"]
    extra = 1


@admin.register(Course)
class CourseAdmin(SavedThroughServiceMixin, admin.ModelAdmin):
    form = CourseAdminForm
    # A link typed without its scheme is taken as https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [CourseSessionInline]
    list_display = [
        "course_title",
        "package",
        "audience",
        "starts_at",
        "seats",
        "seats_taken",
        "waiting",
        "is_published",
    ]
    list_filter = ["is_published", "audience", "package", CourseRunFilter]
    list_select_related = ["package"]
    search_fields = ["title_ar", "title_en"]
    ordering = ["-starts_at", "-id"]
    readonly_fields = ["starts_at", "ends_at", "registers"]
    fieldsets = [
        (None, {"fields": ["title_ar", "title_en", "description_ar", "description_en", "is_published"]}),
        (_("Who and where"), {"fields": ["package", "audience", "seats", "place_ar", "place_en", "online_link"]}),
        (_("Sessions and registers"), {"fields": ["starts_at", "ends_at", "registers"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(taken_count=_taken("enrolments", ENROLMENT_HOLDING), waiting_count=_waiting("enrolments"))
        )

    @admin.display(description=_("title"), ordering="title_en")
    def course_title(self, course):
        return course.title

    @admin.display(description=_("seats taken"), ordering="taken_count")
    def seats_taken(self, course):
        return course.taken_count

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, course):
        return course.waiting_count

    @admin.display(description=_("registers"))
    def registers(self, course):
        if not course.pk:
            return _("Save the course with its sessions first.")
        enrolments = reverse("admin:benefits_enrolment_changelist")
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            (
                (
                    reverse("admin:benefits_course_register", args=[course.pk, session.pk]),
                    timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M"),
                )
                for session in course.sessions.all()
            ),
        )
        return format_html(
            '<ul class="benefit-registers">{}</ul><a href="{}?course__id__exact={}">{}</a>',
            rows,
            enrolments,
            course.pk,
            _("Enrolments"),
        )

    def save_model(self, request, obj, form, change):
        services.course_save(course=obj, actor=request.user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.course_schedule_refresh(course=form.instance, actor=request.user)

    def get_urls(self):
        register = self.admin_site.admin_view(self.register_view)
        return [
            path("<id:course_id>/sessions/<id:session_id>/register/", register, name="benefits_course_register"),
            *super().get_urls(),
        ]

    def register_view(self, request, course_id, session_id):
        """A session's register: the families holding a seat, ticked when they came, then the register service."""
        if not _reviewer_may(request, "benefits.record_course_attendance"):
            raise PermissionDenied
        session = get_object_or_404(CourseSession.objects.select_related("course"), pk=session_id, course_id=course_id)
        enrolments = list(
            Enrolment.objects.filter(course_id=course_id, status__in=ENROLMENT_HOLDING).select_related("family")
        )
        present = set(session.attendance.filter(present=True).values_list("enrolment_id", flat=True))
        form = RegisterForm(
            request.POST if request.method == "POST" else None,
            enrolments=enrolments,
            initial={"present": [str(pk) for pk in present]},
        )
        return _form_handle(
            self,
            request,
            form=form,
            perform=lambda data: services.session_attendance_record(
                session=session, present=data["present"], actor=request.user
            ),
            done=_("The register of %(session)s is saved.") % {"session": session},
            title=_("Register: %(session)s") % {"session": session},
            back_url=reverse("admin:benefits_course_change", args=[course_id]),
            button=_("Save the register"),
        )


class _ProcessAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Booth applications and enrolments: read only, their history on their page."""

    @admin.display(description=_("family"), ordering="family__full_name_en")
    def family_name(self, row):
        return row.family.full_name

    def change_view(self, request, object_id, form_url="", extra_context=None):
        row = self.get_object(request, object_id)
        context = {"events": list(row.events.select_related("actor")) if row else [], **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context=context)


@admin.register(BoothApplication)
class BoothApplicationAdmin(_ProcessAdmin):
    list_display = ["family_name", "exhibition", "package", "status", "queued_at", "attended", "sales_reported"]
    list_display_links = ["family_name"]
    list_filter = [
        "status",
        BoothPlaceFilter,
        "exhibition",
        ("licence__package", admin.RelatedFieldListFilter),
        BoothHeldFilter,
        AttendedFilter,
    ]
    list_select_related = ["exhibition", "family", "licence__package"]
    search_fields = ["family__full_name_ar", "family__full_name_en", "exhibition__name_ar", "exhibition__name_en"]
    search_help_text = _("Family or exhibition name.")
    ordering = ["-exhibition__starts_on", "queued_at", "id"]
    actions = ["accept", "waitlist", "decline", "record_came", "record_absent"]
    fields = [
        "exhibition",
        "family",
        "licence",
        "products",
        "status",
        "queued_at",
        "attended",
        "sales_reported",
        "attendance_recorded_at",
        "attendance_recorded_by",
    ]
    readonly_fields = fields
    change_form_template = "admin/benefits/boothapplication/change_form.html"

    @admin.display(description=_("package"), ordering="licence__package__display_order")
    def package(self, application):
        return application.licence.package

    def has_decide_permission(self, request, obj=None):
        return _reviewer_may(request, "benefits.decide_boothapplication")

    def has_record_attendance_permission(self, request, obj=None):
        return _reviewer_may(request, "benefits.record_booth_attendance")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        steps = []
        if application is not None and self.has_decide_permission(request):
            steps = steps_from(BOOTH_FLOW, application.status, role=Role.REVIEWER)
        context = {
            "application": application,
            "step_buttons": [(target, step.title) for target, step in steps],
            "can_record_attendance": application is not None
            and application.status == BoothStatus.ACCEPTED
            and self.has_record_attendance_permission(request),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context=context)

    def get_urls(self):
        step = self.admin_site.admin_view(self.step_view)
        attendance = self.admin_site.admin_view(self.attendance_view)
        return [
            path("<id:object_id>/step/<slug:to_status>/", step, name="benefits_boothapplication_step"),
            path("<id:object_id>/attendance/", attendance, name="benefits_boothapplication_attendance"),
            *super().get_urls(),
        ]

    def step_view(self, request, object_id, to_status):
        """One reviewer's step on one application: its small form, then `booth_application_transition`."""
        if not self.has_decide_permission(request):
            raise PermissionDenied
        application = get_object_or_404(BoothApplication.objects.select_related("exhibition", "family"), pk=object_id)
        steps = dict(steps_from(BOOTH_FLOW, application.status, role=Role.REVIEWER))
        change_url = reverse("admin:benefits_boothapplication_change", args=[application.pk])
        if to_status not in steps:
            if to_status not in BoothStatus.values:
                raise Http404
            messages.error(
                request,
                _("This step is not possible: the application is now “%(status)s”.")
                % {"status": application.get_status_display()},
            )
            return redirect(change_url)
        step = steps[to_status]
        return _form_handle(
            self,
            request,
            form=StaffStepForm(request.POST if request.method == "POST" else None, step=step),
            perform=lambda data: services.booth_application_transition(
                booth_application=application, to_status=to_status, actor=request.user, **data
            ),
            done=_("%(row)s: %(step)s — done.") % {"row": application, "step": step.title},
            title=f"{step.title}: {application}",
            back_url=change_url,
            button=step.title,
        )

    def attendance_view(self, request, object_id):
        """Whether an accepted family came, and its sales: the attendance service."""
        if not self.has_record_attendance_permission(request):
            raise PermissionDenied
        application = get_object_or_404(BoothApplication.objects.select_related("exhibition", "family"), pk=object_id)
        initial = {}
        if application.attended is not None:
            initial = {"attended": "yes" if application.attended else "no", "sales": application.sales_reported}
        return _form_handle(
            self,
            request,
            form=BoothAttendanceForm(request.POST if request.method == "POST" else None, initial=initial),
            perform=lambda data: services.booth_attendance_record(
                booth_application=application, attended=data["attended"], sales=data["sales"], actor=request.user
            ),
            done=_("%(row)s: attendance recorded.") % {"row": application},
            title=_("Attendance: %(row)s") % {"row": application},
            back_url=reverse("admin:benefits_boothapplication_change", args=[application.pk]),
            button=_("Record attendance"),
        )

    def _bulk(self, request, queryset, *, perform, done) -> None:
        """`perform(row)` for each selected row, in the order families applied; each refusal reported on its own."""
        rows = queryset.select_related("exhibition", "family").order_by("queued_at", "pk")
        rows_perform(request, rows, perform=perform, done=done)

    def _bulk_step(self, request, queryset, target: BoothStatus, action: str):
        """A step for the selected applications, with one reason for all (asked on a page first)."""
        step = BOOTH_FLOW[BoothStatus.APPLIED][target]
        form = StaffStepForm(request.POST if "confirm" in request.POST else None, step=step)
        if "confirm" in request.POST and form.is_valid():
            self._bulk(
                request,
                queryset,
                perform=lambda row: services.booth_application_transition(
                    booth_application=row, to_status=target, actor=request.user, **form.cleaned_data
                ),
                done=lambda count: (
                    ngettext(
                        "%(count)d booth application moved to “%(status)s”.",
                        "%(count)d booth applications moved to “%(status)s”.",
                        count,
                    )
                    % {"count": count, "status": target.label}
                ),
            )
            return None
        hidden = [("action", action), ("confirm", "1")] + [
            (helpers.ACTION_CHECKBOX_NAME, str(pk)) for pk in queryset.values_list("pk", flat=True)
        ]
        return _form_page(
            self,
            request,
            title=step.title,
            form=form,
            back_url=reverse("admin:benefits_boothapplication_changelist"),
            button=step.title,
            rows=list(queryset.select_related("exhibition", "family")),
            hidden=hidden,
        )

    @admin.action(description=_("Accept the selected booth applications"), permissions=["decide"])
    def accept(self, request, queryset):
        return self._bulk_step(request, queryset, BoothStatus.ACCEPTED, "accept")

    @admin.action(description=_("Put the selected booth applications on the waiting list"), permissions=["decide"])
    def waitlist(self, request, queryset):
        return self._bulk_step(request, queryset, BoothStatus.WAITLISTED, "waitlist")

    @admin.action(description=_("Decline the selected booth applications"), permissions=["decide"])
    def decline(self, request, queryset):
        return self._bulk_step(request, queryset, BoothStatus.DECLINED, "decline")

    def _bulk_attendance(self, request, queryset, *, attended: bool) -> None:
        self._bulk(
            request,
            queryset,
            perform=lambda row: services.booth_attendance_record(
                booth_application=row, attended=attended, sales=None, actor=request.user
            ),
            done=lambda count: (
                ngettext(
                    "Attendance recorded for %(count)d family.", "Attendance recorded for %(count)d families.", count
                )
                % {"count": count}
            ),
        )

    @admin.action(description=_("Record that the selected families came"), permissions=["record_attendance"])
    def record_came(self, request, queryset):
        self._bulk_attendance(request, queryset, attended=True)

    @admin.action(description=_("Record that the selected families did not come"), permissions=["record_attendance"])
    def record_absent(self, request, queryset):
        self._bulk_attendance(request, queryset, attended=False)


@admin.register(Enrolment)
class EnrolmentAdmin(_ProcessAdmin):
    list_display = ["family_name", "course", "package", "status", "queued_at"]
    list_display_links = ["family_name"]
    list_filter = [
        "status",
        SeatFilter,
        "course",
        ("course__package", admin.RelatedFieldListFilter),
        EnrolmentRunFilter,
        CourseFinishedFilter,
    ]
    list_select_related = ["course__package", "family"]
    search_fields = ["family__full_name_ar", "family__full_name_en", "course__title_ar", "course__title_en"]
    search_help_text = _("Family or course title.")
    ordering = ["-course__starts_at", "queued_at", "id"]
    fields = ["course", "family", "status", "queued_at"]
    readonly_fields = fields
    change_form_template = "admin/benefits/enrolment/change_form.html"

    @admin.display(description=_("package"), ordering="course__package__display_order")
    def package(self, enrolment):
        return enrolment.course.package or _("Every package")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        enrolment = self.get_object(request, object_id)
        attendance = []
        if enrolment is not None:
            attendance = list(
                enrolment.attendance.select_related("session", "recorded_by").order_by("session__starts_at")
            )
        context = {
            "enrolment": enrolment,
            "attendance": attendance,
            "completed": enrolment is not None and enrolment.status == EnrolmentStatus.ATTENDED,
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context=context)


# Registered with the admin site when the admin discovers this module.
from benefits import admin_follow_up  # noqa: E402, F401
