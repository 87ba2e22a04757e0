from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from packages_catalog.views import healthz

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
    path("bench/", include("demo.urls")),
    path("", include("benefits.urls")),
    path("", include("packages_catalog.urls")),
    prefix_default_language=True,
)
