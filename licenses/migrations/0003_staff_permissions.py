"""What the staff groups may do with applications and licences.

Reviewers open applications, their documents and history, and move them on (`review_application`); they read
licences and the list of reasons. Managers may do the same, and they also keep the list of reasons. Nobody edits
an application's status as a field: the admin offers the workflow's steps instead.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWERS = [
    "view_application",
    "review_application",
    "view_applicationdocument",
    "view_applicationevent",
    "view_licence",
    "view_reason",
]
MANAGERS = [*REVIEWERS, "add_reason", "change_reason"]
GROUPS = {"Reviewers": REVIEWERS, "Managers": MANAGERS}


def load(apps, schema_editor):
    # Permissions are normally created after all migrations ran; this migration needs them now.
    create_permissions(global_apps.get_app_config("licenses"), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="licenses", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("licenses", "0002_load_reasons"),
        ("families", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
