from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "families"
    verbose_name = _("Families")

    def ready(self):
        from django.contrib.auth.models import Group

        from families.roles import group_label

        # A staff group is stored under its English name, a key the code looks it up by; staff read it translated.
        Group.__str__ = lambda group: group_label(group.name)
