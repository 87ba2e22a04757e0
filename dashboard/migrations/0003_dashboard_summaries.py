"""The dashboard's summaries of the applications (`ApplicationDay`: by local day of first submission, package and
status) and of the licences (`LicenceDay`: issued and expiring by day and package), kept by PostgreSQL triggers on
`licenses_application` and `licenses_licence` and filled from them here (issue 18, docs/performance.md). Nothing but
the empty tables on other databases. The triggers and the refill are `dashboard.summaries`' as it is when this
migration runs.
"""

import django.db.models.deletion
from django.db import migrations, models


def install(apps, schema_editor):
    from dashboard.summaries import summaries_rebuild

    summaries_rebuild()


def uninstall(apps, schema_editor):
    from dashboard.summaries import summaries_uninstall

    summaries_uninstall()


class Migration(migrations.Migration):
    dependencies = [
        ("licenses", "0012_dashboard_covering_indexes"),
        ("dashboard", "0002_staff_permissions"),
        ("packages_catalog", "0003_revise_arabic_texts"),
    ]

    operations = [
        migrations.CreateModel(
            name="ApplicationDay",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField(verbose_name="day of first submission")),
                ("status", models.CharField(max_length=20, verbose_name="status")),
                ("count", models.IntegerField(verbose_name="applications")),
                (
                    "package",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="packages_catalog.package",
                        verbose_name="package",
                    ),
                ),
            ],
            options={
                "verbose_name": "applications of a day",
                "verbose_name_plural": "applications by day",
                "constraints": [
                    models.UniqueConstraint(fields=("day", "package", "status"), name="application_day_unique")
                ],
            },
        ),
        migrations.CreateModel(
            name="LicenceDay",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField(verbose_name="day")),
                ("issued", models.IntegerField(verbose_name="licences first issued")),
                ("expiring", models.IntegerField(verbose_name="licences valid until that day")),
                (
                    "package",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="packages_catalog.package",
                        verbose_name="package",
                    ),
                ),
            ],
            options={
                "verbose_name": "licences of a day",
                "verbose_name_plural": "licences by day",
                "constraints": [models.UniqueConstraint(fields=("day", "package"), name="licence_day_unique")],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
