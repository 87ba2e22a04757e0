from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class IntajPortalConfig(AppConfig):
    """The portal's own wiring as an app, so that its system checks are registered."""

    default = True
    name = "intaj_portal"
    verbose_name = "Intaj Portal"

    def ready(self):
        from intaj_portal import admin_language, checks  # noqa: F401 - registers the checks

        admin_language.install()


class PortalAdminConfig(AdminConfig):
    """Django's admin, on the portal's site: every ModelAdmin registered refuses malformed input."""

    default = False
    default_site = "intaj_portal.admin_tools.PortalAdminSite"


class AxesConfig(AxesAppConfig):
    """django-axes (login throttling), named in the admin in the staff's words: the app has no name of its own,
    so the admin showed its label, "Axes"."""

    default = False
    verbose_name = _("Sign-in protection")
