"""Pieces the apps' admins share: read-only model admins, and a list filter for a period of local dates.

The dashboard links to admin lists through the period filter's parameters
(`?<prefix>_from=YYYY-MM-DD&<prefix>_to=YYYY-MM-DD`); `intaj_portal.periods` defines what they count.
"""

import datetime

from django.contrib.admin import ListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import models

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
        self.is_datetime = isinstance(model._meta.get_field(self.field_name), models.DateTimeField)

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
        return queryset.filter(period_q(self.field_name, start=start, end=end, is_datetime=self.is_datetime))

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
