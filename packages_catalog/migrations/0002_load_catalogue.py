"""The centre's five packages, their activities, the documents they require and SEDD's published fees.

Loaded by a migration so that every database, from a developer's SQLite to production, starts with the same
catalogue; managers edit it in the admin afterwards.
"""

import datetime
from decimal import Decimal

from django.db import migrations
from django.utils import timezone

PACKAGES = [
    {
        "code": "tayeb",
        "name_ar": "باقة طيب",
        "name_en": "Tayeb",
        "summary_ar": "العطور والبخور",
        "summary_en": "Perfumes and incense",
        "description_ar": (
            "للأسر التي تصنع في المنزل العطور والبخور والدخون ودهن العود: خلط العود والبخور، وتركيب العطور "
            "الزيتية، وتعبئتها وبيعها برخصة «اعتماد» الصادرة عن دائرة التنمية الاقتصادية بالشارقة."
        ),
        "description_en": (
            "For families who make perfumes, incense, dukhoon and oud oils at home: blending oud and incense, "
            "composing perfume oils, and packing and selling them under an Etimad licence from the DED."
        ),
        "requires_public_health_fee": False,
        "activities": [
            ("خلط العود والبخور", "Oud and incense blending"),
            ("العطور الزيتية ودهن العود", "Perfume oils and oud oil"),
            ("الدخون والمخمرية", "Dukhoon and mukhamaria"),
            ("مستحضرات التجميل والعناية الطبيعية", "Natural cosmetics and beauty care"),
        ],
    },
    {
        "code": "atayeb",
        "name_ar": "باقة أطايب",
        "name_en": "Atayeb",
        "summary_ar": "المأكولات",
        "summary_en": "Food",
        "description_ar": (
            "للأسر التي تُعدّ في المنزل المأكولات الشعبية والحلويات والمخبوزات والبهارات والوجبات الجاهزة. "
            "ويُشترط للتقديم على هذه الباقة بطاقة صحية وشهادة تدريب في سلامة الغذاء، وتعاين البلدية موقع الإنتاج."
        ),
        "description_en": (
            "For families who prepare traditional food, sweets, baked goods, spices and ready meals at home. "
            "The package requires a health card and a food-safety training certificate, and the municipality "
            "inspects the place of production."
        ),
        "requires_public_health_fee": True,
        "activities": [
            ("الحلويات الشعبية", "Traditional sweets"),
            ("المخبوزات", "Baked goods"),
            ("البهارات وخلطاتها", "Spices and spice mixes"),
            ("الوجبات الجاهزة", "Ready meals"),
        ],
    },
    {
        "code": "ibdaa",
        "name_ar": "باقة إبداع",
        "name_en": "Ibdaa",
        "summary_ar": "المشغولات اليدوية",
        "summary_en": "Handicrafts",
        "description_ar": (
            "للأسر التي تصنع المشغولات اليدوية: الإكسسوارات، وتغليف الهدايا وتنسيقها، والشموع والصابون "
            "اليدوي، وقطع الديكور المنزلي."
        ),
        "description_en": (
            "For families who make handicrafts: accessories, gift wrapping and arrangement, handmade candles "
            "and soap, and home decoration pieces."
        ),
        "requires_public_health_fee": False,
        "activities": [
            ("الإكسسوارات اليدوية", "Handmade accessories"),
            ("تغليف الهدايا وتنسيقها", "Gift wrapping and arrangement"),
            ("الشموع والصابون اليدوي", "Handmade candles and soap"),
            ("الديكور المنزلي", "Home decoration"),
        ],
    },
    {
        "code": "anaqa",
        "name_ar": "باقة أناقة",
        "name_en": "Anaqa",
        "summary_ar": "الأزياء",
        "summary_en": "Fashion",
        "description_ar": (
            "للأسر التي تعمل في الأزياء من المنزل: خياطة العباءات والجلابيات، والتطريز، وملابس الأطفال والمناسبات."
        ),
        "description_en": (
            "For families who work in fashion from home: tailoring abayas and jalabiyas, embroidery, and "
            "children's and occasion wear."
        ),
        "requires_public_health_fee": False,
        "activities": [
            ("خياطة العباءات", "Abaya tailoring"),
            ("الجلابيات والأزياء التقليدية", "Jalabiyas and traditional dress"),
            ("التطريز", "Embroidery"),
            ("ملابس الأطفال والمناسبات", "Children's and occasion wear"),
        ],
    },
    {
        "code": "mohra",
        "name_ar": "باقة مهرة",
        "name_en": "Mohra",
        "summary_ar": "الحرف التراثية",
        "summary_en": "Heritage crafts",
        "description_ar": (
            "للأسر التي تحافظ على الحرف التراثية الإماراتية وتتخذها مهنةً: التلي، والسدو، وسف الخوص، "
            "والمشغولات التراثية."
        ),
        "description_en": (
            "For families who keep the Emirati heritage crafts alive as a trade: talli braiding, sadu weaving, "
            "palm-frond (khoos) weaving and other heritage work."
        ),
        "requires_public_health_fee": False,
        "activities": [
            ("التلي", "Talli braiding"),
            ("السدو", "Sadu weaving"),
            ("سف الخوص", "Palm-frond (khoos) weaving"),
            ("المشغولات التراثية", "Heritage handiwork"),
        ],
    },
]

