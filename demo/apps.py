from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and scale data, and the benchmark's baseline pages: tooling for the embedded mode and `make bench`,
    never used in production. It sits above licensing and imports from it; nothing in the portal imports from it.

    The name is not translated: the app has no models, so the admin never shows it.
    """

    name = "demo"
    verbose_name = "Demo and scale data"
