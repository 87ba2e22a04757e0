"""The public search's GIN index (PostgreSQL only), and what the staff groups may do with the showcase.

The index is on the stored search document (`Entry.search_document`), so a search finds its rows without reading
the others; SQLite, which searches with a plain filter, gets none. Reviewers and managers see entries,
versions and their history, and approve or refuse versions (`decide_version`); nobody edits them as fields.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from intaj_portal.migration_tools import group_permissions_grant

INDEX_NAME = "showcase_entry_search"
REVIEWERS = ["view_entry", "view_version", "view_event", "decide_version"]
GROUPS = {"Reviewers": {"showcase": REVIEWERS}, "Managers": {"showcase": REVIEWERS}}


def _index() -> GinIndex:
    return GinIndex(fields=["search_document"], name=INDEX_NAME)


def index_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("showcase", "Entry"), _index())


def index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("showcase", "Entry"), _index())


def load(apps, schema_editor):
    group_permissions_grant(apps, GROUPS)


class Migration(migrations.Migration):
    dependencies = [
        ("showcase", "0001_initial"),
        ("families", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(index_create, index_drop),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
