"""Arrows follow the reading direction everywhere: in Arabic a step from A to B reads «A ← B» (ARABIC.md).

No template writes an arrow of its own: each goes through the one translated arrow
(`{% translate "→" context "from the first to the second" %}`, `intaj_portal.text.step_between` in code)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from benefits.models import BoothApplicationEvent
from families.models import FamilyProfile
from tests.factories import FamilyProfileFactory

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED_ARROW = '{% translate "→" context "from the first to the second" %}'
ARROWS = re.compile(r"→|←|&rarr;|&larr;|⟶|⇒")


def test_no_template_writes_an_arrow_of_its_own():
    found = {}
    for template in (ROOT / "templates").rglob("*"):
        if template.suffix in {".html", ".txt"}:
            text = re.sub(r"{#.*?#}", "", template.read_text()).replace(TRANSLATED_ARROW, "")
            text = re.sub(r'{% translate "→" context "from the first to the second" as \w+ %}', "", text)
            if ARROWS.search(text):
                found[str(template.relative_to(ROOT))] = ARROWS.findall(text)
    assert found == {}


@pytest.mark.parametrize(("language", "arrow"), [("ar", "←"), ("en", "→")])
def test_a_booth_applications_step_reads_in_the_languages_direction(language, arrow):
    event = BoothApplicationEvent(from_status="accepted", to_status="withdrawn")
    with translation.override(language):
        assert str(event) == f"{event.get_from_status_display()} {arrow} {event.get_to_status_display()}"


@pytest.mark.django_db
def test_the_admins_history_of_changes_points_the_arabic_way(client, superuser, alice):
    profile = FamilyProfileFactory(user=alice, area="Al Khan")
    profile.area = "Al Nahda"
    profile.save()
    client.force_login(superuser)
    with translation.override("ar"):
        page = client.get(reverse("admin:families_familyprofile_history", args=[profile.pk])).content.decode()
    assert "Al Khan&nbsp;←&nbsp;Al Nahda" in page
    assert "&rarr;" not in page and "→" not in page
    assert FamilyProfile.objects.get(pk=profile.pk).area == "Al Nahda"
