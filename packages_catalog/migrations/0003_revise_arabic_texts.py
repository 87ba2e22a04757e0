"""The catalogue's Arabic as ARABIC.md writes it (issue 17): the texts first loaded by 0002, revised.

0002 now loads the revised texts, so a new database starts with them; this migration brings an existing one to the
same words. Each text is matched by its row's code (an activity by its package's code and English name) and
replaced only while it is still the text 0002 first shipped: a text a manager has since edited in the admin is
theirs and is kept. Each change is written to the audit history.
"""

import importlib

from django.db import migrations

from intaj_portal.migration_tools import texts_revise

CATALOGUE = importlib.import_module("packages_catalog.migrations.0002_load_catalogue")
REASON = "Arabic revised to the portal's glossary (ARABIC.md)"

# The Arabic as 0002 first shipped it, where it now reads otherwise.
SHIPPED_PACKAGES = {
    ("tayeb", "description_ar"): (
        "لمن يصنع في بيته العطور والبخور والدخون ودهن العود: خلط العود والبخور، وتركيب العطور الزيتية، "
        "وتعبئتها وبيعها برخصة اعتماد معتمدة من دائرة التنمية الاقتصادية."
    ),
    ("atayeb", "description_ar"): (
        "لمن يعدّ في بيته المأكولات الشعبية والحلويات والمخبوزات والبهارات والوجبات الجاهزة. "
        "تتطلب الباقة بطاقة صحية وشهادة تدريب في سلامة الغذاء، وتفتش البلدية موقع الإنتاج."
    ),
    ("ibdaa", "description_ar"): (
        "لمن يصنع المشغولات اليدوية: الإكسسوارات، وتغليف الهدايا وتنسيقها، والشموع والصابون اليدوي، "
        "وقطع الديكور المنزلي."
    ),
    ("anaqa", "description_ar"): (
        "لمن يعمل في الأزياء من بيته: خياطة العبايات والجلابيات، والتطريز، وملابس الأطفال والمناسبات."
    ),
    ("mohra", "description_ar"): (
        "لمن يحفظ الحرف التراثية الإماراتية ويعيشها مهنةً: التلي، والسدو، وسف الخوص، والمشغولات التراثية."
    ),
}
SHIPPED_ACTIVITIES = {
    ("atayeb", "Spices and spice mixes"): "البهارات والتوابل",
    ("anaqa", "Abaya tailoring"): "خياطة العبايات",
}
SHIPPED_DOCUMENT_TYPES = {
    ("emirates_id_front", "name_ar"): "الهوية الإماراتية (الوجه الأمامي)",
    ("emirates_id_back", "name_ar"): "الهوية الإماراتية (الوجه الخلفي)",
    ("landlord_noc", "name_ar"): "عدم ممانعة المالك",
    ("court_noc", "name_ar"): "عدم ممانعة من المحكمة",
    ("sssd_beneficiary_letter", "name_ar"): "إفادة دائرة الخدمات الاجتماعية",
    ("sssd_beneficiary_letter", "help_ar"): "لمستفيدي الدائرة، للحصول على الخصم.",
    ("product_photos", "help_ar"): "تُعرض في معرض المنتجات العام بموافقة الأسرة.",
}


def _revised_package(code: str, field: str) -> str:
    return next(package[field] for package in CATALOGUE.PACKAGES if package["code"] == code)


def _revised_activity(code: str, name_en: str) -> str:
    package = next(package for package in CATALOGUE.PACKAGES if package["code"] == code)
    return next(name_ar for name_ar, english in package["activities"] if english == name_en)


def _revised_document_type(code: str, field: str) -> str:
    row = next(row for row in CATALOGUE.DOCUMENT_TYPES if row[0] == code)
    return row[{"name_ar": 1, "help_ar": 3}[field]]


def load(apps, schema_editor):
    revisions = {
        "Package": [
            ({"code": code}, field, shipped, _revised_package(code, field))
            for (code, field), shipped in SHIPPED_PACKAGES.items()
        ],
        "Activity": [
            ({"package__code": code, "name_en": name_en}, "name_ar", shipped, _revised_activity(code, name_en))
            for (code, name_en), shipped in SHIPPED_ACTIVITIES.items()
        ],
        "DocumentType": [
            ({"code": code}, field, shipped, _revised_document_type(code, field))
            for (code, field), shipped in SHIPPED_DOCUMENT_TYPES.items()
        ],
    }
    for model_name, texts in revisions.items():
        texts_revise(apps, "packages_catalog", model_name, texts, REASON)


class Migration(migrations.Migration):
    dependencies = [("packages_catalog", "0002_load_catalogue")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
