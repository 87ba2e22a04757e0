"""Covering indexes for the dashboard's figures (issue 18, docs/performance.md): each section of the dashboard
reads its rows from an index alone (an index-only scan on PostgreSQL) instead of the wide application rows.

`application_submitted_cover` replaces `application_submitted_at` (the same leading key, with the columns the
period's counts read and the local month the monthly chart groups by); the two others on applications are partial,
and the issued one keeps the local day of first submission the issue durations start from. The time zone of those
expressions is the one active when this migration runs (settings.TIME_ZONE), as in the figures' queries.
"""

import django.db.models.functions.datetime
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0006_staff_email_index"),
        ("licenses", "0010_revise_arabic_reasons"),
        ("packages_catalog", "0003_revise_arabic_texts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="application",
            name="application_submitted_at",
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                models.F("submitted_at"),
                django.db.models.functions.datetime.TruncMonth("submitted_at"),
                include=("status", "package", "id"),
                name="application_submitted_cover",
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(("decided_at__isnull", False)),
                fields=["decided_at"],
                include=("submitted_at", "status", "package", "id"),
                name="application_decided_cover",
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                models.F("issued_on"),
                django.db.models.functions.datetime.TruncDate("submitted_at"),
                condition=models.Q(("status", "issued")),
                include=("submitted_at", "status", "package", "id"),
                name="application_issued_cover",
            ),
        ),
        migrations.AddIndex(
            model_name="feeassessment",
            index=models.Index(
                condition=models.Q(("state", "computed"), ("superseded_at__isnull", True)),
                fields=["computed_at"],
                include=("total", "discount_total", "application", "id"),
                name="fee_assessment_computed_cover",
            ),
        ),
    ]
