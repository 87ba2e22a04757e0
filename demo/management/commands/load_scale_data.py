"""National-scale synthetic data for benchmarks: by default 100,000 applications over the last three years.

Unlike `load_demo_data`, nothing goes through the services: walking a hundred thousand applications through the
workflow one by one would take hours. Each family's life with each package is simulated forward in time instead
(apply, be reviewed, be decided, hold a licence, renew it or let it lapse), stopped where the present moment finds
it. The rows the services would have written are then written in batches (COPY on PostgreSQL), in one transaction,
with primary keys allocated up front: the history of every step, document metadata (no files), licences,
references by year of first submission (and each year's counter moved past them), fee assessments computed by
the real rules (`packages_catalog.fees`), and up to 10,000 approved showcase entries (`demo.scale.showcase`).

Everything it writes is marked: its families' e-mail addresses end in @families.scale.intaj.ae, its reviewers'
in @staff.scale.intaj.ae, its licence numbers start with SCALE-. `--replace` deletes a previous scale set first.
Never run in production.
"""

import datetime
import time
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from demo.scale.plan import CURRENT, SCALE_LICENCE_PREFIX, scale_plan
from demo.scale.rows import scale_rows_write
from demo.scale.write import (
    scale_applications,
    scale_data_delete,
    scale_users,
    statistics_refresh,
    timestamps_as_given,
)
from families.models import FamilyProfile, User
from licenses.models import Application, FeeAssessment, Kind, Licence, Status
from licenses.selectors import application_list_overdue, application_overdue_cutoff
from showcase.models import Entry


class Command(BaseCommand):
    help = "Load a national-scale synthetic data set (default 100,000 applications over 3 years) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--applications", type=int, default=100_000, help="How many applications (100,000).")
        parser.add_argument(
            "--seed",
            type=int,
            default=2009,
            help="The random choices; the dates follow the clock, so a set repeats only at the same moment.",
        )
        parser.add_argument("--replace", action="store_true", help="Delete a previously loaded scale set first.")

    def handle(self, *args, applications, seed, replace, **options):
        if settings.PRODUCTION:
            raise CommandError("Scale data is never loaded in production.")
        if applications < len(CURRENT):
            raise CommandError(f"--applications must be at least {len(CURRENT)}.")
        started = time.monotonic()
        with transaction.atomic():
            existing = scale_applications().count()
            if existing or scale_users().exists():
                if not replace:
                    raise CommandError(
                        f"Scale data is already loaded ({existing} applications): use --replace to load it again."
                    )
                deleted = scale_data_delete()
                self.stdout.write(
                    f"Deleted the previous scale set in {time.monotonic() - started:.1f} s: "
                    + ", ".join(f"{label} {count}" for label, count in sorted(deleted.items()) if count)
                )
            plan = scale_plan(applications=applications, seed=seed)
            with timestamps_as_given(User, FamilyProfile, Application, Licence, FeeAssessment, Entry):
                written = scale_rows_write(plan=plan)
        loaded = time.monotonic()
        self.stdout.write(f"Loaded {applications} scale applications in {loaded - started:.1f} s. Rows written:")
        for label, count in written.items():
            self.stdout.write(f"  {label:<34} {count:>9}")
        if connection.vendor == "postgresql":
            statement = statistics_refresh()
            self.stdout.write(f"{statement} of the tables written in {time.monotonic() - loaded:.1f} s.")
        self._summary()

    def _summary(self) -> None:
        applications = scale_applications()
        by_status = Counter(applications.values_list("status", flat=True))
        self.stdout.write("Scale applications by status:")
        for status in Status:
            self.stdout.write(f"  {status.value:<16} {by_status.get(status.value, 0):>9}")
        overdue = application_list_overdue(applications=applications, cutoff=application_overdue_cutoff()).count()
        licences = Licence.objects.filter(number__startswith=SCALE_LICENCE_PREFIX)
        today = timezone.localdate()
        due = licences.filter(
            status=Licence.Status.ACTIVE, expires_on__range=(today, today + datetime.timedelta(days=30))
        ).count()
        expired = licences.filter(status=Licence.Status.EXPIRED).count()
        renewals = applications.filter(kind=Kind.RENEWAL).count()
        self.stdout.write(
            f"Past the service level: {overdue}   Renewals: {renewals}   Licences expiring within 30 days: {due}"
            f"   Expired licences: {expired}"
        )
        self.stdout.write(f"Showcase entries: {Entry.objects.filter(licence__in=licences).count()}")
