"""The fee rules of SEDD's Etimad licence: which lines an application pays and what the discount takes off.

Pure functions of the schedule and the facts of the case; the licences app stores their result when the centre
approves an application.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from packages_catalog.models import MAX_DISCOUNT_PERCENT, FeeSchedule, Package
from packages_catalog.money import aed, discount_amount

ZERO = Decimal("0.00")


class FeeKind(models.TextChoices):
    NEW = "new", _("New licence")
    RENEWAL = "renewal", _("Renewal")


class FeeLineCode(models.TextChoices):
    NEW_LICENCE = "new_licence", _("New licence fee")
    RENEWAL = "renewal", _("Renewal fee")
    LATE_RENEWAL_FINE = "late_renewal_fine", _("Late-renewal fine")
    PUBLIC_HEALTH = "public_health", _("Municipality public-health fee")


# Only the licence and renewal fees are discounted; fines and the municipality's fee never are (DOMAIN.md).
DISCOUNTABLE = {FeeLineCode.NEW_LICENCE, FeeLineCode.RENEWAL}


@dataclass(frozen=True)
class FeeLine:
    code: str
    amount: Decimal
    discount: Decimal

    @property
    def net(self) -> Decimal:
        return self.amount - self.discount

    @property
    def label(self) -> str:
        return FeeLineCode(self.code).label


@dataclass(frozen=True)
class FeeBreakdown:
    schedule_id: int
    kind: str
    beneficiary_verified: bool
    late_renewal: bool
    discount_percent: Decimal
    lines: tuple[FeeLine, ...]

    @property
    def subtotal(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def discount_total(self) -> Decimal:
        return sum((line.discount for line in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        return self.subtotal - self.discount_total

    def as_json(self) -> dict:
        """For storage: amounts as strings, so nothing passes through a float."""
        return {
            "schedule_id": self.schedule_id,
            "kind": self.kind,
            "beneficiary_verified": self.beneficiary_verified,
            "late_renewal": self.late_renewal,
            "discount_percent": str(self.discount_percent),
            "lines": [
                {"code": line.code, "amount": str(line.amount), "discount": str(line.discount), "net": str(line.net)}
                for line in self.lines
            ],
            "subtotal": str(self.subtotal),
            "discount_total": str(self.discount_total),
            "total": str(self.total),
        }


def fee_compute(
    *, schedule: FeeSchedule, package: Package, kind: str, beneficiary_verified: bool, late_renewal: bool = False
) -> FeeBreakdown:
    """The fee lines of one application.

    A new licence pays the new-licence fee, a renewal the renewal fee plus the late fine when it is late; a package
    that needs the municipality (Atayeb) adds the public-health fee. A verified SSSD beneficiary gets the schedule's
    discount, never more than 50%, on the licence or renewal fee only. Each line is rounded to the fils.
    """
    kind = FeeKind(kind)
    if late_renewal and kind != FeeKind.RENEWAL:
        raise ValueError("only a renewal can be late")
    amounts = [
        (FeeLineCode.NEW_LICENCE, schedule.new_licence_fee)
        if kind == FeeKind.NEW
        else (FeeLineCode.RENEWAL, schedule.renewal_fee)
    ]
    if late_renewal:
        amounts.append((FeeLineCode.LATE_RENEWAL_FINE, schedule.late_renewal_fine))
    if package.requires_public_health_fee:
        amounts.append((FeeLineCode.PUBLIC_HEALTH, schedule.public_health_fee))

    percent = min(schedule.beneficiary_discount_percent, MAX_DISCOUNT_PERCENT) if beneficiary_verified else ZERO
    lines = tuple(
        FeeLine(
            code=code.value,
            amount=aed(amount),
            discount=discount_amount(aed(amount), percent) if code in DISCOUNTABLE else ZERO,
        )
        for code, amount in amounts
    )
    return FeeBreakdown(
        schedule_id=schedule.pk,
        kind=kind.value,
        beneficiary_verified=beneficiary_verified,
        late_renewal=late_renewal,
        discount_percent=aed(percent),
        lines=lines,
    )
