"""Reviewers and managers read fee assessments in the admin (the dashboard's fee figures link to that list)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {"Reviewers": ["view_feeassessment"], "Managers": ["view_feeassessment"]}


def load(apps, schema_editor):
    # Permissions are normally created after all migrations ran; this migration needs them now.
    create_permissions(global_apps.get_app_config("licenses"), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="licenses", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("licenses", "0005_schedules")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
