"""Pieces the apps' admins share: read-only model admins, a list filter for a period of local dates, and a form
that finds a family by Emirates ID on a changelist.

The dashboard links to admin lists through the period filter's parameters
(`?<prefix>_from=YYYY-MM-DD&<prefix>_to=YYYY-MM-DD`); `intaj_portal.periods` defines what they count.
"""

import datetime

from django.contrib import messages
from django.contrib.admin import ListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import get_fields_from_path
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from families.forms import EmiratesIdFindForm
from families.models import FamilyProfile
from intaj_portal.periods import period_q


class ReadOnlyAdminMixin:
    """Shown in the admin, never added, changed or deleted there: these rows change only through their services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PeriodFilter(ListFilter):
    """Rows whose `field_name` falls on a local day between two dates, both included; either end may be left open.

    Made for a field by `PeriodFilter.on(field_name, prefix=…, title=…)`.
    """

    field_name: str
    parameter_prefix: str
    template = "admin/_period_filter.html"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        for name in self.expected_parameters():
            if name in params:
                self.used_parameters[name] = params.pop(name)[-1]
        # The field may be across a relation (`exhibition__starts_on`).
        self.is_datetime = isinstance(get_fields_from_path(model, self.field_name)[-1], models.DateTimeField)

    @classmethod
    def on(cls, field_name: str, *, prefix: str, title) -> type["PeriodFilter"]:
        return type(
            f"{prefix.title()}PeriodFilter",
            (cls,),
            {"field_name": field_name, "parameter_prefix": prefix, "title": title},
        )

    @property
    def from_parameter(self) -> str:
        return f"{self.parameter_prefix}_from"

    @property
    def to_parameter(self) -> str:
        return f"{self.parameter_prefix}_to"

    def expected_parameters(self):
        return [self.from_parameter, self.to_parameter]

    def has_output(self):
        return True

    def _date(self, name: str) -> datetime.date | None:
        raw = self.used_parameters.get(name, "")
        if not raw:
            return None
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError:
            # The admin answers an unreadable filter with its own "?e=1" page, never an error.
            raise IncorrectLookupParameters(f"{name} is not a date: {raw!r}") from None

    def queryset(self, request, queryset):
        start, end = self._date(self.from_parameter), self._date(self.to_parameter)
        if start is None and end is None:
            return queryset
        return queryset.filter(self.condition(start=start, end=end))

    def condition(self, *, start: datetime.date | None, end: datetime.date | None) -> models.Q:
        """The rows of the period: their field's local day is in it. A filter with a stricter meaning (an exhibition
        *held* in the period) says so here."""
        return period_q(self.field_name, start=start, end=end, is_datetime=self.is_datetime)

    def choices(self, changelist):
        mine = set(self.expected_parameters())
        yield {
            "from_name": self.from_parameter,
            "to_name": self.to_parameter,
            "from_value": self.used_parameters.get(self.from_parameter, ""),
            "to_value": self.used_parameters.get(self.to_parameter, ""),
            "active": bool(self.used_parameters),
            # The other filters, search and ordering stay as they are when the dates are applied.
            "hidden": [
                (name, value)
                for name, values in changelist.filter_params.items()
                if name not in mine
                for value in values
            ],
            "clear_url": changelist.get_query_string(remove=self.expected_parameters()),
        }


class FindByEmiratesIdMixin:
    """A changelist form that finds a family by Emirates ID, posted so the number stays out of addresses and logs.

    The admin's own search is a GET: its terms end up in the URL and the access log, so the Emirates ID is never a
    search field. `emirates_id_found(profile)` says where to go once the family is found.
    """

    change_list_template = "admin/emirates_id_change_list.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_find"
        view = self.admin_site.admin_view(self.find_by_emirates_id_view)
        return [path("find-by-emirates-id/", view, name=name), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_find")
        return super().changelist_view(request, {"find_by_emirates_id_url": url, **(extra_context or {})})

    def emirates_id_found(self, profile: FamilyProfile):
        raise NotImplementedError

    @method_decorator(sensitive_post_parameters("emirates_id"))
    @method_decorator(require_POST)
    def find_by_emirates_id_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        changelist = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        form = EmiratesIdFindForm(request.POST)
        if not form.is_valid():
            self.message_user(request, form.errors["emirates_id"][0], messages.ERROR)
            return redirect(changelist)
        profile = FamilyProfile.objects.filter(emirates_id=form.cleaned_data["emirates_id"]).first()
        if profile is None:
            self.message_user(request, _("No family has this Emirates ID."), messages.WARNING)
            return redirect(changelist)
        return self.emirates_id_found(profile)
