from django.db import transaction

from families.models import User


@transaction.atomic
def demo_account_ensure(*, email: str, password: str, is_staff: bool = False, is_superuser: bool = False) -> User:
    """Create the demo account, or reset it to its known password and roles, so the demo always logs in."""
    user, _created = User.objects.get_or_create(email=email)
    user.is_staff = is_staff or is_superuser
    user.is_superuser = is_superuser
    user.set_password(password)
    user.save()
    return user
