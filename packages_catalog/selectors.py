import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from packages_catalog.models import Activity, DocumentType, FeeSchedule, Package
from packages_catalog.money import aed, discount_amount


def package_list_active() -> QuerySet[Package]:
    """The packages on offer, with their activities on offer."""
    return Package.objects.filter(is_active=True).prefetch_related(
        Prefetch("activities", queryset=Activity.objects.filter(is_active=True))
    )


def package_get_active(*, code: str) -> Package:
    """The package on offer with `code`; `Package.DoesNotExist` when there is none."""
    return package_list_active().get(code=code)


def document_type_list_for_package(*, package: Package) -> list[DocumentType]:
    """Every document type that can concern `package`: the general ones and the package's own."""
    general = DocumentType.objects.filter(packages__isnull=True)
    own = DocumentType.objects.filter(packages=package)
    return list((general | own).distinct().order_by("display_order", "code"))


def fee_schedule_in_force(*, on: datetime.date | None = None) -> FeeSchedule | None:
    """The fee schedule in force on `on` (today by default): the latest effective by then."""
    on = on or timezone.localdate()
    return FeeSchedule.objects.filter(effective_from__lte=on).order_by("-effective_from").first()


@dataclass(frozen=True)
class PackageFees:
    """The fees a package page shows: what a new licence and a renewal cost, with and without the discount."""

    new_licence: Decimal
    new_licence_beneficiary: Decimal
    renewal: Decimal
    renewal_beneficiary: Decimal
    public_health: Decimal | None
    late_renewal_fine: Decimal
    discount_percent: Decimal
    late_renewal_grace_days: int


def package_fees(*, package: Package, schedule: FeeSchedule) -> PackageFees:
    """What a new licence and a renewal in `package` cost under `schedule`, with and without the discount."""

    def less_discount(amount: Decimal) -> Decimal:
        return aed(amount - discount_amount(amount, schedule.beneficiary_discount_percent))

    return PackageFees(
        new_licence=aed(schedule.new_licence_fee),
        new_licence_beneficiary=less_discount(schedule.new_licence_fee),
        renewal=aed(schedule.renewal_fee),
        renewal_beneficiary=less_discount(schedule.renewal_fee),
        public_health=aed(schedule.public_health_fee) if package.requires_public_health_fee else None,
        late_renewal_fine=aed(schedule.late_renewal_fine),
        discount_percent=schedule.beneficiary_discount_percent,
        late_renewal_grace_days=schedule.late_renewal_grace_days,
    )
