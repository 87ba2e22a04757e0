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
