from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from packages_catalog.fees import DISCOUNTABLE, fee_compute
from packages_catalog.models import FeeSchedule, Package

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule():
    return FeeSchedule.objects.get()


def package(code):
    return Package.objects.get(code=code)


def lines_of(breakdown):
    return [(line.code, line.amount, line.discount) for line in breakdown.lines]


def test_a_new_licence_costs_1200(schedule):
    fees = fee_compute(schedule=schedule, package=package("tayeb"), kind="new", beneficiary_verified=False)
    assert lines_of(fees) == [("new_licence", Decimal("1200.00"), Decimal("0.00"))]
    assert fees.total == Decimal("1200.00")


def test_a_verified_beneficiary_pays_half_of_a_new_licence(schedule):
    fees = fee_compute(schedule=schedule, package=package("tayeb"), kind="new", beneficiary_verified=True)
    assert fees.discount_total == Decimal("600.00")
    assert fees.total == Decimal("600.00")
    assert fees.discount_percent == Decimal("50.00")


def test_a_renewal_costs_1000_and_500_for_a_beneficiary(schedule):
    plain = fee_compute(schedule=schedule, package=package("anaqa"), kind="renewal", beneficiary_verified=False)
    discounted = fee_compute(schedule=schedule, package=package("anaqa"), kind="renewal", beneficiary_verified=True)
    assert (plain.total, discounted.total) == (Decimal("1000.00"), Decimal("500.00"))


def test_atayeb_adds_the_public_health_fee_which_is_never_discounted(schedule):
    fees = fee_compute(schedule=schedule, package=package("atayeb"), kind="new", beneficiary_verified=True)
    assert lines_of(fees) == [
        ("new_licence", Decimal("1200.00"), Decimal("600.00")),
        ("public_health", Decimal("880.00"), Decimal("0.00")),
    ]
    assert fees.total == Decimal("1480.00")


def test_a_late_renewal_pays_the_fine_without_discount(schedule):
    fees = fee_compute(
        schedule=schedule, package=package("mohra"), kind="renewal", beneficiary_verified=True, late_renewal=True
    )
    assert lines_of(fees) == [
        ("renewal", Decimal("1000.00"), Decimal("500.00")),
        ("late_renewal_fine", Decimal("200.00"), Decimal("0.00")),
    ]
    assert fees.total == Decimal("700.00")


def test_a_new_licence_cannot_be_late(schedule):
    with pytest.raises(ValueError):
        fee_compute(
            schedule=schedule, package=package("mohra"), kind="new", beneficiary_verified=False, late_renewal=True
        )


def test_a_lower_discount_rate_is_applied_as_configured(schedule):
    schedule.beneficiary_discount_percent = Decimal("25")
    fees = fee_compute(schedule=schedule, package=package("ibdaa"), kind="new", beneficiary_verified=True)
    assert fees.total == Decimal("900.00")


def test_a_rate_above_the_cap_is_never_applied_even_if_stored_unchecked(schedule):
    schedule.beneficiary_discount_percent = Decimal("80")  # never saved: the database refuses it
    fees = fee_compute(schedule=schedule, package=package("ibdaa"), kind="new", beneficiary_verified=True)
    assert fees.discount_total == Decimal("600.00")


def test_the_breakdown_stores_amounts_as_strings(schedule):
    stored = fee_compute(schedule=schedule, package=package("atayeb"), kind="new", beneficiary_verified=True).as_json()
    assert stored["total"] == "1480.00"
    assert stored["lines"][0] == {"code": "new_licence", "amount": "1200.00", "discount": "600.00", "net": "600.00"}


money = st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=2, allow_nan=False)
rates = st.decimals(min_value=Decimal("0"), max_value=Decimal("50"), places=2, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(
    new=money,
    renewal=money,
    fine=money,
    health=money,
    rate=rates,
    code=st.sampled_from(["tayeb", "atayeb"]),
    kind=st.sampled_from(["new", "renewal"]),
    beneficiary=st.booleans(),
    late=st.booleans(),
)
def test_fee_rules_hold_for_any_schedule(new, renewal, fine, health, rate, code, kind, beneficiary, late):
    schedule = FeeSchedule(
        pk=1,
        new_licence_fee=new,
        renewal_fee=renewal,
        late_renewal_fine=fine,
        public_health_fee=health,
        beneficiary_discount_percent=rate,
    )
    late = late and kind == "renewal"
    pkg = Package(code=code, requires_public_health_fee=code == "atayeb")
    fees = fee_compute(schedule=schedule, package=pkg, kind=kind, beneficiary_verified=beneficiary, late_renewal=late)

    assert fees.total >= 0
    discountable = sum((line.amount for line in fees.lines if line.code in DISCOUNTABLE), Decimal(0))
    assert fees.discount_total * 2 <= discountable
    assert all(line.discount == 0 for line in fees.lines if line.code not in DISCOUNTABLE)
    if not beneficiary:
        assert fees.discount_total == 0
    assert all(line.amount == line.amount.quantize(Decimal("0.01")) for line in fees.lines)
    # Computing again from the same facts gives the same result: assessing twice never halves twice.
    again = fee_compute(schedule=schedule, package=pkg, kind=kind, beneficiary_verified=beneficiary, late_renewal=late)
    assert again == fees
