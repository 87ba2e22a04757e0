"""What the staff groups may see of the outbox and the schedules.

Reviewers read notifications and their deliveries (status, attempts, last error). Managers may also try failed
deliveries again, and see and change Celery beat's schedules.
"""

from django.db import migrations

from intaj_portal.migration_tools import group_permissions_grant

REVIEWERS = {"notifications": ["view_notification", "view_delivery"]}
MANAGERS = {
    "notifications": ["view_notification", "view_delivery", "change_delivery"],
    "django_celery_beat": ["view_periodictask", "change_periodictask", "view_crontabschedule", "view_intervalschedule"],
}
GROUPS = {"Reviewers": REVIEWERS, "Managers": MANAGERS}


def load(apps, schema_editor):
    group_permissions_grant(apps, GROUPS)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_schedule_relay"),
        ("families", "0003_staff_groups"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
