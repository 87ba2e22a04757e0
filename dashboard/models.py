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


class ApplicationDay(models.Model):
    """How many applications first submitted on a local day, of one package, are in one status now (never a draft).

    A summary of `licenses.Application` for the dashboard's applications by status and monthly chart, on PostgreSQL
    only: database triggers keep it in step with every write to the applications, whichever code makes it, in the
    same transaction (`dashboard.summaries`, installed by migration 0003, rebuilt by `manage.py
    dashboard_summaries_rebuild`). Elsewhere it stays empty and the dashboard counts the applications themselves.
    """

    day = models.DateField(_("day of first submission"))
    package = models.ForeignKey(
        "packages_catalog.Package", on_delete=models.CASCADE, related_name="+", verbose_name=_("package")
    )
    status = models.CharField(_("status"), max_length=20)
    # Zero once every application of the day, package and status has moved on: the row stays, and counts nothing.
    count = models.IntegerField(_("applications"))

    class Meta:
        verbose_name = _("applications of a day")
        verbose_name_plural = _("applications by day")
        constraints = [models.UniqueConstraint(fields=["day", "package", "status"], name="application_day_unique")]

    def __str__(self):
        return f"{self.day} {self.status}: {self.count}"


class LicenceDay(models.Model):
    """Of one package's licences, how many were first issued on a day and how many have that day as their last valid
    day: a summary of `licenses.Licence` for the dashboard's licence counts, kept like `ApplicationDay` (PostgreSQL
    triggers, `dashboard.summaries`, migration 0003)."""

    day = models.DateField(_("day"))
    package = models.ForeignKey(
        "packages_catalog.Package", on_delete=models.CASCADE, related_name="+", verbose_name=_("package")
    )
    issued = models.IntegerField(_("licences first issued"))
    expiring = models.IntegerField(_("licences valid until that day"))

    class Meta:
        verbose_name = _("licences of a day")
        verbose_name_plural = _("licences by day")
        constraints = [models.UniqueConstraint(fields=["day", "package"], name="licence_day_unique")]

    def __str__(self):
        return f"{self.day}: {self.issued} issued, {self.expiring} expiring"
