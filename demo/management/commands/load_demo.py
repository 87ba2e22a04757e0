from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.uaepass_standin import IDENTITIES
from families.roles import MANAGERS, REVIEWERS
from families.services import demo_account_ensure

# Demo accounts for the embedded mode only; `make run` prints them. Never loaded in production.
DEMO_ACCOUNTS = [
    ("family", "family@demo.intaj.ae", "Family-demo-2026", {}),
    ("reviewer", "reviewer@demo.intaj.ae", "Reviewer-demo-2026", {"is_staff": True, "group": REVIEWERS}),
    ("manager", "manager@demo.intaj.ae", "Manager-demo-2026", {"is_staff": True, "group": MANAGERS}),
    ("superuser", "admin@demo.intaj.ae", "Admin-demo-2026", {"is_superuser": True}),
]


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts and print how to log in."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo accounts are never loaded in production.")
        self.stdout.write("Demo accounts (embedded mode only):")
        for role, email, password, flags in DEMO_ACCOUNTS:
            demo_account_ensure(email=email, password=password, **flags)
            self.stdout.write(f"  {role:<10} {email:<26} password: {password}")
        self.stdout.write("Portal: http://127.0.0.1:8000/   Admin: http://127.0.0.1:8000/ar/admin/")
        if settings.UAEPASS_STANDIN:
            identities = ", ".join(identity.key for identity in IDENTITIES)
            self.stdout.write(f"Sign in with UAE PASS: the stand-in offers demo identities ({identities}).")
