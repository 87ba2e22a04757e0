"""The incubation follow-up in the Django admin.

A reviewer opens a licence holder's file, then keeps it on one page: its visits and calls (staff notes in their own
section, marked as never shown to the family), its goals and their progress, and its referrals. Every row is saved
by its service (`benefits.services.follow_up`), which locks the file and tells the family what is shared with it.
The list of visits and calls is the reviewers' list of next steps: due this week, overdue, for their own families.
"""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from benefits import services
from benefits.admin_filters import FileOpenFilter, FileReviewerFamiliesFilter, NextStepFilter, ReviewerFamiliesFilter
from benefits.forms import GoalInlineForm
from benefits.models import Contact, FollowUpFile, Goal, Partner, Referral
from benefits.selectors import follow_up
from intaj_portal.admin_tools import ReadOnlyAdminMixin, SavedThroughServiceMixin, rows_perform

STAFF_ONLY = _("Staff only — never shown to the family")
SHARED = _("Shared with the family")


def _answer(contact: Contact) -> str:
    """The family's answer to the next step: when, its note, and its photo (downloaded through the checked view)."""
    if contact.answered_at is None:
        return "—"
    photo = ""
    if contact.answer_photo:
        photo = format_html(
            ' · <a href="{}">{}</a>', reverse("benefits:next_step_photo", kwargs={"pk": contact.pk}), _("Photo")
        )
    return format_html(
        "{}{}<br>{}", timezone.localtime(contact.answered_at).strftime("%Y-%m-%d %H:%M"), photo, contact.answer_note
    )


