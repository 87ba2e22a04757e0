from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class IntajPortalConfig(AppConfig):
    """The portal's own wiring as an app, so that its system checks are registered."""

    default = True
    name = "intaj_portal"
    verbose_name = "Intaj Portal"

    def ready(self):
        from intaj_portal import checks  # noqa: F401 - registers the checks


class PortalAdminConfig(AdminConfig):
    """Django's admin, on the portal's site: every ModelAdmin registered refuses malformed input."""

    default = False
    default_site = "intaj_portal.admin_tools.PortalAdminSite"
