"""Who may read the record of downloads.

Managers read it (who downloaded what, when, filtered how). Nobody adds, changes or deletes a record in the admin:
the export views write them, and the record is the audit trail. Reviewers do not export, so they do not read it.
"""

from django.db import migrations

from intaj_portal.migration_tools import group_permissions_grant

GROUPS = {"Managers": {"dashboard": ["view_exportrecord"]}}


def load(apps, schema_editor):
    group_permissions_grant(apps, GROUPS)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0001_initial"),
        ("families", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
