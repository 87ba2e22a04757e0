import datetime

import pytest
from django.utils import timezone

from tests.factories import FamilyProfileFactory, emirates_id_for

ALICE_EMIRATES_ID = emirates_id_for(1985, 1234567)


@pytest.fixture
def alice_profile(alice):
    alice.email_confirmed_at = timezone.now()
    alice.mobile = "+971501234567"
    alice.save()
    return FamilyProfileFactory(
        user=alice,
        full_name_ar="أليس محمد الكتبي",
        full_name_en="Alice Mohammed Al Ketbi",
        emirates_id=ALICE_EMIRATES_ID,
    )


@pytest.fixture
def charlie_profile(charlie):
    charlie.email_confirmed_at = timezone.now()
    charlie.save()
    return FamilyProfileFactory(
        user=charlie,
        full_name_ar="شارلي سعيد المهيري",
        full_name_en="Charlie Saeed Al Muhairi",
        emirates_id=emirates_id_for(1979, 7654321),
        date_of_birth=datetime.date(1979, 6, 1),
    )


def profile_form_data(**changes):
    """A valid profile form as a family would post it."""
    data = {
        "full_name_ar": "أليس محمد الكتبي",
        "full_name_en": "Alice Mohammed Al Ketbi",
        "emirates_id": ALICE_EMIRATES_ID,
        "date_of_birth": "1985-03-14",
        "nationality": "AE",
        "emirate": "sharjah",
        "area": "Al Khan",
        "address": "Street 12, Villa 4",
        "home_tenure": "owned",
        "sssd_file_number": "",
        "mobile": "050 123 4567",
        "preferred_language": "ar",
    }
    return {**data, **changes}
