"""The list filters of the benefits' admin lists. Their parameters are the ones the dashboard links to, and they
count with the same conditions as its figures (`benefits.selectors`)."""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benefits import selectors
from benefits.selectors import follow_up
from intaj_portal.admin_tools import PeriodFilter


class _HeldFilter(PeriodFilter):
    """Exhibitions (or their booth applications) held in the period: published, opened in it and by today."""

    prefix = ""

    def condition(self, *, start, end):
        return selectors.exhibition_held_q(start=start, end=end, today=timezone.localdate(), prefix=self.prefix)


class _RunFilter(PeriodFilter):
    """Courses (or their enrolments) run in the period: published, first session in it and by today."""

    prefix = ""

    def condition(self, *, start, end):
        return selectors.course_run_q(start=start, end=end, today=timezone.localdate(), prefix=self.prefix)


ExhibitionHeldFilter = type(
    "ExhibitionHeldFilter",
    (_HeldFilter,),
    {"field_name": "starts_on", "parameter_prefix": "held", "title": _("held")},
)
BoothHeldFilter = type(
    "BoothHeldFilter",
    (_HeldFilter,),
    {
        "field_name": "exhibition__starts_on",
        "parameter_prefix": "held",
        "title": _("exhibition held"),
        "prefix": "exhibition__",
    },
)
CourseRunFilter = type(
    "CourseRunFilter", (_RunFilter,), {"field_name": "starts_at", "parameter_prefix": "run", "title": _("run")}
)
EnrolmentRunFilter = type(
    "EnrolmentRunFilter",
    (_RunFilter,),
    {"field_name": "course__starts_at", "parameter_prefix": "run", "title": _("course run"), "prefix": "course__"},
)


class BoothPlaceFilter(admin.SimpleListFilter):
    title = _("booth")
    parameter_name = "place"

    def lookups(self, request, model_admin):
        return [("taken", _("Holding a booth"))]

    def queryset(self, request, queryset):
        return queryset.filter(selectors.booth_place_q()) if self.value() == "taken" else queryset


class SeatFilter(admin.SimpleListFilter):
    title = _("seat")
    parameter_name = "seat"

    def lookups(self, request, model_admin):
        return [("taken", _("Holding a seat (enrolled or attended)"))]

    def queryset(self, request, queryset):
        return queryset.filter(selectors.enrolment_seat_q()) if self.value() == "taken" else queryset


class CourseFinishedFilter(admin.SimpleListFilter):
    title = _("course finished")
    parameter_name = "finished"

    def lookups(self, request, model_admin):
        return [("yes", _("Last session over")), ("no", _("Still to come or under way"))]

    def queryset(self, request, queryset):
        finished = selectors.course_finished_q(now=timezone.now(), prefix="course__")
        if self.value() == "yes":
            return queryset.filter(finished)
        if self.value() == "no":
            return queryset.exclude(finished)
        return queryset


class AttendedFilter(admin.SimpleListFilter):
    title = _("came to the exhibition")
    parameter_name = "attended"

    def lookups(self, request, model_admin):
        return [("yes", _("Came")), ("no", _("Did not come")), ("unknown", _("Not recorded yet"))]

    def queryset(self, request, queryset):
        values = {"yes": {"attended": True}, "no": {"attended": False}, "unknown": {"attended__isnull": True}}
        return queryset.filter(**values[self.value()]) if self.value() in values else queryset


class NextStepFilter(admin.SimpleListFilter):
    """Visits and calls by their next step, as of today's local date (`benefits.selectors.follow_up`)."""

    title = _("next step")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("week", _("Due this week")),
            ("overdue", _("Overdue")),
            ("waiting", _("Waiting for the family")),
            ("answered", _("Done, as the family told")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        conditions = {
            "week": lambda: follow_up.next_step_due_q(today=today),
            "overdue": lambda: follow_up.next_step_overdue_q(today=today),
            "waiting": follow_up.next_step_waiting_q,
            "answered": lambda: Q(answered_at__isnull=False),
        }
        return queryset.filter(conditions[self.value()]()) if self.value() in conditions else queryset


class ReviewerFamiliesFilter(admin.SimpleListFilter):
    """The reviewer's own families: those with an application assigned to the reviewer looking at the list."""

    title = _("families")
    parameter_name = "mine"
    family_path = "file__licence__family"

    def lookups(self, request, model_admin):
        return [("yes", _("My families (applications assigned to me)"))]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        return queryset.filter(follow_up.reviewer_families_q(user=request.user, family=self.family_path))


class FileReviewerFamiliesFilter(ReviewerFamiliesFilter):
    family_path = "licence__family"


class FileOpenFilter(admin.SimpleListFilter):
    title = _("file")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("yes", _("Still open")), ("no", _("Closed"))]

    def queryset(self, request, queryset):
        values = {"yes": {"closed_on__isnull": True}, "no": {"closed_on__isnull": False}}
        return queryset.filter(**values[self.value()]) if self.value() in values else queryset
