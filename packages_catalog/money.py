"""Money in AED: Decimal, two places."""

from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal

FILS = Decimal("0.01")


def aed(value: Decimal | int | str) -> Decimal:
    """An amount to the fils, half-up."""
    return Decimal(value).quantize(FILS, rounding=ROUND_HALF_UP)


def discount_amount(amount: Decimal, percent: Decimal) -> Decimal:
    """The part of `amount` taken off by a discount of `percent` %, to the fils.

    A tie (half a fils) is rounded down, so the discount never exceeds the rate: 50% of AED 0.01 is nothing off,
    not the whole fils.
    """
    return (Decimal(amount) * Decimal(percent) / Decimal(100)).quantize(FILS, rounding=ROUND_HALF_DOWN)
