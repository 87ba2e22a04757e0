"""Pieces the apps' admins share: the admin site, which makes every ModelAdmin refuse malformed input, read-only
model admins, a list filter for a period of local dates, and a form that finds a family by Emirates ID on a changelist.

The dashboard links to admin lists through the period filter's parameters
(`?<prefix>_from=YYYY-MM-DD&<prefix>_to=YYYY-MM-DD`); `intaj_portal.periods` defines what they count.
"""

import datetime
import re
from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.admin import ListFilter, SimpleListFilter, helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.contrib.admin.views.main import IGNORED_PARAMS, ORDER_VAR, PAGE_VAR
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from families.forms import EmiratesIdFindForm
from families.models import FamilyProfile
from intaj_portal.errors import ServiceError, message_add
from intaj_portal.inputs import ModelMultipleIdChoiceField, value_fits
from intaj_portal.periods import FIRST_DAY, LAST_DAY, PeriodForm, period_q

# The label of a row's checkbox, in the admin's own words (translated by Django's catalogue, not the portal's).
_ROW_CHECKBOX_LABEL = "Select this object for an action - {}"

# The parts of a date or a time a lookup may compare (`created_at__year=2026`): small numbers, the year a real one.
_DATE_PARTS = {"year", "iso_year", "month", "day", "week", "week_day", "iso_week_day", "quarter", "hour", "minute"}


def lookup_fits(model: type[models.Model], lookup: str, raw: str) -> bool:
    """Whether the value of the changelist lookup `lookup` (`family`, `package__id__exact`, `created_at__year`,
    `id__in`) is one its field can be compared with. A lookup that names no field is left to the admin."""
    opts, field, parts = model._meta, None, lookup.split(LOOKUP_SEP)
    while parts:
        try:
            field = opts.get_field(parts[0])
        except FieldDoesNotExist:
            break
        parts.pop(0)
        if field.is_relation and field.related_model is not None:
            if parts and parts[0] not in {"exact", "in", "isnull"}:
                opts = field.related_model._meta
                continue
            field = getattr(field, "target_field", None)
    if field is None or "isnull" in parts:
        return True
    values = raw.split(",") if parts[-1:] == ["in"] else [raw]
    if any(part in _DATE_PARTS for part in parts):
        digits = [value for value in values if re.fullmatch("[0-9]{1,4}", value)]
        years = [int(value) for value in digits] if "year" in parts or "iso_year" in parts else []
        return len(digits) == len(values) and all(FIRST_DAY.year <= year <= LAST_DAY.year for year in years)
    return all(value_fits(field, value) for value in values)


class StrictInputAdminMixin:
    """Malformed ids and values typed into the admin's addresses are refused, never a 500: a row id that is no id is
    a row that does not exist, a list's filter value that its field cannot hold gives the list without its filters
    (the admin's "?e=1") and a message, and an action on a selection that is not ids of rows is refused.

    `PortalAdminSite` gives it to every ModelAdmin, the project's and third-party ones alike.
    """

    def _pk_fits(self, raw: str, model: type[models.Model] | None = None) -> bool:
        return value_fits((model or self.model)._meta.pk, raw)

    def get_object(self, request, object_id, from_field=None):
        if from_field is None and not self._pk_fits(str(object_id)):
            return None
        return super().get_object(request, object_id, from_field)

    def history_view(self, request, object_id, extra_context=None):
        if not self._pk_fits(unquote(object_id)):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """django-simple-history's page of one earlier version (only its ModelAdmins route here)."""
        if not (self._pk_fits(unquote(object_id)) and self._pk_fits(version_id, self.model.history.model)):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", ModelMultipleIdChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changelist_instance(self, request):
        own_parameters = {
            item.parameter_name
            for item in self.get_list_filter(request)
            if isinstance(item, type) and issubclass(item, SimpleListFilter)
        }
        try:
            for name, values in request.GET.lists():
                if any("\x00" in value for value in values):
                    raise IncorrectLookupParameters(f"{name} holds a NUL character")
                if name in IGNORED_PARAMS or name in own_parameters:
                    continue
                if not all(lookup_fits(self.model, name, value) for value in values):
                    raise IncorrectLookupParameters(f"{name}={values!r} fits no value of its field")
            return super().get_changelist_instance(request)
        except (IncorrectLookupParameters, ValidationError, ValueError, OverflowError) as error:
            # The admin itself answers IncorrectLookupParameters with the list without its filters ("?e=1").
            messages.error(
                request,
                _("The list could not be filtered as asked: a filter's value is not valid. It is shown without them."),
                fail_silently=True,
            )
            raise IncorrectLookupParameters(error) from error

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", None) and response.context_data.get("cl")
        for spec in changelist.filter_specs if changelist else []:
            if error := getattr(spec, "error", None):  # a filter that refused what it was given (PeriodFilter)
                messages.error(
                    request,
                    _("The filter “%(filter)s” was not applied: %(error)s") % {"filter": spec.title, "error": error},
                )
        return response

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(self._pk_fits(value) for value in selected):
            self.message_user(request, _("The rows to act on could not be read: tick them again."), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)


