"""Every word a superuser, a reviewer or a manager reads in the Arabic admin is Arabic, third-party apps included.

The test walks `/ar/admin/`, every app's index, and every registered model's list, add page and change page (of one
row where there is one) as each of them, and reports each English word left in the visible text or in the title,
aria-label, placeholder and alt attributes (`tests.test_arabic.visible_text`). What may stay in Latin letters is
listed below, each with its reason.
"""

import json
import re
import zoneinfo

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation

from benefits.services import course_enrol, exhibition_apply
from tests.benefits.factories import course_make, exhibition_make
from tests.test_arabic import journeys, visible_text  # noqa: F401 - journeys is a fixture

pytestmark = pytest.mark.django_db

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'’-]*")
# Masked inside any text before its words are read, each a code or an identifier, never a sentence:
MASKED = [
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail addresses
    re.compile(r"\b[A-Z]{2,}(?:-[A-Z]+)*-\d{4}-\d+\b"),  # application references and licence numbers
    re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b"),  # dotted Python paths of Celery tasks
    # IANA time zones («بتوقيت Asia/Dubai»)
    re.compile("|".join(re.escape(zone) for zone in sorted(zoneinfo.available_timezones(), key=len, reverse=True))),
    re.compile(r"\w*\*{3,}\w*"),  # a password hash's salt and hash, shown masked
]
# Whole texts that are identifiers: the time zones django-celery-beat lists by their IANA names.
TIME_ZONES = {name.replace("_", " ") for name in zoneinfo.available_timezones()} | {"localtime"}
# Latin words that belong in an Arabic sentence, as the staff read them on screens and keyboards:
TECHNICAL_WORDS = {
    "JSON",  # the format of a scheduled task's arguments
    "AMQP",  # the message protocol, named in django-celery-beat's routing fields
    "Redis",  # the broker, named in the priority field's help
    "Celery",  # the task queue, named in the task field's help
    "CELERY_TASK_QUEUES",  # a setting's name
    "IP",  # «عنوان IP» of a sign-in attempt
    "HTTP",  # «ترويسة HTTP Accept», a request header's name
    "Accept",
    "GET",  # «بيانات GET»: the request methods
    "POST",
    "cron",  # the notation of a crontab schedule
    "sha256",  # the hash of a session key
    "Control",  # the keys Django's own Arabic names to select several items
    "Command",
    "CSV",  # the formats of the downloads («تنزيل CSV»)
    "Excel",
    "LDAP",  # a sign-in directory, in Django's help on password sign-in
    "md5",  # the password hashers' names in a user's password summary (MD5 in the tests)
    "pbkdf2_sha256",
}
# Text typed by a person is shown as it was typed, in the language it was typed in: the English half of bilingual
# records (the admin shows both so that staff edit both), a family's address or products, a licence number DED
# gave, a code. So are the user's names and e-mail, and what django-axes recorded of a browser.
PORTAL_APPS = {"packages_catalog", "families", "notifications", "licenses", "benefits", "dashboard"}
TYPED_ELSEWHERE = {("families", "user"): {"email", "first_name", "last_name"}}
AXES_RECORDED = {"username", "user_agent", "path_info", "http_accept", "ip_address"}


def _typed_fields(model) -> list[str]:
    texts = [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices
    ]
    label = (model._meta.app_label, model._meta.model_name)
    if label in TYPED_ELSEWHERE:
        return [name for name in texts if name in TYPED_ELSEWHERE[label]]
    if model._meta.app_label == "axes":
        return [name for name in texts if name in AXES_RECORDED]
    return texts if model._meta.app_label in PORTAL_APPS else []


def latin_data() -> list[str]:
    """Every value typed by a person or recorded of a browser in the database, its lines apart, longest first."""
    values = {code for code, _name in settings.LANGUAGES}
    for model in (model for model in admin.site._registry if not model._meta.proxy):
        for name in _typed_fields(model):
            values.update(value for value in model.objects.values_list(name, flat=True) if value)
    return sorted({line.strip() for value in values for line in value.splitlines() if line.strip()}, key=len)[::-1]


