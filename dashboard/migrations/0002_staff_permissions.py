"""Who may read the record of downloads.

Managers read it (who downloaded what, when, filtered how). Nobody adds, changes or deletes a record in the admin:
the export views write them, and the record is the audit trail. Reviewers do not export, so they do not read it.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {"Managers": ["view_exportrecord"]}


def load(apps, schema_editor):
    # Permissions are normally created after all migrations ran; this migration needs them now.
    create_permissions(global_apps.get_app_config("dashboard"), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="dashboard", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0001_initial"),
        ("families", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
