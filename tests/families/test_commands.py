import pytest
from django.core.management import CommandError, call_command

from families.models import User

pytestmark = pytest.mark.django_db


def test_create_staff_prints_a_generated_password_that_logs_in(capsys):
    call_command("create_staff", "--email", "amal@intaj.example.ae", "--role", "reviewer")
    out = capsys.readouterr().out
    password = out.split("Password: ")[1].strip()
    user = User.objects.get(email="amal@intaj.example.ae")
    assert user.check_password(password)
    assert user.groups.get().name == "Reviewers"


def test_create_staff_takes_a_given_password(capsys):
    call_command(
        "create_staff", "--email", "head@intaj.example.ae", "--role", "manager", "--password", "Centre-head-2026"
    )
    assert User.objects.get(email="head@intaj.example.ae").check_password("Centre-head-2026")


def test_create_staff_refuses_an_existing_address(reviewer):
    with pytest.raises(CommandError, match="already uses"):
        call_command("create_staff", "--email", reviewer.email, "--role", "manager")


def test_create_staff_refuses_an_unknown_role():
    with pytest.raises(CommandError):
        call_command("create_staff", "--email", "x@intaj.example.ae", "--role", "director")


def test_create_staff_refuses_a_weak_password():
    with pytest.raises(CommandError):
        call_command("create_staff", "--email", "x@intaj.example.ae", "--role", "reviewer", "--password", "1234")
    assert not User.objects.filter(email="x@intaj.example.ae").exists()
