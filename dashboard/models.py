from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportRecord(models.Model):
    """One download of the centre's data: who took it, when, what, in which format, filtered how, how many rows.

    Written by `dashboard.exports.export_record_create` before the file is sent; never changed afterwards.
    """

    class What(models.TextChoices):
        APPLICATIONS = "applications", _("application list")
        FIGURES = "figures", _("dashboard figures")

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        XLSX = "xlsx", _("Excel")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("downloaded by")
    )
    created_at = models.DateTimeField(_("downloaded at"), auto_now_add=True)
    what = models.CharField(_("what"), max_length=20, choices=What.choices)
    fmt = models.CharField(_("format"), max_length=10, choices=Format.choices)
    filters = models.JSONField(
        _("filters"),
        default=dict,
        blank=True,
        help_text=_("The query parameters of the download: each parameter's value, or its values when repeated."),
    )
    row_count = models.PositiveIntegerField(_("rows"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [models.Index(fields=["created_at"], name="exportrecord_created_at")]

    def __str__(self):
        return f"{self.get_what_display()} ({self.get_fmt_display()})"
