"""The managers' dashboard: the centre's figures, each linked to the admin list it counts, and their export."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from dashboard.exports import (
    EXPORT_FORMATS,
    Table,
    export_filename,
    export_record_create,
    export_response,
    filters_used,
)
from dashboard.forms import DashboardFilterForm
from dashboard.models import ExportRecord
from dashboard.report import Figure, Report, Unit, dashboard_report
from dashboard.selectors import dashboard_figures, package_list_for_dashboard
from intaj_portal.access import manager_required
from intaj_portal.cache import cache_get_or_compute

# One colour per package in the chart, in display order: the centre's maroon and gold first, then distinct hues.
CHART_COLOURS = ["#7a1f2b", "#a8894f", "#2f6f5e", "#3d5a98", "#b5651d", "#6b4c9a", "#4f7f2f", "#8c8c8c"]


def _form(request) -> DashboardFilterForm:
    packages = package_list_for_dashboard()
    return DashboardFilterForm(request.GET or None, packages=packages, today=timezone.localdate())


def _report(form: DashboardFilterForm) -> Report:
    filters = form.filters()
    figures = dashboard_figures(filters=filters, today=form.today)
    return dashboard_report(figures=figures, filters=filters, packages=list(form.packages.values()))


def _figures_html(form: DashboardFilterForm) -> str:
    """The figures' part of the page, read and rendered at most once every DASHBOARD_CACHE_SECONDS per filters and
    language: a manager may see figures that old, and the page says when they were read."""
    seconds = settings.DASHBOARD_CACHE_SECONDS

    def render() -> str:
        report = _report(form)
        chart_data = _chart_data(report, packages=list(form.packages.values()))
        context = {"report": report, "chart_data": chart_data, "cache_seconds": seconds}
        return render_to_string("dashboard/_figures.html", context)

    if seconds <= 0:
        return render()
    filters = form.filters()
    key = f"dashboard:{get_language()}:{form.today}:{filters.start}:{filters.end}:{filters.package_id}"
    return cache_get_or_compute(key, render, timeout=seconds)


def _chart_data(report: Report, *, packages: list) -> dict:
    """The chart's series; a package keeps its colour when the chart shows it alone."""
    position = {package.pk: index for index, package in enumerate(packages)}
    return {
        "labels": [column.label for column in report.months],
        "datasets": [
            {
                "label": str(package.name),
                "data": [column.cells[index].value for column in report.months],
                "backgroundColor": CHART_COLOURS[position[package.pk] % len(CHART_COLOURS)],
            }
            for index, package in enumerate(report.chart_packages)
        ],
    }


@never_cache
@require_GET
@manager_required
def dashboard(request):
    form = _form(request)
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "form": form,
            "figures_html": mark_safe(_figures_html(form)),  # rendered by the template engine, escaped there
            "query_string": request.GET.urlencode(),
        },
    )


def _figure_value(figure: Figure):
    rounded = figure.unit in (Unit.DAYS, Unit.PERCENT) and figure.value is not None
    return round(figure.value, 1) if rounded else figure.value


def _figures_table(request, report: Report) -> Table:
    """The dashboard as rows of (section, figure, value, admin list), beginning with the filters that made it."""
    filters = report.filters
    rows = [
        (_("Filters"), _("From"), filters.start),
        (_("Filters"), _("To"), filters.end),
        (_("Filters"), _("Package"), filters.package.name if filters.package else _("All packages")),
    ]
    rows += [
        (title, figure.label, _figure_value(figure), request.build_absolute_uri(figure.url))
        for row in report.licence_rows
        for title, figure in (
            (_("Licences issued this year"), row.issued_this_year),
            (_("Licences issued in the period"), row.issued_in_period),
        )
    ]
    rows += [
        (section.title, figure.label, _figure_value(figure), request.build_absolute_uri(figure.url))
        for section in report.sections
        for figure in section.figures
    ]
    rows += [
        (title, figure.label, _figure_value(figure), request.build_absolute_uri(figure.url))
        for row in report.benefit_rows
        for title, figure in (
            (_("Family places at exhibitions, by package"), row.places),
            (_("Seats taken in training courses, by package"), row.seats),
        )
        if figure is not None
    ]
    rows += [
        (
            _("Applications first submitted in %(month)s") % {"month": column.label},
            figure.label,
            figure.value,
            request.build_absolute_uri(figure.url),
        )
        for column in report.months
        for figure in (*column.cells, column.total)
    ]
    return Table(
        title=str(_("Centre dashboard")),
        headers=[_("Section"), _("Figure"), _("Value"), _("Admin list")],
        rows=rows,
    )


@never_cache
@require_GET
@manager_required
def figures_export(request, fmt):
    """Every figure of the dashboard as it is filtered, one row each, with the admin list it counts; recorded."""
    if fmt not in EXPORT_FORMATS:
        raise Http404
    # A download always reads the figures afresh.
    report = _report(_form(request))
    table = _figures_table(request, report)
    export_record_create(
        actor=request.user,
        what=ExportRecord.What.FIGURES,
        fmt=fmt,
        filters=filters_used(request.GET),
        row_count=len(table.rows),
    )
    return export_response(table=table, fmt=fmt, filename=export_filename(ExportRecord.What.FIGURES))
