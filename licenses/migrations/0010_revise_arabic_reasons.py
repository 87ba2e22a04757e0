"""The reasons' Arabic as ARABIC.md writes it (issue 17): families read «السبب: سبب آخر» no more.

0002 now loads the revised names, so a new database starts with them; this migration brings an existing one to the
same words. Each reason is matched by its kind and code and renamed only while it still has the name 0002 first
shipped: a name a manager has since edited in the admin is kept. Each change is written to the audit history.
"""

import importlib

from django.db import migrations

from intaj_portal.migration_tools import texts_revise

REASONS = importlib.import_module("licenses.migrations.0002_load_reasons")

# (kind, code, field): the name as 0002 first shipped it, where it now reads otherwise.
SHIPPED = {
    ("info_request", "other", "name_ar"): "سبب آخر",
    ("info_request", "other", "name_en"): "Another reason",
    ("rejection", "not_eligible", "name_ar"): "مقدم الطلب لا يستوفي شروط الأهلية",
    ("rejection", "no_home_consent", "name_ar"): "عدم موافقة مالك المسكن",
    ("rejection", "no_response", "name_ar"): "عدم الرد على طلب استيفاء البيانات",
    ("rejection", "other", "name_ar"): "سبب آخر",
    ("rejection", "other", "name_en"): "Another reason",
}


def _revised(kind: str, code: str, field: str) -> str:
    row = next(row for row in REASONS.REASONS if row[:2] == (kind, code))
    return row[{"name_ar": 2, "name_en": 3}[field]]


def load(apps, schema_editor):
    texts = [
        ({"kind": kind, "code": code}, field, old, _revised(kind, code, field))
        for (kind, code, field), old in SHIPPED.items()
    ]
    texts_revise(apps, "licenses", "Reason", texts, "Arabic revised to the portal's glossary (ARABIC.md)")


class Migration(migrations.Migration):
    dependencies = [("licenses", "0009_licence_verification_token")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
