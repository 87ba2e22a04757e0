import pytest

from notifications.sms import LocmemSmsBackend


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "notifications.sms.LocmemSmsBackend"
    LocmemSmsBackend.outbox = []
    return LocmemSmsBackend.outbox


@pytest.fixture
def received_context():
    return {
        "reference": "ETM-2026-000042",
        "package_ar": "باقة طيب",
        "package_en": "Tayeb",
        "path": "/applications/42/",
    }
