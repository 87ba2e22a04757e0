from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "benefits"
    verbose_name = _("Members' benefits")

    def ready(self):
        from benefits import notices, tasks  # noqa: F401  (tasks: registered with Celery for beat)

        notices.register()
