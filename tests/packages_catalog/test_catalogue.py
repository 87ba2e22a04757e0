import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from packages_catalog import selectors
from packages_catalog.models import Activity, DocumentType, FeeSchedule, Package
from tests.factories import FeeScheduleFactory

pytestmark = pytest.mark.django_db

FIVE = {
    "tayeb": ("باقة طيب", "Tayeb"),
    "atayeb": ("باقة أطايب", "Atayeb"),
    "ibdaa": ("باقة إبداع", "Ibdaa"),
    "anaqa": ("باقة أناقة", "Anaqa"),
    "mohra": ("باقة مهرة", "Mohra"),
}


def test_catalogue_holds_the_five_packages_with_both_names():
    assert {p.code: (p.name_ar, p.name_en) for p in Package.objects.all()} == FIVE


def test_every_package_has_activities_in_both_languages():
    for package in Package.objects.prefetch_related("activities"):
        activities = list(package.activities.all())
        assert activities, package.code
        assert all(a.name_ar and a.name_en for a in activities)


def test_only_atayeb_pays_the_public_health_fee():
    assert set(Package.objects.filter(requires_public_health_fee=True).values_list("code", flat=True)) == {"atayeb"}


def test_atayeb_requires_the_health_documents_and_tayeb_does_not():
    atayeb = {d.code for d in selectors.document_type_list_for_package(package=Package.objects.get(code="atayeb"))}
    tayeb = {d.code for d in selectors.document_type_list_for_package(package=Package.objects.get(code="tayeb"))}
    assert {"health_card", "food_safety_certificate", "emirates_id_front", "family_book"} <= atayeb
    assert "health_card" not in tayeb
    assert {"emirates_id_front", "emirates_id_back", "passport", "family_book", "title_deed"} <= tayeb


def test_the_published_fees_are_in_force():
    schedule = selectors.fee_schedule_in_force()
    assert (
        schedule.new_licence_fee,
        schedule.renewal_fee,
        schedule.late_renewal_fine,
        schedule.public_health_fee,
        schedule.beneficiary_discount_percent,
    ) == (Decimal("1200"), Decimal("1000"), Decimal("200"), Decimal("880"), Decimal("50"))


def test_a_later_schedule_replaces_the_earlier_one_from_its_date():
    newer = FeeScheduleFactory(new_licence_fee=Decimal("1500.00"))
    assert selectors.fee_schedule_in_force(on=newer.effective_from) == newer
    day_before = newer.effective_from - datetime.timedelta(days=1)
    assert selectors.fee_schedule_in_force(on=day_before).new_licence_fee == Decimal("1200")


def test_a_discount_of_60_percent_is_refused_with_a_clear_message():
    schedule = FeeScheduleFactory.build(beneficiary_discount_percent=Decimal("60"))
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            schedule.full_clean()
        messages = [str(message) for message in refused.value.message_dict["beneficiary_discount_percent"]]
    assert messages == ["The beneficiary discount cannot exceed 50%."]


def test_the_database_refuses_a_discount_above_50_percent_even_without_validation():
    with pytest.raises(IntegrityError), transaction.atomic():
        FeeScheduleFactory(beneficiary_discount_percent=Decimal("50.01"))


def test_the_database_refuses_a_negative_fee():
    with pytest.raises(IntegrityError), transaction.atomic():
        FeeScheduleFactory(late_renewal_fine=Decimal("-1"))


def test_package_fees_halve_the_licence_and_renewal_but_not_the_health_fee():
    fees = selectors.package_fees(
        package=Package.objects.get(code="atayeb"), schedule=selectors.fee_schedule_in_force()
    )
    assert fees.new_licence_beneficiary == Decimal("600.00")
    assert fees.renewal_beneficiary == Decimal("500.00")
    assert fees.public_health == Decimal("880.00")


def test_package_fees_round_a_half_fils_discount_down():
    schedule = FeeScheduleFactory(new_licence_fee=Decimal("1000.05"), beneficiary_discount_percent=Decimal("50"))
    fees = selectors.package_fees(package=Package.objects.get(code="tayeb"), schedule=schedule)
    # 1000.05 × 50% = 500.025 off; the tie goes down (500.02 off), so 500.03 is left to pay.
    assert fees.new_licence_beneficiary == Decimal("500.03")
    assert fees.public_health is None


def test_document_conditions_cover_home_ownership_age_and_beneficiaries():
    conditions = dict(DocumentType.objects.values_list("code", "condition"))
    assert conditions["title_deed"] == DocumentType.Condition.HOME_OWNED
    assert conditions["landlord_noc"] == DocumentType.Condition.HOME_RENTED
    assert conditions["court_noc"] == DocumentType.Condition.UNDER_18
    assert conditions["sssd_beneficiary_letter"] == DocumentType.Condition.BENEFICIARY
    assert conditions["product_photos"] == DocumentType.Condition.OPTIONAL


def test_fee_schedule_history_records_who_changed_a_fee(manager):
    schedule = FeeSchedule.objects.get()
    schedule._history_user = manager
    schedule.renewal_fee = Decimal("1100.00")
    schedule.save()
    latest = schedule.history.first()
    assert latest.history_user == manager
    assert latest.renewal_fee == Decimal("1100.00")
    assert schedule.history.count() == 2


REVISION = importlib.import_module("packages_catalog.migrations.0003_revise_arabic_texts")


def test_a_catalogue_loaded_before_the_arabic_revision_gets_the_revised_texts_once():
    Package.objects.filter(code="mohra").update(description_ar=REVISION.SHIPPED_PACKAGES["mohra", "description_ar"])
    Activity.objects.filter(name_en="Abaya tailoring").update(name_ar="خياطة العبايات")
    DocumentType.objects.filter(code="court_noc").update(name_ar="عدم ممانعة من المحكمة")
    REVISION.load(apps, None)
    assert Package.objects.get(code="mohra").description_ar.startswith(
        "للأسر التي تحافظ على الحرف التراثية الإماراتية وتتخذها مهنةً"
    )
    assert Activity.objects.get(name_en="Abaya tailoring").name_ar == "خياطة العباءات"
    assert DocumentType.objects.get(code="court_noc").name_ar == "خطاب عدم ممانعة من المحكمة"
    revised = Package.history.filter(code="mohra", history_type="~")
    assert revised.count() == 1 and "ARABIC.md" in revised.get().history_change_reason
    REVISION.load(apps, None)
    assert Package.history.filter(code="mohra", history_type="~").count() == 1


def test_the_arabic_revision_keeps_a_text_a_manager_has_edited():
    Package.objects.filter(code="tayeb").update(description_ar="وصف كتبه المدير")
    REVISION.load(apps, None)
    assert Package.objects.get(code="tayeb").description_ar == "وصف كتبه المدير"
    assert not Package.history.filter(code="tayeb", history_type="~").exists()


def test_a_new_catalogue_already_has_the_revised_arabic():
    assert Activity.objects.get(name_en="Spices and spice mixes").name_ar == "البهارات وخلطاتها"
    assert "الصادرة عن دائرة التنمية الاقتصادية بالشارقة" in Package.objects.get(code="tayeb").description_ar
    assert DocumentType.objects.get(code="landlord_noc").name_ar == "خطاب عدم ممانعة من مالك المنزل"
