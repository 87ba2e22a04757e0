"""The reasons staff choose from when they ask a family for information or reject an application.

Staff edit the list in the admin afterwards; a reason that is no longer wanted is switched off, never deleted,
because the history of past applications names it.
"""

from django.db import migrations
from django.utils import timezone

# (kind, code, Arabic, English)
REASONS = [
    ("info_request", "missing_document", "مستند ناقص", "A document is missing"),
    ("info_request", "unclear_document", "مستند غير واضح أو غير مقروء", "A document is unclear or unreadable"),
    ("info_request", "expired_document", "مستند منتهي الصلاحية", "A document has expired"),
    ("info_request", "details_mismatch", "البيانات لا تطابق المستندات", "The details do not match the documents"),
    ("info_request", "trade_name", "الاسم التجاري يحتاج إلى تعديل", "The trade name needs to be changed"),
    ("info_request", "activities", "الأنشطة أو المنتجات تحتاج إلى توضيح", "The activities or products need clarifying"),
    ("info_request", "production_place", "مطلوب توضيح مكان الإنتاج", "The place of production needs clarifying"),
    ("info_request", "other", "مبيَّن في رسالة المركز", "Set out in the centre's message"),
    (
        "rejection",
        "not_eligible",
        "عدم استيفاء شروط الأهلية",
        "The applicant does not meet the eligibility conditions",
    ),
    (
        "rejection",
        "activity_not_permitted",
        "النشاط لا يُزاول من المنزل",
        "The activity cannot be carried out from home",
    ),
    ("rejection", "no_home_consent", "عدم موافقة مالك المنزل", "The owner of the home has not agreed"),
    ("rejection", "no_response", "عدم الرد على طلب استيفاء المعلومات", "No answer to the request for information"),
    ("rejection", "invalid_documents", "المستندات غير صحيحة", "The documents are not valid"),
    ("rejection", "duplicate", "طلب مكرر", "A duplicate of another application"),
    ("rejection", "other", "مبيَّن في رسالة المركز", "Set out in the centre's message"),
]


def load(apps, schema_editor):
    Reason = apps.get_model("licenses", "Reason")
    HistoricalReason = apps.get_model("licenses", "HistoricalReason")
    for order, (kind, code, name_ar, name_en) in enumerate(REASONS, start=1):
        reason, created = Reason.objects.get_or_create(
            kind=kind, code=code, defaults={"name_ar": name_ar, "name_en": name_en, "display_order": order}
        )
        if created:
            values = {field.attname: getattr(reason, field.attname) for field in Reason._meta.concrete_fields}
            HistoricalReason.objects.create(
                history_date=timezone.now(),
                history_type="+",
                history_change_reason="Loaded with the initial list of reasons",
                **values,
            )


class Migration(migrations.Migration):
    dependencies = [("licenses", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
