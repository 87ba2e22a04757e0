"""Help for data migrations."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions


def group_permissions_grant(apps, groups: dict[str, dict[str, list[str]]]) -> None:
    """Give each staff group (created if missing) the permissions `{group: {app label: [codename, …]}}`.

    Idempotent. Permissions are normally created after all migrations ran; a migration that grants them needs them
    now, so they are created first.
    """
    for app_label in sorted({label for by_app in groups.values() for label in by_app}):
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, by_app in groups.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codenames in by_app.items():
            group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
