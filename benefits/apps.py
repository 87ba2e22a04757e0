from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "benefits"
    verbose_name = _("Members' benefits")

    def ready(self):
        from benefits import notices, tasks  # noqa: F401  (tasks: registered with Celery for beat)
        from benefits.selectors.follow_up import next_step_overdue_items
        from licenses.services import DigestSection, staff_digest_section_add

        notices.register()
        staff_digest_section_add(
            DigestSection(
                key=notices.OVERDUE_STEPS.key,
                items=next_step_overdue_items,
                path="/admin/benefits/contact/?due=overdue",
            )
        )
