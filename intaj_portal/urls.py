from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _

from dashboard.metrics import metrics
from intaj_portal.health import readyz
from intaj_portal.inputs import IdConverter
from intaj_portal.views import favicon
from packages_catalog.views import healthz

# `<id:pk>` in every pattern that takes an id, the portal's and the admin's own views: anything but an id is a 404.
# Registered before the apps' URL modules are included, which read it.
register_converter(IdConverter, "id")

admin.site.site_header = _("Intaj Portal — centre administration")
admin.site.site_title = _("Intaj Portal")
admin.site.index_title = _("Intaj productive families centre")

# The 500 page, and the 503 page for a database outage, rendered without the database or the session.
handler500 = "intaj_portal.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
]

# The benchmark's peer of the admin list (demo/bench_admin.py): mounted only when the benchmark turns it on.
bench_patterns = []
if settings.BENCHMARK_BASELINE_VIEW:
    from demo.bench_admin import bench_admin_site

    bench_patterns = [path("bench/admin/", bench_admin_site.urls)]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("account/", include("families.urls")),
    path("notifications/", include("notifications.urls")),
    path("applications/", include("licenses.urls")),
    path("staff/dashboard/", include("dashboard.urls")),
    path("verify/", include("licenses.public_urls")),
    *bench_patterns,
    path("bench/", include("demo.urls")),
    path("showcase/", include("showcase.urls")),
    path("", include("benefits.urls")),
    path("", include("packages_catalog.urls")),
    prefix_default_language=True,
)


def uaepass_standin_patterns() -> list:
    """The UAE PASS stand-in (demo/uaepass_standin.py) where UAE PASS's own paths would be: while the setting is
    on, and never in production, whatever the setting says."""
    if not settings.UAEPASS_STANDIN or settings.PRODUCTION:
        return []
    return [path(f"{settings.UAEPASS_STANDIN_PATH}/idshub/", include("demo.uaepass_urls"))]


urlpatterns += uaepass_standin_patterns()
