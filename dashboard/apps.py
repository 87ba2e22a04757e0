from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Dashboard and reports")

    def ready(self):
        from dashboard.summaries import application_list_total
        from intaj_portal.admin_tools import known_total_register
        from licenses.models import Application

        # The applications' admin list reads its total from the summary this app keeps (PostgreSQL).
        known_total_register(Application, application_list_total)
