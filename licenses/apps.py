from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensesConfig(AppConfig):
    name = "licenses"
    verbose_name = _("Licences")

    def ready(self):
        from licenses import notices, tasks  # noqa: F401  (tasks: registered with Celery for `task_publish`)

        notices.register()
