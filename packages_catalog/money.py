"""Money in AED: Decimal, two places, rounded half-up to the fils."""

from decimal import ROUND_HALF_UP, Decimal

FILS = Decimal("0.01")


def aed(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(FILS, rounding=ROUND_HALF_UP)


def discount_amount(amount: Decimal, percent: Decimal) -> Decimal:
    """The part of `amount` taken off by a discount of `percent` %, to the fils."""
    return aed(Decimal(amount) * Decimal(percent) / Decimal(100))