def english_words(text: str, data: list[str]) -> list[str]:
    """The English words of `text`, once the data and identifiers are masked."""
    if text in TIME_ZONES or _is_json(text):
        return []
    if data:
        text = re.sub(r"(?<!\w)(?:" + "|".join(map(re.escape, data)) + r")(?!\w)", " ", text)
    for pattern in MASKED:
        text = pattern.sub(" ", text)
    return [word for word in LATIN_WORD.findall(text) if word not in TECHNICAL_WORDS]


def _is_json(text: str) -> bool:
    """A notification's recorded context, shown raw to the superuser: data, not words."""
    try:
        return isinstance(json.loads(text), (dict, list))
    except ValueError:
        return False


def admin_pages() -> list[str]:
    """The admin's home, each app's index, each model's list and add page, and the change page of its first row."""
    with translation.override("ar"):
        pages = [reverse("admin:index")]
        pages += [
            reverse("admin:app_list", args=[label])
            for label in sorted({m._meta.app_label for m in admin.site._registry})
        ]
        for model in admin.site._registry:
            prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
            pages += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
            first = model._default_manager.order_by("pk").first()
            if first is not None:
                pages.append(reverse(f"{prefix}_change", args=[first.pk]))
    return pages


@pytest.fixture
def everything(journeys, charlie):  # noqa: F811 - the fixture imported above
    """A row of every kind the admin lists: the journeys' applications and licence, a booth application and an
    enrolment of the family that holds it, and a sign-in attempt, failure and log of django-axes."""
    family = journeys["family"]
    exhibition_apply(exhibition=exhibition_make(), family=family, products="بخور وعطور", actor=family.user)
    course_enrol(course=course_make(), family=family, actor=family.user)
    now = timezone.now()
    attempt = {"username": "charlie@example.ae", "ip_address": "127.0.0.1", "user_agent": "Mozilla/5.0"}
    AccessAttempt.objects.create(**attempt, get_data="", post_data="", failures_since_start=2, attempt_time=now)
    AccessFailureLog.objects.create(**attempt, attempt_time=now)
    AccessLog.objects.create(**attempt, attempt_time=now)
    return journeys


@pytest.mark.parametrize("persona", ["superuser", "reviewer", "manager"])
def test_the_arabic_admin_shows_no_english_word(client, everything, persona, request):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    data = latin_data()
    english = {}
    seen = 0
    for url in admin_pages():
        response = client.get(url)
        if response.status_code in (403, 404):  # a page this persona may not open
            continue
        assert response.status_code == 200, f"{url}: {response.status_code}"
        seen += 1
        for text in visible_text(response.content.decode()):
            if words := english_words(text, data):
                english.setdefault(url, []).append(f"{' '.join(words)} in «{text[:120]}»")
    assert seen >= (60 if persona == "superuser" else 15)
    assert english == {}, "\n".join(f"{url}: {found}" for url, found in english.items())


@pytest.mark.django_db(False)
def test_the_allowances_do_not_hide_an_english_sentence():
    data = ["Meera Gifts"]
    assert english_words("Periodic Tasks", data) == ["Periodic", "Tasks"]
    assert english_words("5 0 * * * (m/h/dM/MY/d) Asia/Dubai", data) == ["m", "h", "dM", "MY", "d"]
    assert english_words("At 12:05 AM Asia/Dubai", data) == ["At", "AM"]
    assert english_words("حدد هذا الكائن لإجراء - Access Log for root@intaj.example.ae", data) == [
        "Access",
        "Log",
        "for",
    ]
    assert english_words("رخصة Meera Gifts ETM-2026-000012 بتوقيت Asia/Dubai", data) == []
    assert english_words("بصيغة JSON (مثلاً: licenses.tasks.licences_expire)", data) == []
    assert english_words("Asia/Dubai", data) == []
