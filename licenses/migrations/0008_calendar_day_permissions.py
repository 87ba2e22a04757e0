"""Managers keep the announced holidays and working days; reviewers read them (they explain the overdue flags).

Like everything in licensing, a day is never deleted: a day announced by mistake is changed, with its history."""

from django.db import migrations

from intaj_portal.migration_tools import group_permissions_grant

GROUPS = {
    "Reviewers": {"licenses": ["view_calendarday"]},
    "Managers": {"licenses": ["view_calendarday", "add_calendarday", "change_calendarday"]},
}


def load(apps, schema_editor):
    group_permissions_grant(apps, GROUPS)


class Migration(migrations.Migration):
    dependencies = [("licenses", "0007_calendar_days")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
