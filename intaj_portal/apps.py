from django.apps import AppConfig


class IntajPortalConfig(AppConfig):
    """The portal's own wiring as an app, so that its system checks are registered."""

    name = "intaj_portal"
    verbose_name = "Intaj Portal"

    def ready(self):
        from intaj_portal import checks  # noqa: F401 - registers the checks
