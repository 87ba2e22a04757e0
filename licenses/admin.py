"""The centre's review of applications in the Django admin.

Nothing about an application is edited as a field: each step of the workflow is a button (a small form in a
custom admin view) or a bulk action, and every one of them calls `services.application_transition`.
"""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import BooleanField, ExpressionWrapper, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods
from simple_history.admin import SimpleHistoryAdmin

from families.models import FamilyProfile, HouseholdMember, User
from families.roles import user_can_review, user_is_manager
from intaj_portal.admin_tools import FindByEmiratesIdMixin, ReadOnlyAdminMixin
from intaj_portal.errors import ServiceError, form_error_add, message_add
from intaj_portal.inputs import id_parse
from intaj_portal.text import list_join
from licenses import selectors, services
from licenses.admin_filters import (
    ComputedPeriodFilter,
    CurrentAssessmentFilter,
    DecidedPeriodFilter,
    DiscountFilter,
    IssuedPeriodFilter,
    LicenceIssuedPeriodFilter,
    LicenceValidityFilter,
    OverdueFilter,
    ReviewerFilter,
    StatusFilter,
    SubmittedPeriodFilter,
)
from licenses.exceptions import ApplicationError, TransitionNotAllowed
from licenses.forms import FeeReassessForm, StaffStepForm, VerificationLinkRenewForm
from licenses.models import (
    STEPS,
    Application,
    CalendarDay,
    FeeAssessment,
    Licence,
    Reason,
    Role,
    Status,
    transitions_from,
)
from licenses.views import certificate_response

SNAPSHOT_LABELS = {
    "household_members": _("household members"),
    "beneficiary_verified": _("beneficiary status verified"),
    "beneficiary_file_number": _("verified file number"),
}
# The fee is assessed on approval, so only then can it be assessed again (`services.fee_reassess` checks it too).
FEE_REASSESSABLE = {Status.APPROVED, Status.ISSUED}


def short_datetime(value) -> str | None:
    """A date and time as "29/11/2026 21:03", in the centre's time zone; None (shown as "-") when there is none."""
    return date_format(localtime(value), "SHORT_DATETIME_FORMAT") if value else None


def snapshot_rows(snapshot: dict) -> list[tuple[str, str]]:
    """The family profile as submitted, as (label, value) pairs in the active language."""
    relations = dict(HouseholdMember.Relation.choices)
    rows = []
    for key, value in snapshot.items():
        field = None
        for model in (FamilyProfile, User):
            try:
                field = model._meta.get_field(key)
                break
            except FieldDoesNotExist:
                continue
        label = SNAPSHOT_LABELS.get(key) or (field.verbose_name if field else key.replace("_", " "))
        if key == "household_members":
            value = list_join(f"{member['name']} ({relations.get(member['relation'], '')})" for member in value)
        elif isinstance(value, bool):
            value = _("Yes") if value else _("No")
        elif field is not None and field.choices:
            value = dict(field.choices).get(value, value)
        rows.append((capfirst(label), value or "—"))
    return rows


