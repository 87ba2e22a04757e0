"""Help for data migrations."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.utils import timezone


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


def texts_revise(
    apps, app_label: str, model_name: str, revisions: list[tuple[dict, str, str, str]], reason: str
) -> int:
    """Replace texts a data migration first loaded with revised ones: `revisions` are (lookup, field, text as
    shipped, revised text). A field still holding the shipped text is changed, with a row in the audit history; a
    field someone has since edited in the admin keeps their text. Idempotent; returns how many rows changed.
    """
    Model = apps.get_model(app_label, model_name)
    Historical = apps.get_model(app_label, f"Historical{model_name}")
    changes: dict[int, dict[str, str]] = {}
    for lookup, field, shipped, revised in revisions:
        row = Model.objects.filter(**lookup).values("pk", field).first()
        if row is not None and row[field] == shipped:
            changes.setdefault(row["pk"], {})[field] = revised
    for pk, fields in changes.items():
        # An update, not save(): whichever model `apps` gives, the history row is the one written below.
        Model.objects.filter(pk=pk).update(**fields)
        row = Model.objects.get(pk=pk)
        values = {field.attname: getattr(row, field.attname) for field in Model._meta.concrete_fields}
        Historical.objects.create(history_date=timezone.now(), history_type="~", history_change_reason=reason, **values)
    return len(changes)
