"""What each staff group may do in the admin.

Reviewers read the catalogue and the fee schedule, and read and change family profiles (beneficiary
verification). Managers may do all that, and add, change and delete the catalogue and the fee schedule, and
lift login lockouts. Django creates permissions only after all migrations ran, so they are created here first.
`load` is idempotent: the browser tests call it again after each live-server test empties the database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CATALOGUE = ["package", "activity", "documenttype", "feeschedule"]

REVIEWER_PERMISSIONS = [
    *(("packages_catalog", f"view_{model}") for model in CATALOGUE),
    ("families", "view_familyprofile"),
    ("families", "change_familyprofile"),
    ("families", "view_householdmember"),
]
MANAGER_PERMISSIONS = [
    *REVIEWER_PERMISSIONS,
    *(("packages_catalog", f"{action}_{model}") for model in CATALOGUE for action in ("add", "change", "delete")),
    ("families", "add_householdmember"),
    ("families", "change_householdmember"),
    ("families", "delete_householdmember"),
    ("axes", "view_accessattempt"),
    ("axes", "delete_accessattempt"),
]
GROUPS = {"Reviewers": REVIEWER_PERMISSIONS, "Managers": MANAGER_PERMISSIONS}


def load(apps, schema_editor):
    for label in ("packages_catalog", "families", "axes"):
        app_config = apps.get_app_config(label)
        # Inside a migration the app registry is historical and has no models module; create_permissions needs one.
        historical = getattr(app_config, "models_module", None) is None
        if historical:
            app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        if historical:
            app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0004_user_email_confirmed_at"),
        ("families", "0003_staff_groups"),
        ("packages_catalog", "0002_load_catalogue"),
        ("axes", "0010_accessattemptexpiration"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
