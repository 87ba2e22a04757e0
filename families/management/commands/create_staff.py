from django.core.management.base import BaseCommand, CommandError

from families.roles import ROLE_GROUPS
from families.services import staff_account_create
from intaj_portal.errors import ServiceError


class Command(BaseCommand):
    help = "Add a centre staff account as a reviewer or a manager, and print its password."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--role", required=True, choices=sorted(ROLE_GROUPS))
        parser.add_argument("--password", help="Without it, a strong password is generated and printed once.")

    def handle(self, *args, email, role, password, **options):
        try:
            user, password = staff_account_create(email=email, role=role, password=password)
        except ServiceError as error:
            raise CommandError(error.message) from None
        self.stdout.write(f"Created {role} {user.email}")
        self.stdout.write(f"Password: {password}")
