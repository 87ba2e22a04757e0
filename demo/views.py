"""The benchmark's baselines: what `make bench` (bench/run.py) measures every page against. Not found unless
settings.BENCHMARK_BASELINE_VIEW is on."""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from packages_catalog.models import Package

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

    `make bench` measures every page against it.
    """
    package = _baseline_package()
    return JsonResponse({"code": package.code, "name_en": package.name_en})


@require_GET
def benchmark_baseline_page(request):
    """The same read of one row, shown in the portal's own layout: the cost every page pays before its own data."""
    return render(request, "demo/benchmark_baseline.html", {"package": _baseline_package()})