# The total of a model's whole admin list, where something keeps it exactly in step with the rows (a summary the
# database's triggers keep): model → a function giving that total, or None where it is not kept (then the list
# counts its rows). Registered by the app that keeps it (`known_total_register`).
_KNOWN_TOTALS: dict[type[models.Model], Callable[[], int | None]] = {}
# Parameters that change neither which rows a list holds nor how many: the page and the ordering.
_PAGING_PARAMS = {PAGE_VAR, ORDER_VAR}


def known_total_register(model: type[models.Model], total: Callable[[], int | None]) -> None:
    """`total()` is the number of rows of `model`'s admin list when nothing filters or searches it."""
    _KNOWN_TOTALS[model] = total


class KnownTotalPaginator(Paginator):
    """A paginator given the number of rows instead of counting them."""

    def __init__(self, object_list, per_page, *, total: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.total = total

    @cached_property
    def count(self) -> int:
        return self.total


class QuickRowsAdminMixin:
    """A changelist row's checkbox for the actions written as the admin writes it, without rendering a form widget
    through the template engine for each row: that was a tenth of the applications' list (docs/performance.md). A
    whole list whose total is kept elsewhere (`known_total_register`) reads it instead of counting every row."""

    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext(_ROW_CHECKBOX_LABEL), str(obj)),
        )

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        known = _KNOWN_TOTALS.get(self.model)
        total = known() if known and set(request.GET) <= _PAGING_PARAMS else None
        if total is None:
            return super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        return KnownTotalPaginator(
            queryset, per_page, total=total, orphans=orphans, allow_empty_first_page=allow_empty_first_page
        )


class PortalAdminSite(admin.AdminSite):
    """The portal's admin site (`intaj_portal.apps.PortalAdminConfig`): every ModelAdmin registered on it, the
    project's and those of third-party apps (auth's groups, axes, celery beat), refuses malformed input and writes
    its rows' checkboxes quickly.

    No sidebar menu: the home page, one click away on every page (the header and the breadcrumbs), lists every
    model the reader may open. The sidebar rebuilt and rendered that list on every page, a fifth of the applications'
    list at national scale, and took width the lists' columns and filters need (docs/decisions.md).
    """

    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        # Built when first read: every page's context names it (`available_apps`), only the home pages show it.
        return SimpleLazyObject(lambda: super(PortalAdminSite, self).get_app_list(request, app_label))

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, StrictInputAdminMixin):
            admin_class = type(
                admin_class.__name__,
                (StrictInputAdminMixin, QuickRowsAdminMixin, admin_class),
                {"__module__": admin_class.__module__},
            )
        super().register(model_or_iterable, admin_class, **options)


def rows_perform(request, rows, *, perform, done) -> int:
    """An admin action's work: `perform(row)` (one service) for each row, each refusal reported on its own as a
    warning, then `done(count)` as one success message; returns how many rows it was done for."""
    count = 0
    for row in rows:
        try:
            perform(row)
        except ServiceError as error:
            message_add(request, error, level=messages.WARNING, about=row)
        else:
            count += 1
    if count:
        messages.success(request, done(count))
    return count


class SavedThroughServiceMixin:
    """A ModelAdmin whose rows are saved by a service, which may refuse (found under its lock, after the form was
    valid): the refusal is shown as a message, the transaction is rolled back, and the page is shown again."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceError as error:
            message_add(request, error)
            return redirect(request.get_full_path())


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

    Dates that are not a period (`PeriodForm`) are not applied: the filter keeps them in its inputs with its error
    beside them, and says why in `error`, which the list shows as a message and a download takes as a refusal.
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
        self.form = PeriodForm(
            {
                "start": self.used_parameters.get(self.from_parameter, ""),
                "end": self.used_parameters.get(self.to_parameter, ""),
            }
        )
        self.error = None if self.form.is_valid() else next(iter(self.form.errors.values()))[0]

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

    def queryset(self, request, queryset):
        if self.error is not None:
            return queryset
        start, end = self.form.cleaned_data.get("start"), self.form.cleaned_data.get("end")
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
            "from_errors": self.form.errors.get("start", []),
            "to_errors": self.form.errors.get("end", []),
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
