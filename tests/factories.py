import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from families.emirates_id import luhn_check_digit
from families.models import FamilyProfile, HouseholdMember, UaePassIdentity
from packages_catalog.models import FeeSchedule


def emirates_id_for(year: int, serial: int) -> str:
    """A valid Emirates ID (right check digit) for someone born in `year`."""
    digits = f"784{year:04d}{serial:07d}"
    return f"784-{year:04d}-{serial:07d}-{luhn_check_digit(digits)}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"family{n}@example.ae")
    password = factory.PostGenerationMethodCall("set_password", "Intaj-test-pass-2026")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class FeeScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeSchedule

    effective_from = factory.Sequence(lambda n: datetime.date(2030, 1, 1) + datetime.timedelta(days=n))
    new_licence_fee = Decimal("1200.00")
    renewal_fee = Decimal("1000.00")
    late_renewal_fine = Decimal("200.00")
    public_health_fee = Decimal("880.00")
    beneficiary_discount_percent = Decimal("50.00")


def fee_form(schedule, **changes):
    """The fee schedule's admin change form as posted: a valid schedule, with `changes` to some of its fields."""
    data = {
        "effective_from": schedule.effective_from.isoformat(),
        "new_licence_fee": "1200.00",
        "renewal_fee": "1000.00",
        "late_renewal_fine": "200.00",
        "public_health_fee": "880.00",
        "beneficiary_discount_percent": "50",
        "late_renewal_grace_days": "30",
    }
    return {**data, **changes}


class FamilyProfileFactory(factory.django.DjangoModelFactory):
    """An eligible family by default: a UAE national adult living in Sharjah, in their own home."""

    class Meta:
        model = FamilyProfile

    # A confirmed e-mail address is one of the conditions to apply (families.selectors.family_eligibility).
    user = factory.SubFactory(UserFactory, email_confirmed_at=factory.LazyFunction(timezone.now))
    full_name_ar = "مريم أحمد الشامسي"
    full_name_en = "Maryam Ahmed Al Shamsi"
    date_of_birth = datetime.date(1985, 3, 14)
    emirates_id = factory.LazyAttributeSequence(lambda o, n: emirates_id_for(o.date_of_birth.year, 1000 + n))
    nationality = "AE"
    emirate = "sharjah"
    area = "Al Khan"
    address = "Villa 12, Street 4, Al Khan, Sharjah"
    home_tenure = "owned"


class HouseholdMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    profile = factory.SubFactory(FamilyProfileFactory)
    name = "Fatima"
    relation = "daughter"


class UaePassIdentityFactory(factory.django.DjangoModelFactory):
    """The verified (SOP3) UAE PASS account of an Emirati woman; pass `user_type="SOP1"` for a basic one."""

    class Meta:
        model = UaePassIdentity

    user = factory.SubFactory(UserFactory)
    sub = factory.Sequence(lambda n: f"uaepass-sub-{n}")
    uuid = factory.Sequence(lambda n: f"uuid-{n}")
    user_type = "SOP3"
    emirates_id = factory.Sequence(lambda n: emirates_id_for(1986, 5000 + n))
    full_name_ar = "مريم أحمد السويدي"
    full_name_en = "Mariam Ahmed Al Suwaidi"
    nationality = "AE"
    nationality_en = "ARE"
    gender = "Female"
    mobile = "+971502223344"
    email = factory.LazyAttribute(lambda o: o.user.email)
    signed_in_at = factory.LazyFunction(timezone.now)
