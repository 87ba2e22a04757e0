"""What the staff groups may do with applications and licences.

Reviewers open applications, their documents and history, and move them on (`review_application`); they read
licences and the list of reasons. Managers may do the same, and they also keep the list of reasons. Nobody edits
an application's status as a field: the admin offers the workflow's steps instead.
"""

from django.db import migrations

from intaj_portal.migration_tools import group_permissions_grant

REVIEWERS = [
    "view_application",
    "review_application",
    "view_applicationdocument",
    "view_applicationevent",
    "view_licence",
    "view_reason",
]
MANAGERS = [*REVIEWERS, "add_reason", "change_reason"]
GROUPS = {"Reviewers": {"licenses": REVIEWERS}, "Managers": {"licenses": MANAGERS}}


def load(apps, schema_editor):
    group_permissions_grant(apps, GROUPS)


class Migration(migrations.Migration):
    dependencies = [
        ("licenses", "0002_load_reasons"),
        ("families", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
