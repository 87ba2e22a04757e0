"""What the staff groups may see of the outbox and the schedules.

Reviewers read notifications and their deliveries (status, attempts, last error). Managers may also try failed
deliveries again, and see and change Celery beat's schedules.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWERS = {"notifications": ["view_notification", "view_delivery"]}
MANAGERS = {
    "notifications": ["view_notification", "view_delivery", "change_delivery"],
    "django_celery_beat": ["view_periodictask", "change_periodictask", "view_crontabschedule", "view_intervalschedule"],
}
GROUPS = {"Reviewers": REVIEWERS, "Managers": MANAGERS}


def load(apps, schema_editor):
    # Permissions are normally created after all migrations ran; this migration needs them now.
    for label in ("notifications", "django_celery_beat"):
        create_permissions(global_apps.get_app_config(label), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, by_app in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codenames in by_app.items():
            group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_schedule_relay"),
        ("families", "0003_staff_groups"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
