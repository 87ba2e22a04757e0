from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _

from intaj_portal.inputs import IdConverter
from packages_catalog.views import benchmark_baseline, benchmark_baseline_page, healthz

# `<id:pk>` in every pattern that takes an id, the portal's and the admin's own views: anything but an id is a 404.
# Registered before the apps' URL modules are included, which read it.
register_converter(IdConverter, "id")

admin.site.site_header = _("Intaj Portal — centre administration")
admin.site.site_title = _("Intaj Portal")
admin.site.index_title = _("Intaj productive families centre")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("account/", include("families.urls")),
    path("notifications/", include("notifications.urls")),
    path("applications/", include("licenses.urls")),
    path("staff/dashboard/", include("dashboard.urls")),
    path("bench/baseline/", benchmark_baseline, name="benchmark_baseline"),
    path("bench/baseline/page/", benchmark_baseline_page, name="benchmark_baseline_page"),
    path("", include("packages_catalog.urls")),
    prefix_default_language=True,
)