# (code, Arabic, English, Arabic help, English help, condition, only for packages)
DOCUMENT_TYPES = [
    ("emirates_id_front", "بطاقة الهوية الإماراتية (الوجه الأمامي)", "Emirates ID (front)", "", "", "always", []),
    ("emirates_id_back", "بطاقة الهوية الإماراتية (الوجه الخلفي)", "Emirates ID (back)", "", "", "always", []),
    ("passport", "جواز السفر", "Passport", "", "", "always", []),
    (
        "family_book",
        "خلاصة القيد",
        "Family book (Khulasat Al Qaid)",
        "",
        "",
        "always",
        [],
    ),
    (
        "title_deed",
        "سند الملكية مع مخطط الموقع",
        "Title deed with site map",
        "إذا كان المنزل ملكاً للأسرة.",
        "When the family owns the home.",
        "home_owned",
        [],
    ),
    (
        "lease_contract",
        "عقد الإيجار",
        "Lease contract",
        "إذا كان المنزل مستأجراً.",
        "When the home is rented.",
        "home_rented",
        [],
    ),
    (
        "landlord_noc",
        "خطاب عدم ممانعة من مالك المنزل",
        "Landlord's no-objection letter",
        "موافقة مالك المنزل على مزاولة النشاط فيه.",
        "The owner's consent to the activity in the home.",
        "home_rented",
        [],
    ),
    (
        "court_noc",
        "خطاب عدم ممانعة من المحكمة",
        "Court no-objection letter",
        "لمن هم دون 18 عاماً.",
        "For applicants under 18.",
        "under_18",
        [],
    ),
    (
        "sssd_beneficiary_letter",
        "خطاب الاستفادة من دائرة الخدمات الاجتماعية",
        "SSSD beneficiary letter",
        "لمستفيدي دائرة الخدمات الاجتماعية، للحصول على خصم المستفيدين.",
        "For SSSD beneficiaries, to receive the discount.",
        "beneficiary",
        [],
    ),
    ("health_card", "البطاقة الصحية", "Health card", "", "", "always", ["atayeb"]),
    (
        "food_safety_certificate",
        "شهادة التدريب في سلامة الغذاء",
        "Food-safety training certificate",
        "",
        "",
        "always",
        ["atayeb"],
    ),
    (
        "product_photos",
        "صور المنتجات",
        "Product photos",
        "تُعرض في معرض المنتجات الإلكتروني بموافقة الأسرة.",
        "Shown in the public showcase with the family's consent.",
        "optional",
        [],
    ),
]

FEES = {
    "effective_from": datetime.date(2021, 1, 1),
    "new_licence_fee": Decimal("1200.00"),
    "renewal_fee": Decimal("1000.00"),
    "late_renewal_fine": Decimal("200.00"),
    "public_health_fee": Decimal("880.00"),
    "beneficiary_discount_percent": Decimal("50.00"),
    "late_renewal_grace_days": 30,
}


def record_creation(apps, instance):
    """The first row of the audit history, so every later change has a "before" to compare with."""
    model_name = type(instance).__name__
    Historical = apps.get_model("packages_catalog", f"Historical{model_name}")
    values = {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}
    Historical.objects.create(
        history_date=timezone.now(),
        history_type="+",
        history_change_reason="Loaded with the initial catalogue",
        **values,
    )


def load(apps, schema_editor):
    Package = apps.get_model("packages_catalog", "Package")
    Activity = apps.get_model("packages_catalog", "Activity")
    DocumentType = apps.get_model("packages_catalog", "DocumentType")
    FeeSchedule = apps.get_model("packages_catalog", "FeeSchedule")

    packages = {}
    for order, data in enumerate(PACKAGES, start=1):
        fields = {key: value for key, value in data.items() if key != "activities"}
        package, _ = Package.objects.update_or_create(code=data["code"], defaults={**fields, "display_order": order})
        packages[package.code] = package
        record_creation(apps, package)
        for activity_order, (name_ar, name_en) in enumerate(data["activities"], start=1):
            activity, _ = Activity.objects.update_or_create(
                package=package,
                name_en=name_en,
                defaults={"name_ar": name_ar, "display_order": activity_order},
            )
            record_creation(apps, activity)

    for order, (code, name_ar, name_en, help_ar, help_en, condition, only_for) in enumerate(DOCUMENT_TYPES, 1):
        document, _ = DocumentType.objects.update_or_create(
            code=code,
            defaults={
                "name_ar": name_ar,
                "name_en": name_en,
                "help_ar": help_ar,
                "help_en": help_en,
                "condition": condition,
                "display_order": order,
            },
        )
        document.packages.set([packages[code] for code in only_for])
        record_creation(apps, document)

    schedule, _ = FeeSchedule.objects.get_or_create(effective_from=FEES["effective_from"], defaults=FEES)
    record_creation(apps, schedule)


class Migration(migrations.Migration):
    dependencies = [("packages_catalog", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
