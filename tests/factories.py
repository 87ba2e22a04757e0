import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from packages_catalog.models import FeeSchedule


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
