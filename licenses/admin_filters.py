"""The list filters of the centre's admin lists: applications, licences and fee assessments.

The period filters' parameters (`<prefix>_from`, `<prefix>_to`) are the ones the dashboard links to.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from families.selectors import staff_members
from intaj_portal.admin_tools import PeriodFilter
from intaj_portal.inputs import id_parse
from licenses import selectors
from licenses.models import Status


class StatusFilter(admin.SimpleListFilter):
    """The statuses the centre sees: drafts are the family's own until sent."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(status.value, status.label) for status in Status if status != Status.DRAFT]

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


class ReviewerFilter(admin.SimpleListFilter):
    """The staff accounts (a few rows), rather than a scan of every application for the reviewers it names."""

    title = _("assigned reviewer")
    parameter_name = "reviewer"

    def lookups(self, request, model_admin):
        return [*((str(user.pk), str(user)) for user in staff_members()), ("none", _("Not assigned"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(assigned_reviewer__isnull=True)
        if self.value():
            reviewer_id = id_parse(self.value())
            if reviewer_id is None:
                raise IncorrectLookupParameters(f"not a reviewer: {self.value()!r}")
            return queryset.filter(assigned_reviewer_id=reviewer_id)
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = _("service level")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("Waiting for the centre")),
            ("yes", _("Overdue")),
            ("no", _("Within the service level")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(selectors.application_waiting_q())
        overdue = selectors.application_list_overdue(
            applications=queryset, cutoff=selectors.application_overdue_cutoff()
        )
        if self.value() == "yes":
            return overdue
        if self.value() == "no":
            return queryset.exclude(pk__in=overdue.values("pk"))
        return queryset


SubmittedPeriodFilter = PeriodFilter.on("submitted_at", prefix="submitted", title=_("first submitted"))
DecidedPeriodFilter = PeriodFilter.on("decided_at", prefix="decided", title=_("decided"))
IssuedPeriodFilter = PeriodFilter.on("issued_on", prefix="issued", title=_("licence issued or renewed"))
LicenceIssuedPeriodFilter = PeriodFilter.on("issued_on", prefix="issued", title=_("first issued"))


class LicenceValidityFilter(admin.SimpleListFilter):
    """By date, not by the status the nightly task sets, so that it agrees with the dashboard all day long."""

    title = _("validity")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        days = settings.LICENCE_RENEWAL_WINDOW_DAYS
        renewal_due = ngettext(
            "Renewal due (expires within %(days)s day)", "Renewal due (expires within %(days)s days)", days
        ) % {"days": days}
        return [("renewal_due", renewal_due), ("expired", _("Expired"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "renewal_due":
            return queryset.filter(selectors.licence_renewal_due_q(today=today))
        if self.value() == "expired":
            return queryset.filter(selectors.licence_expired_q(today=today))
        return queryset


class CurrentAssessmentFilter(admin.SimpleListFilter):
    title = _("current or replaced")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", _("Current")), ("no", _("Replaced by a re-assessment"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(superseded_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(superseded_at__isnull=False)
        return queryset


class DiscountFilter(admin.SimpleListFilter):
    title = _("beneficiary discount")
    parameter_name = "discount"

    def lookups(self, request, model_admin):
        return [("yes", _("Discount granted")), ("no", _("No discount"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(selectors.fee_assessment_discount_q())
        if self.value() == "no":
            return queryset.exclude(selectors.fee_assessment_discount_q())
        return queryset


ComputedPeriodFilter = PeriodFilter.on("computed_at", prefix="computed", title=_("computed"))