class ContactInline(admin.StackedInline):
    model = Contact
    extra = 1
    can_delete = False
    show_change_link = True
    verbose_name = _("visit or call")
    verbose_name_plural = _("visits and calls (the latest first)")
    readonly_fields = ["staff_member", "family_answer"]
    fieldsets = [
        (None, {"fields": ["kind", "happened_on", "staff_member"]}),
        (STAFF_ONLY, {"fields": ["staff_notes"], "classes": ["staff-only"]}),
        (SHARED, {"fields": ["advice", "next_step", "next_step_due_on", "family_answer"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("staff_member").order_by("-happened_on", "-id")

    @admin.display(description=_("family's answer"))
    def family_answer(self, contact):
        return _answer(contact)


class GoalInline(admin.StackedInline):
    model = Goal
    form = GoalInlineForm
    extra = 1
    can_delete = False
    fields = ["title", "agreed_on", "target_on", "progress", "progress_note", "progress_history"]
    readonly_fields = ["progress_history"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("progress_steps")

    @admin.display(description=_("progress history"))
    def progress_history(self, goal):
        steps = goal.progress_steps.all() if goal.pk else []
        return (
            format_html_join("", "<div>{}: {}%</div>", ((step.recorded_on.isoformat(), step.percent) for step in steps))
            or "—"
        )


class ReferralInline(admin.TabularInline):
    model = Referral
    extra = 1
    can_delete = False
    fields = ["partner", "referred_on", "outcome", "outcome_note"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partner")


@admin.register(FollowUpFile)
class FollowUpFileAdmin(SavedThroughServiceMixin, SimpleHistoryAdmin):
    list_display = ["licence", "family_name", "package", "opened_on", "is_open", "steps_waiting"]
    list_filter = [FileOpenFilter, FileReviewerFamiliesFilter, ("licence__package", admin.RelatedFieldListFilter)]
    list_select_related = ["licence__family", "licence__package"]
    search_fields = ["licence__number", "licence__family__full_name_ar", "licence__family__full_name_en"]
    search_help_text = _("Licence number or family name.")
    ordering = ["-opened_on", "-id"]
    raw_id_fields = ["licence"]
    actions = ["close_files", "reopen_files"]
    change_form_template = "admin/benefits/follow_up_change_form.html"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["licence"]
        return ["licence", "family_name", "opened_on", "opened_by", "closed_on", "closed_by"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    def get_inlines(self, request, obj):
        return [] if obj is None else [ContactInline, GoalInline, ReferralInline]

    def get_queryset(self, request):
        waiting = follow_up.next_step_waiting_q(prefix="contacts__")
        return super().get_queryset(request).annotate(waiting_count=Count("contacts", filter=waiting))

    @admin.display(description=_("family"), ordering="licence__family__full_name_en")
    def family_name(self, file):
        return file.licence.family.full_name

    @admin.display(description=_("package"), ordering="licence__package__display_order")
    def package(self, file):
        return file.licence.package

    @admin.display(description=_("open"), boolean=True, ordering="closed_on")
    def is_open(self, file):
        return file.is_open

    @admin.display(description=_("next steps waiting"), ordering="waiting_count")
    def steps_waiting(self, file):
        return file.waiting_count

    def save_model(self, request, obj, form, change):
        if change:
            return  # the file's own fields are read only: its rows are saved by `save_formset`
        opened = services.follow_up_file_open(licence=obj.licence, actor=request.user)
        obj.pk, obj.opened_on, obj.opened_by = opened.pk, opened.opened_on, opened.opened_by
        obj._state.adding = False

    def save_formset(self, request, form, formset, change):
        """Each new or changed visit, goal or referral through its service, which may refuse the whole save."""
        changed = {id(instance) for instance in formset.save(commit=False)}
        for inline_form in formset.forms:
            row = inline_form.instance
            if id(row) not in changed:
                continue
            if isinstance(row, Contact):
                services.contact_save(contact=row, actor=request.user)
            elif isinstance(row, Goal):
                note = inline_form.cleaned_data.get("progress_note", "")
                services.goal_save(goal=row, actor=request.user, note=note)
            else:
                services.referral_save(referral=row, actor=request.user)

    @admin.action(description=_("Close the selected follow-up files"), permissions=["change"])
    def close_files(self, request, queryset):
        rows_perform(
            request,
            queryset.select_related("licence"),
            perform=lambda file: services.follow_up_file_close(file=file, actor=request.user),
            done=lambda count: ngettext("%(count)d file closed.", "%(count)d files closed.", count) % {"count": count},
        )

    @admin.action(description=_("Reopen the selected follow-up files"), permissions=["change"])
    def reopen_files(self, request, queryset):
        rows_perform(
            request,
            queryset.select_related("licence"),
            perform=lambda file: services.follow_up_file_open(licence=file.licence, actor=request.user),
            done=lambda count: (
                ngettext("%(count)d file reopened.", "%(count)d files reopened.", count) % {"count": count}
            ),
        )


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """The visits and calls of every file, read only here (they are written on their file's page): the reviewers'
    list of next steps due this week and overdue, for their own families."""

    list_display = [
        "family_name",
        "file_link",
        "kind",
        "happened_on",
        "next_step",
        "next_step_due_on",
        "answered",
        "staff_member",
    ]
    list_display_links = ["family_name"]
    list_filter = [
        NextStepFilter,
        ReviewerFamiliesFilter,
        "kind",
        ("file__licence__package", admin.RelatedFieldListFilter),
    ]
    list_select_related = ["file__licence__family", "staff_member"]
    search_fields = [
        "file__licence__number",
        "file__licence__family__full_name_ar",
        "file__licence__family__full_name_en",
    ]
    search_help_text = _("Licence number or family name.")
    ordering = ["next_step_due_on", "-happened_on", "-id"]
    readonly_fields = ["family_answer"]
    change_form_template = "admin/benefits/follow_up_change_form.html"
    fieldsets = [
        (None, {"fields": ["file", "kind", "happened_on", "staff_member"]}),
        (STAFF_ONLY, {"fields": ["staff_notes"], "classes": ["staff-only"]}),
        (SHARED, {"fields": ["advice", "next_step", "next_step_due_on", "family_answer"]}),
    ]

    @admin.display(description=_("family"), ordering="file__licence__family__full_name_en")
    def family_name(self, contact):
        return contact.file.licence.family.full_name

    @admin.display(description=_("file"), ordering="file__licence__number")
    def file_link(self, contact):
        url = reverse("admin:benefits_followupfile_change", args=[contact.file_id])
        return format_html('<a href="{}">{}</a>', url, contact.file.licence.number)

    @admin.display(description=_("done"), boolean=True, ordering="answered_at")
    def answered(self, contact):
        return contact.answered_at is not None if contact.next_step else None

    @admin.display(description=_("family's answer"))
    def family_answer(self, contact):
        return _answer(contact)


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["name_ar", "name_en", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name_ar", "name_en"]
