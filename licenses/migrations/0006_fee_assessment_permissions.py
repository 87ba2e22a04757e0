"""Reviewers and managers read fee assessments in the admin (the dashboard's fee figures link to that list)."""

from django.db import migrations

from intaj_portal.migration_tools import group_permissions_grant

GROUPS = {"Reviewers": {"licenses": ["view_feeassessment"]}, "Managers": {"licenses": ["view_feeassessment"]}}


def load(apps, schema_editor):
    group_permissions_grant(apps, GROUPS)


class Migration(migrations.Migration):
    dependencies = [("licenses", "0005_schedules")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
