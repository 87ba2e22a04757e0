"""A covering index for the dashboard's entries shown by package (issue 18, docs/performance.md): the shown
entries' licences, read from this index and `licence_id_cover` alone (an index-only merge join on PostgreSQL).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("licenses", "0012_dashboard_covering_indexes"),
        ("showcase", "0002_search_index_and_permissions"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(
                condition=models.Q(("is_opted_in", True), ("published__isnull", False)),
                fields=["licence"],
                include=("id",),
                name="showcase_entry_shown",
            ),
        ),
    ]
