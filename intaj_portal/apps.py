from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """Django's admin, on the portal's site: every ModelAdmin registered refuses malformed input."""

    default_site = "intaj_portal.admin_tools.PortalAdminSite"
