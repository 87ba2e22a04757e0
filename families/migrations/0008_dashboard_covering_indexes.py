"""Covering indexes for the dashboard's family counts (issue 18, docs/performance.md): the families registered in a
period and the verified beneficiaries, each read from an index alone (an index-only scan on PostgreSQL).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0007_uaepass_identity"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="familyprofile",
            index=models.Index(fields=["created_at"], include=("id",), name="family_created_cover"),
        ),
        migrations.AddIndex(
            model_name="familyprofile",
            index=models.Index(
                condition=models.Q(("beneficiary_verified_at__isnull", False)), fields=["id"], name="family_verified"
            ),
        ),
    ]
