"""A covering index for the dashboard's showcase entries shown by package (issue 18, docs/performance.md): each
licence's expiry and package by id, read with `showcase_entry_shown` from the two indexes alone (an index-only merge
join on PostgreSQL).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0008_dashboard_covering_indexes"),
        ("licenses", "0011_dashboard_covering_indexes"),
        ("packages_catalog", "0003_revise_arabic_texts"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="licence",
            index=models.Index(fields=["id"], include=("expires_on", "package"), name="licence_id_cover"),
        ),
    ]