class ApplicationChangeList(ChangeList):
    """Each row says whether it is past the service level, from one cutoff for the whole list (`overdue_now`), and
    the long answers and the family's snapshot, which no column shows, are not read."""

    def get_queryset(self, request, exclude_parameters=None):
        overdue = selectors.application_overdue_q(cutoff=selectors.application_overdue_cutoff())
        return (
            super()
            .get_queryset(request, exclude_parameters)
            .defer("family_snapshot", "products_description", "production_address")
            .annotate(overdue_now=ExpressionWrapper(overdue, output_field=BooleanField()))
        )


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdminMixin, FindByEmiratesIdMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "family_name",
        "package_and_kind",
        "status",
        "first_submitted",
        "last_submitted",
        "assigned_reviewer",
        "overdue",
    ]
    list_display_links = ["reference", "family_name"]
    list_filter = [
        StatusFilter,
        "package",
        ReviewerFilter,
        OverdueFilter,
        "kind",
        SubmittedPeriodFilter,
        DecidedPeriodFilter,
        IssuedPeriodFilter,
    ]
    search_fields = [
        "reference",
        "family__full_name_ar",
        "family__full_name_en",
        "trade_name_ar",
        "trade_name_en",
    ]
    search_help_text = _("Reference, family name or trade name. To find by Emirates ID, use the form below.")

    def emirates_id_found(self, profile):
        return redirect(f"{reverse('admin:licenses_application_changelist')}?family={profile.pk}")

    list_select_related = ["family", "package", "assigned_reviewer"]
    change_list_template = "admin/licenses/application/change_list.html"
    ordering = ["-submitted_at", "-id"]
    # Rendering a row of the admin list costs about 1 ms: 25 keep the queue quick at any size (docs/performance.md).
    list_per_page = 25
    # A second count of every application would cost as much as the page at national scale; the filtered count stays.
    show_full_result_count = False
    actions = ["start_review", "approve"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    "kind",
                    "status",
                    "package",
                    "family_link",
                    "renews",
                    "licence_link",
                    "assigned_reviewer",
                ]
            },
        ),
        (
            _("Answers"),
            {
                "fields": [
                    "activity_list",
                    "trade_name_ar",
                    "trade_name_en",
                    "products_description",
                    "production_place",
                    "production_address",
                ]
            },
        ),
        (_("Dates"), {"fields": ["created_at", "submitted_at", "last_submitted_at", "decided_at", "issued_on"]}),
    ]
    # Every field is shown, none is edited: status moves only through the workflow's steps.
    readonly_fields = [name for _title, options in fieldsets for name in options["fields"]]
    change_form_template = "admin/licenses/application/change_form.html"

    def changelist_view(self, request, extra_context=None):
        # Managers may download the list as it is filtered (the dashboard app's export views).
        return super().changelist_view(request, {"can_export": user_is_manager(request.user), **(extra_context or {})})

    def get_queryset(self, request):
        # A draft is the family's until it is sent: the centre sees applications from their first submission.
        return super().get_queryset(request).exclude(status=Status.DRAFT)

    def has_review_permission(self, request, obj=None):
        # Asked several times per page (each action, each button): the answer is kept on the request.
        if not hasattr(request, "_licenses_can_review"):
            request._licenses_can_review = request.user.has_perm("licenses.review_application") and user_can_review(
                request.user
            )
        return request._licenses_can_review

    @admin.display(description=_("family"), ordering="family__full_name_en")
    def family_name(self, application):
        return application.family.full_name

    @admin.display(description=_("family"))
    def family_link(self, application):
        url = reverse("admin:families_familyprofile_change", args=[application.family_id])
        return format_html(
            '<a href="{}">{}</a> · <span dir="ltr">{}</span>', url, application.family, application.family.emirates_id
        )

    @admin.display(description=_("licence issued"))
    def licence_link(self, application):
        licence = application.licence_issued
        if licence is None:
            return "—"
        url = reverse("admin:licenses_licence_change", args=[licence.pk])
        return format_html('<a href="{}" dir="ltr">{}</a> · {}', url, licence.number, licence.get_status_display())

    @admin.display(description=_("activities"))
    def activity_list(self, application):
        return list_join(activity.name for activity in application.activities.all()) or "—"

    # The package over its kind (new or renewal), and short dates: every column of the list fits a 1280 px screen
    # beside the menu and the filters.
    @admin.display(description=_("package"), ordering="package__display_order")
    def package_and_kind(self, application):
        return format_html('{}<br><span class="quiet">{}</span>', application.package, application.get_kind_display())

    @admin.display(description=_("first submitted"), ordering="submitted_at")
    def first_submitted(self, application):
        return short_datetime(application.submitted_at)

    @admin.display(description=_("last submitted"), ordering="last_submitted_at")
    def last_submitted(self, application):
        return short_datetime(application.last_submitted_at)

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, application):
        return application.overdue_now

    def get_changelist(self, request, **kwargs):
        return ApplicationChangeList

    def get_urls(self):
        step = self.admin_site.admin_view(self.step_view)
        fee_reassess = self.admin_site.admin_view(require_http_methods(["GET", "POST"])(self.fee_reassess_view))
        return [
            path("<id:object_id>/step/<slug:to_status>/", step, name="licenses_application_step"),
            path("<id:object_id>/fee/reassess/", fee_reassess, name="licenses_application_fee_reassess"),
            *super().get_urls(),
        ]

    def get_object(self, request, object_id, from_field=None):
        """The application with everything its page shows, fetched once per request."""
        cached = getattr(request, "_licenses_application", None)
        if cached is not None and str(cached.pk) == str(object_id):
            return cached
        pk = id_parse(str(object_id))
        if pk is None:
            return None
        try:
            application = selectors.application_get_for_review(pk=pk)
        except Application.DoesNotExist:
            return None
        if application.status == Status.DRAFT:
            return None
        request._licenses_application = application
        return application

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        if application is None:
            return super().change_view(request, object_id, form_url, extra_context)
        can_review = self.has_review_permission(request)
        steps = transitions_from(application.status, role=Role.REVIEWER) if can_review else []
        context = {
            "application": application,
            "checklist": selectors.application_document_checklist(application=application),
            "snapshot_rows": snapshot_rows(application.family_snapshot),
            "events": application.all_events,
            "step_buttons": [(status.value, STEPS[status].title) for status in steps],
            "is_overdue": selectors.application_is_overdue(
                application=application, cutoff=selectors.application_overdue_cutoff()
            ),
            "licence_renewal_is_late": selectors.application_renewal_is_late(application=application),
            "fees": selectors.application_fees(application=application),
            "can_reassess_fee": can_review and application.status in FEE_REASSESSABLE,
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context=context)

    def step_view(self, request, object_id, to_status):
        """One step of the workflow on one application: a small form, then the transition service."""
        application = get_object_or_404(self.get_queryset(request).select_related("renews"), pk=object_id)
        if not self.has_review_permission(request):
            raise PermissionDenied
        try:
            target = Status(to_status)
        except ValueError:
            raise Http404 from None
        change_url = reverse("admin:licenses_application_change", args=[application.pk])
        if target not in transitions_from(application.status, role=Role.REVIEWER):
            messages.error(
                request,
                _("This step is not possible: the application is now “%(status)s”.")
                % {"status": application.get_status_display()},
            )
            return redirect(change_url)
        initial = {"licence_number": application.renews.number} if application.renews else {}
        form = StaffStepForm(
            request.POST if request.method == "POST" else None,
            initial=initial,
            step=STEPS[target],
            checklist=selectors.application_document_checklist(application=application)
            if STEPS[target].names_documents
            else [],
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.application_transition(
                    application=application, to_status=target, actor=request.user, **form.cleaned_data
                )
            except TransitionNotAllowed as error:
                message_add(request, error)
                return redirect(change_url)
            except ApplicationError as error:
                form_error_add(form, error)
            else:
                messages.success(
                    request,
                    _("%(application)s: %(step)s — done.") % {"application": application, "step": STEPS[target].title},
                )
                return redirect(change_url)
        return self._step_form_page(request, application, title=STEPS[target].title, form=form, change_url=change_url)

    def _step_form_page(self, request, application, *, title, form, change_url):
        """The small admin page of one step (or of a new fee assessment): its form, a button and a way back."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": application,
            "application": application,
            "title": f"{title}: {application}",
            "step_title": title,
            "form": form,
            "change_url": change_url,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/licenses/application/step_form.html", context)

    def fee_reassess_view(self, request, object_id):
        """Assess the fee of an approved application again: a reason, then `services.fee_reassess`."""
        application = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_review_permission(request):
            raise PermissionDenied
        change_url = reverse("admin:licenses_application_change", args=[application.pk])
        if application.status not in FEE_REASSESSABLE:
            messages.error(
                request,
                _("The fee can be assessed again only once the application is approved: it is now “%(status)s”.")
                % {"status": application.get_status_display()},
            )
            return redirect(change_url)
        form = FeeReassessForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.fee_reassess(application=application, actor=request.user, reason=form.cleaned_data["reason"])
            except ApplicationError as error:
                message_add(request, error)
            else:
                messages.success(
                    request, _("%(application)s: the fee is being assessed again.") % {"application": application}
                )
                return redirect(change_url)
        return self._step_form_page(
            request, application, title=_("Assess the fee again"), form=form, change_url=change_url
        )

    def _bulk_step(self, request, queryset, target: Status) -> None:
        """Each application goes through the transition service on its own; refusals are reported, one by one."""
        moved = 0
        for application in queryset.order_by("pk"):
            try:
                services.application_transition(application=application, to_status=target, actor=request.user)
            except ApplicationError as error:
                message_add(request, error, level=messages.WARNING, about=application)
            else:
                moved += 1
        if moved:
            messages.success(
                request,
                ngettext(
                    "%(count)d application moved to “%(status)s”.",
                    "%(count)d applications moved to “%(status)s”.",
                    moved,
                )
                % {"count": moved, "status": target.label},
            )

    @admin.action(description=_("Start review of the selected applications"), permissions=["review"])
    def start_review(self, request, queryset):
        self._bulk_step(request, queryset, Status.UNDER_REVIEW)

    @admin.action(description=_("Approve the selected applications"), permissions=["review"])
    def approve(self, request, queryset):
        self._bulk_step(request, queryset, Status.APPROVED)


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    """The days the government announced differently from the computed UAE calendar; the service level counts them."""

    list_display = ["date", "kind", "name_ar", "name_en"]
    list_filter = ["kind"]
    search_fields = ["name_ar", "name_en"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        services.calendar_day_save(day=obj, actor=request.user)

    def has_delete_permission(self, request, obj=None):
        # Never deleted: a day recorded by mistake is changed, and its history says so.
        return False


@admin.register(Reason)
class ReasonAdmin(SimpleHistoryAdmin):
    list_display = ["name_ar", "name_en", "kind", "code", "display_order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name_ar", "name_en", "code"]

    def has_delete_permission(self, request, obj=None):
        # The history of past applications names its reasons: switch a reason off instead.
        return False


@admin.register(Licence)
class LicenceAdmin(ReadOnlyAdminMixin, FindByEmiratesIdMixin, SimpleHistoryAdmin):
    # Licences are recorded and renewed through their applications' workflow. Staff download the certificate and,
    # when a certificate must stop verifying, issue a new verification link (its history says who, when and why).
    list_display = ["number", "family", "package", "trade_name_en", "issued_on", "renewed_on", "expires_on", "status"]
    list_filter = ["status", LicenceValidityFilter, "package", LicenceIssuedPeriodFilter]
    search_fields = ["number", "family__full_name_ar", "family__full_name_en", "trade_name_en"]

    def emirates_id_found(self, profile):
        return redirect(f"{reverse('admin:licenses_licence_changelist')}?family={profile.pk}")

    list_select_related = ["family", "package"]
    readonly_fields = [
        "number",
        "family",
        "package",
        "application",
        "trade_name_ar",
        "trade_name_en",
        "issued_on",
        "renewed_on",
        "expires_on",
        "status",
        "verification_link",
    ]
    exclude = ["activities"]
    change_form_template = "admin/licenses/licence/change_form.html"
    history_list_display = ["status", "expires_on"]

    @admin.display(description=_("verification link"))
    def verification_link(self, licence):
        url = services.licence_verification_url(licence=licence)
        return format_html('<a href="{}" target="_blank" rel="noopener" dir="ltr">{}</a>', url, url)

    def get_urls(self):
        certificate = self.admin_site.admin_view(require_GET(self.certificate_view))
        link_renew = self.admin_site.admin_view(require_http_methods(["GET", "POST"])(self.verification_link_view))
        return [
            path("<id:object_id>/certificate/", certificate, name="licenses_licence_certificate"),
            path("<id:object_id>/verification-link/", link_renew, name="licenses_licence_verification_link"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {"can_renew_verification_link": user_can_review(request.user), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context=context)

    def _licence_or_404(self, request, object_id) -> Licence:
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            return selectors.licence_get_for_certificate(pk=int(object_id))
        except (ValueError, Licence.DoesNotExist):
            raise Http404 from None

    def certificate_view(self, request, object_id):
        """The licence's certificate, made now, for staff who can see the licence."""
        licence = self._licence_or_404(request, object_id)
        back_url = reverse("admin:licenses_licence_change", args=[licence.pk])
        return certificate_response(request, licence, back_url=back_url)

    def verification_link_view(self, request, object_id):
        """A new verification link for the licence: a reason, then `services.licence_verification_link_renew`."""
        licence = self._licence_or_404(request, object_id)
        if not user_can_review(request.user):
            raise PermissionDenied
        change_url = reverse("admin:licenses_licence_change", args=[licence.pk])
        form = VerificationLinkRenewForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.licence_verification_link_renew(
                    licence=licence, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ServiceError as error:
                form_error_add(form, error)
            else:
                messages.success(
                    request,
                    _("%(licence)s: a new verification link is issued; the old one no longer verifies.")
                    % {"licence": licence},
                )
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "original": licence,
            "title": _("Issue a new verification link: %(licence)s") % {"licence": licence},
            "form": form,
            "change_url": change_url,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/licenses/licence/verification_link.html", context)


@admin.register(FeeAssessment)
class FeeAssessmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The fees assessed, read only: an assessment changes only through the fee task or a re-assessment."""

    list_display = [
        "application",
        "package",
        "state",
        "subtotal",
        "discount_total",
        "total",
        "computed_at",
        "superseded_at",
    ]
    list_filter = [
        CurrentAssessmentFilter,
        "state",
        DiscountFilter,
        ("application__package", admin.RelatedFieldListFilter),
        ComputedPeriodFilter,
    ]
    list_select_related = ["application__package"]
    search_fields = ["application__reference"]
    ordering = ["-created_at", "-id"]
    fields = [
        "application",
        "state",
        "schedule",
        "subtotal",
        "discount_total",
        "total",
        "requested_by",
        "reason",
        "created_at",
        "computed_at",
        "superseded_at",
    ]
    readonly_fields = fields
    change_list_template = "admin/licenses/feeassessment/change_list.html"

    def changelist_view(self, request, extra_context=None):
        """The list, with the sums of every assessment it holds (all pages): the dashboard's AED figures."""
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            response.context_data["sums"] = changelist.queryset.aggregate(
                total=Sum("total"), discount_total=Sum("discount_total")
            )
        return response

    @admin.display(description=_("package"), ordering="application__package__display_order")
    def package(self, assessment):
        return assessment.application.package
