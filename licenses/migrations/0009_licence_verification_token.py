"""Licences get an unguessable verification token (the certificate's QR code) and a history of their changes."""

import django.db.models.deletion
import licenses.models.licence
import simple_history.models
from django.conf import settings
from django.db import migrations, models


BATCH_SIZE = 1000


def tokens_give(apps, schema_editor):
    """Every licence already recorded gets its own verification token, so its certificate can be checked."""
    Licence = apps.get_model("licenses", "Licence")
    waiting = Licence.objects.filter(verification_token__isnull=True).only("pk")
    while batch := list(waiting[:BATCH_SIZE]):
        for licence in batch:
            licence.verification_token = licenses.models.licence.verification_token_new()
        Licence.objects.bulk_update(batch, ["verification_token"])


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0006_staff_email_index"),
        ("licenses", "0008_calendar_day_permissions"),
        ("packages_catalog", "0002_load_catalogue"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Added empty, each existing licence given its own token, then made unique and required: a callable
        # default on AddField would give every existing row the same value.
        migrations.AddField(
            model_name="licence",
            name="verification_token",
            field=models.CharField(editable=False, max_length=64, null=True, verbose_name="verification token"),
        ),
        migrations.RunPython(tokens_give, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="licence",
            name="verification_token",
            field=models.CharField(
                default=licenses.models.licence.verification_token_new,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="verification token",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalLicence",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("number", models.CharField(db_index=True, max_length=30, verbose_name="DED licence number")),
                ("trade_name_ar", models.CharField(max_length=100, verbose_name="trade name (Arabic)")),
                ("trade_name_en", models.CharField(max_length=100, verbose_name="trade name (English)")),
                ("issued_on", models.DateField(verbose_name="first issued on")),
                ("renewed_on", models.DateField(blank=True, null=True, verbose_name="last renewed on")),
                (
                    "expires_on",
                    models.DateField(help_text="The last day the licence is valid.", verbose_name="valid until"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("active", "Active"), ("expired", "Expired")],
                        default="active",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "verification_token",
                    models.CharField(
                        db_index=True,
                        default=licenses.models.licence.verification_token_new,
                        editable=False,
                        max_length=64,
                        verbose_name="verification token",
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="recorded")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="updated")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "application",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="licenses.application",
                        verbose_name="application",
                    ),
                ),
                (
                    "family",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="families.familyprofile",
                        verbose_name="family",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "package",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="packages_catalog.package",
                        verbose_name="package",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical licence",
                "verbose_name_plural": "historical licences",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
