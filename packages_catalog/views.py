from django.conf import settings
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from packages_catalog import selectors
from packages_catalog.models import Package


@require_GET
def home(request):
    schedule = selectors.fee_schedule_in_force()
    return render(
        request,
        "packages_catalog/home.html",
        {"packages": selectors.package_list_active(), "schedule": schedule},
    )


@require_GET
def package_detail(request, code):
    try:
        package = selectors.package_get_active(code=code)
    except Package.DoesNotExist:
        raise Http404 from None
    schedule = selectors.fee_schedule_in_force()
    return render(
        request,
        "packages_catalog/package_detail.html",
        {
            "package": package,
            "documents": selectors.document_type_list_for_package(package=package),
            "fees": selectors.package_fees(package=package, schedule=schedule) if schedule else None,
        },
    )


@never_cache
@require_GET
def healthz(request):
    """For load balancers: the process answers and the database is reachable."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means "not healthy", whatever its class
        return JsonResponse({"status": "error", "database": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# The package the benchmark's baseline reads: any stable code would do.
BASELINE_PACKAGE_CODE = "tayeb"


def _baseline_package() -> Package:
    if not settings.BENCHMARK_BASELINE_VIEW:
        raise Http404
    package = Package.objects.filter(code=BASELINE_PACKAGE_CODE).first()
    if package is None:
        raise Http404
    return package


@require_GET
def benchmark_baseline(request):
    """The cheapest page there is: the whole middleware stack, one indexed read of one row, no template.

    `make bench` measures every page against it. Not found unless settings.BENCHMARK_BASELINE_VIEW is on.
    """
    package = _baseline_package()
    return JsonResponse({"code": package.code, "name_en": package.name_en})


@require_GET
def benchmark_baseline_page(request):
    """The same read of one row, shown in the portal's own layout: the cost every page pays before its own data."""
    return render(request, "packages_catalog/benchmark_baseline.html", {"package": _baseline_package()})
