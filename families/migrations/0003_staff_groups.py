"""The staff groups. Each app's own migrations give them that app's permissions."""

from django.db import migrations

GROUPS = ["Reviewers", "Managers"]


def load(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0002_user_mobile_familyprofile_historicalfamilyprofile_and_more"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
