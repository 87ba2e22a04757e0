"""Every user-facing string has an Arabic translation: a string added without one fails here."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
PO_FILE = Path("locale/ar/LC_MESSAGES/django.po")
IGNORED = shutil.ignore_patterns(
    ".venv", ".git", "var", "staticfiles", "test-artifacts", "node_modules", "__pycache__", "*.mo", ".*_cache"
)


def untranslated(po: polib.POFile) -> list[str]:
    return [entry.msgid for entry in po if not entry.obsolete and (not entry.translated() or entry.fuzzy)]


def test_committed_arabic_catalogue_is_complete():
    po = polib.pofile(str(ROOT / PO_FILE))
    assert len(po) > 0
    assert untranslated(po) == []


def test_every_string_in_the_code_has_an_arabic_translation(tmp_path):
    """Extract the strings afresh from a copy of the tree: anything new and untranslated shows up here."""
    copy = tmp_path / "tree"
    shutil.copytree(ROOT, copy, ignore=IGNORED)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "ar", "--no-obsolete", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "DJANGO_SETTINGS_MODULE": "intaj_portal.settings"},
    )
    missing = untranslated(polib.pofile(str(copy / PO_FILE)))
    assert missing == [], f"strings without an Arabic translation: {missing}"


def test_dates_spell_april_as_the_uae_does():
    """ARABIC.md: أبريل, not the إبريل of Django's own Arabic catalogue."""
    import datetime

    from django.utils import translation
    from django.utils.formats import date_format

    with translation.override("ar"):
        assert date_format(datetime.date(2026, 4, 5), "DATE_FORMAT") == "5 أبريل 2026"
        assert date_format(datetime.date(2026, 5, 5), "DATE_FORMAT") == "5 مايو 2026"


THIRD_PARTY_PO = ROOT / "locale" / "third_party" / "ar" / "LC_MESSAGES" / "django.po"
# The apps whose every string staff may read in the admin, and which have no Arabic of their own (or another register).
THIRD_PARTY_APPS = ("django_celery_beat", "axes")


def test_the_third_party_catalogue_is_complete_and_compiles(tmp_path):
    po = polib.pofile(str(THIRD_PARTY_PO))
    assert po.metadata["Language"] == "ar"
    assert untranslated(po) == []
    po.save_as_mofile(str(tmp_path / "django.mo"))


@pytest.mark.parametrize("app", THIRD_PARTY_APPS)
def test_every_string_of_the_installed_third_party_apps_has_its_arabic(tmp_path, app):
    """Extract the strings of the installed version: an upgrade that adds one without Arabic shows up here."""
    import importlib

    source = Path(importlib.import_module(app).__file__).parent
    copy = tmp_path / app
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.mo", "*.po"))
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--locale", "ar", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin"},
    )
    wanted = {entry.msgid for entry in polib.pofile(str(copy / "locale/ar/LC_MESSAGES/django.po"))}
    ours = {entry.msgid for entry in polib.pofile(str(THIRD_PARTY_PO))}
    assert len(wanted) > 20  # the extraction found the strings
    assert sorted(wanted - ours) == []


def test_the_third_party_arabic_follows_the_portals_rules():
    from tests.test_arabic import address_problems, arabic_problems, as_read, translations

    broken = {}
    for entry in polib.pofile(str(THIRD_PARTY_PO)):
        for msgstr in translations(entry):
            problems = arabic_problems(as_read(msgstr), strict_commas=True) + address_problems(msgstr)
            if problems:
                broken[entry.msgid] = (msgstr, problems)
    assert broken == {}


def test_every_string_of_the_admins_own_scripts_has_its_arabic():
    """The admin's scripts (the two-list picker, the calendar) read their words from the JavaScript catalogue, as
    the admin's `jsi18n` view builds it: Django's Arabic lacks some, which `locale/third_party/ar/…/djangojs.po`
    gives."""
    import re

    import django
    from django.utils.translation.trans_real import DjangoTranslation

    admin = Path(django.__file__).parent / "contrib" / "admin"
    wanted = set()
    for script in (admin / "static" / "admin" / "js").rglob("*.js"):
        if "vendor" not in script.parts:
            calls = re.findall(r"""(?<![pn])gettext\(\s*(['"])(.*?)\1\s*\)""", script.read_text())
            wanted.update(text for _quote, text in calls)
    assert len(wanted) > 20  # the scripts' strings were found
    catalogue = DjangoTranslation("ar", domain="djangojs", localedirs=[str(admin / "locale")])
    assert sorted(msgid for msgid in wanted if catalogue.gettext(msgid) == msgid) == []
