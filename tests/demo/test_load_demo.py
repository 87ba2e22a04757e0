"""`load_demo`: the demo accounts of the embedded mode."""

import pytest
from django.core.management import call_command

from families.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_staff_accounts_are_in_their_groups():
    call_command("load_demo")
    assert User.objects.get(email="reviewer@demo.intaj.ae").groups.get().name == "Reviewers"
    assert User.objects.get(email="manager@demo.intaj.ae").groups.get().name == "Managers"


def test_it_says_the_uae_pass_stand_in_offers_demo_identities(capsys):
    call_command("load_demo")
    assert "Sign in with UAE PASS: the stand-in offers demo identities (citizen, resident, basic, foreign)." in (
        capsys.readouterr().out
    )
