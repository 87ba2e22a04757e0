from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PackagesCatalogConfig(AppConfig):
    name = "packages_catalog"
    label = "packages_catalog"
    verbose_name = _("Packages catalogue")
