"""The Arabic the portal shows follows ../shared/ARABIC.md: the catalogue, and the pages of every journey as rendered.

It fails on اعتماد used for anything but the licence's name («اعتماد»), a Latin comma or question mark in Arabic
text, tanween written ـًا, «إبريل», an arrow pointing against the reading direction, and each glossary term's known
wrong variants (`WRONG_VARIANTS`, drawn from ARABIC.md). Pages are read as a person sees them: tags, scripts and
styles are stripped, and left-to-right islands (`dir="ltr"`: e-mail addresses, Emirates IDs, references) are left out.
"""

import datetime
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, dates, timezone, translation

from demo.management.commands.load_demo_data import PATH_WITH_INFO_REQUEST
from families.tokens import email_confirmation_token_make
from intaj_portal.env import env_bool
from intaj_portal.formats import months
from intaj_portal.text import list_join, step_between
from licenses.files import file_size
from licenses.models import Licence, Reason, Status
from licenses.services.reminders import licence_reminders_send
from notifications.messages import email_render, notification_render
from notifications.models import Notification
from tests.factories import HouseholdMemberFactory
from tests.licenses.conftest import documents_storage, eligible_family  # noqa: F401 (documents_storage: a fixture)
from tests.licenses.factories import complete_application

PO_FILE = Path(__file__).resolve().parents[1] / "locale/ar/LC_MESSAGES/django.po"

ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
# python-format placeholders of the catalogue: %(name)s, %(count)d, %s, and the literal %%
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[sdif]|%%")
# The licence's name, the one use of اعتماد: «اعتماد».
LICENCE_NAME = "«اعتماد»"
# Any word of the root ع ت م د, with or without short vowels: اعتماد، اعتمد، اعتُمدت، معتمد، يعتمد…
ETIMAD_ROOT = re.compile(r"عت[\u064B-\u0652]*م[\u064B-\u0652]*ا?د")
ARROWS_AGAINST_ARABIC = re.compile(r"[→⟶➔➜➝➞⇒⟹]|->")

# (a wrong variant, what ARABIC.md says instead). Words are matched whole; a prefix و ف ب ل and the article count.
WRONG_VARIANTS = [
    (r"(?<!\w)[وفبل]?(?:ال)?(?:بيت|مسكن)(?:ه|ها|ك|كم|هم)?(?!\w)", "home is المنزل (not البيت, المسكن)"),
    (r"إمارة السكن", "emirate of residence is إمارة الإقامة"),
    (r"مستوى الخدمة|مدة الخدمة", "service level is المدة المحددة للخدمة"),
    (r"(?<!\w)[وفبل]?(?:ال)?متأخر(?:ة|ات|ين)?(?! عن المدة المحددة)(?!\w)", "overdue is متأخر عن المدة المحددة"),
    (r"(?<!\w)[وفبل]?(?:ال)?رسم(?!\w)(?! (?:ال)?بياني)", "fees are الرسوم (one word: رسوم, never رسم)"),
    (r"تقدير", "fee calculation is احتساب الرسوم"),
    (r"طلب(?:ات)? (?:ال)?(?:مفتوح|جاري|جارٍ)|(?:ال)?طلب (?:ال)?جاري", "an application in progress is قيد الإجراء"),
    (r"(?<!\w)[وفل]?(?:أكمل|أكملوا|أكملي|إكمال|بإكمال)(?!\w)", "complete is استكمل (one verb: استكمال)"),
    (r"\d+ سنة|سنة واحدة|(?<!\w)سنوات", "ages and durations in عام (18 عاماً، عام واحد)"),
    (r"مراجع(?![ةت])", "reviewer is مراجِع (with its kasra: not مراجع, references)"),
    (r"دائرة التنمية الاقتصادية(?! بالشارقة)", "DED is دائرة التنمية الاقتصادية بالشارقة"),
    (r"مستفيد\w* الخدمات", "beneficiaries are مستفيدو دائرة الخدمات الاجتماعية"),
    (r"إفادة", "the beneficiary letter is خطاب الاستفادة"),
    (r"غرامة (?:ال)?تأخير|غرامة تأخر(?! في التجديد)", "the late fine is غرامة التأخر في التجديد"),
    (r"استيفاء (?:ال)?بيانات|معلومات (?:إضافية )?مطلوبة", "a request for information is طلب استيفاء معلومات"),
    (r"الرد على الطلب", "answering the request is الرد على طلب المركز"),
    (r"(?<!بطاقة )(?<!\w)(?:ال)?هوية (?:ال)?إماراتية|هويت\w* الإماراتية", "the Emirates ID is بطاقة الهوية الإماراتية"),
    (r"ربّ الأسرة|رب العائلة", "the head of family is رب الأسرة"),
    (r"(?<!خطاب )عدم (?:ال)?ممانعة", "a no-objection letter is خطاب عدم ممانعة من …"),
    (r"احتضان|الاحتضان", "incubation is حضانة المشروعات ومتابعتها"),
    (r"معرض المنتجات(?! الإلكتروني)|معرض المركز", "the showcase is معرض المنتجات الإلكتروني"),
    (r"(?<!\w)[وفبل]?(?:ال)?(?:رفض|مرفوض)\w*", "not approved is لم تتم الموافقة (the step: عدم الموافقة)"),
    (r"موثّ?َ?ق|توثيق|صفة المستفيد", "verification is التحقق, of حالة الاستفادة"),
    (r"مركز الأسر المنتجة", "the centre is مركز إنتاج للأسر المنتجة"),
    (r"في لمحة|بنظرة واحدة|كيف تعمل الخدمة|لا شيء يُ?حسب", "a calque from English: say what a Sharjah clerk would"),
    (r"تعذّ?رت? (?:على المركز|موافقة)", "a decision is never «تعذّر» (it reads as a technical failure)"),
]
WRONG = [(re.compile(pattern), advice) for pattern, advice in WRONG_VARIANTS]

# How the catalogue addresses the family: the respectful plural or a verbal noun, never the masculine singular.
# Only forms that cannot be read otherwise: «تنتج» or «تحقق» may be the family (she) or the past tense.
SINGULAR_ADDRESS = re.compile(
    r"(?<!\w)[وفل]?(?:طلبك|طلباتك|لديك|يمكنك|ملفك|أسرتك|حسابك|بريدك|رخصتك|رخصك|منتجاتك|بياناتك|مستنداتك|إجاباتك"
    r"|ردّك|ردك|عمرك|هويتك|باقتك|مشروعك|مرورك|اختيارك|إليك|منك|معك|بك|لك|عليك|اختر|أدخل|أدخلها|اكتب|ارفع|اسحب"
    r"|أضف|احفظ|اذكر|استوف|افتح|انتق|جدّدها|أرسل لي|أنت)(?!\w)"
)
HARAKAT = re.compile(r"[\u064B-\u0650\u0652]")  # short vowels and tanween: «أدخِل» is «أدخل»; the shadda stays
# A masculine verb with the family as its subject, as in «قدّم %(family_name)s…».
MASCULINE_FAMILY_VERB = re.compile(r"(?:قدّم|قدم|أرسل|سحب|جدّد|طلب) %\(family")


def address_problems(text: str) -> list[str]:
    """The family addressed in the masculine singular, or a masculine verb with the family as its subject."""
    problems = []
    found = SINGULAR_ADDRESS.search(HARAKAT.sub("", text))
    if found:
        problems.append(f"«{found.group(0)}»: address the family in the plural or with a verbal noun")
    if MASCULINE_FAMILY_VERB.search(text):
        problems.append("a masculine verb for the family: «ورد الطلب … من …»")
    return problems


def arabic_problems(text: str, *, strict_commas: bool = False) -> list[str]:
    """What in `text` breaks ARABIC.md's spelling, punctuation, direction and glossary rules."""
    problems = []
    if ETIMAD_ROOT.search(text.replace(LICENCE_NAME, "")):
        problems.append("اعتماد outside the licence's name «اعتماد» (approval is الموافقة, verification التحقق)")
    if "\u064b\u0627" in text:
        problems.append("tanween written ـًا (write اً)")
    if "إبريل" in text:
        problems.append("«إبريل» (the UAE writes أبريل)")
    if ARROWS_AGAINST_ARABIC.search(text):
        problems.append("an arrow pointing right: in Arabic a step from A to B is «A ← B»")
    for mark in latin_marks_in_arabic(text, strict=strict_commas):
        problems.append(f"a Latin {mark!r} in Arabic text (use ، ؛ ؟)")
    for pattern, advice in WRONG:
        found = pattern.search(text)
        if found:
            problems.append(f"«{found.group(0)}»: {advice}")
    return problems


def latin_marks_in_arabic(text: str, *, strict: bool) -> list[str]:
    """Latin commas and question marks that belong to Arabic text.

    A mark between Latin words or digits (an address in English, 1,200) is left alone. In a catalogue entry
    (`strict`) a mark beside a placeholder counts as Arabic too, since the sentence around it is Arabic.
    """
    if not ARABIC_LETTER.search(text):
        return []
    marks = []
    for found in re.finditer(r"[,?]", text):
        before = text[: found.start()].rstrip()[-1:]
        after = text[found.end() :].lstrip()[:1]
        latin_both_sides = bool(before and after and LATIN_OR_DIGIT.match(before) and LATIN_OR_DIGIT.match(after))
        beside_placeholder = before == "\ue000" or after == "\ue000"
        if latin_both_sides or (beside_placeholder and not strict) or not (before or after):
            continue
        if ARABIC_LETTER.match(before or " ") or ARABIC_LETTER.match(after or " ") or beside_placeholder:
            marks.append(found.group(0))
    return marks


# ---------------------------------------------------------------------------------------------------------------
# The catalogue


def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_FILE))


def translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def as_read(msgstr: str) -> str:
    """A translation as it reads: placeholders become a neutral mark, tags and left-to-right islands go."""
    text = re.sub(r'<(\w+)[^>]*dir="ltr"[^>]*>.*?</\1>', "\ue000", msgstr)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\u2066.*?\u2069", "\ue000", text)  # ⁦…⁩: an isolated left-to-right run
    return PLACEHOLDER.sub("\ue000", text)


def test_the_catalogue_header_is_filled_in_for_arabic():
    po = catalogue()
    header = po.metadata
    assert not po.metadata_is_fuzzy
    assert header["Language"] == "ar"
    assert "PACKAGE" not in header["Project-Id-Version"]
    assert "LANGUAGE" not in header["Language-Team"]
    assert header["Plural-Forms"].startswith("nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 :")


def test_msgfmt_finds_nothing_to_report_in_the_catalogue(tmp_path):
    if shutil.which("msgfmt") is None:
        if env_bool("CI", False):
            pytest.fail("msgfmt is missing: CI installs gettext (.ci/run)")
        pytest.skip("msgfmt (GNU gettext) is not installed on this machine")
    result = subprocess.run(
        ["msgfmt", "-c", "-o", str(tmp_path / "django.mo"), str(PO_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_every_arabic_translation_follows_the_rules():
    broken = {}
    for entry in catalogue():
        for msgstr in translations(entry):
            problems = arabic_problems(as_read(msgstr), strict_commas=True) + address_problems(msgstr)
            if problems:
                broken[f"{entry.msgctxt or ''}|{entry.msgid}"] = (msgstr, problems)
    assert broken == {}


def test_the_licence_is_named_with_guillemets_wherever_etimad_is_written():
    for entry in catalogue():
        if "Etimad" in entry.msgid:
            assert all(LICENCE_NAME in msgstr for msgstr in translations(entry)), entry.msgid


def test_every_count_has_its_six_arabic_forms():
    """0, 1, 2, 3–10, 11–99, 100+. One and two say the noun (طلب واحد، طلبان) and the rest show the number; 3–10 take
    the plural noun and 100+ the singular, so they always differ. A phrase that gives the number as a figure with no
    noun after it («عدد الرخص: 82») reads right for any value and is the same in all six."""
    for entry in (entry for entry in catalogue() if entry.msgid_plural):
        forms = [entry.msgstr_plural[index] for index in range(6)]
        assert all(forms), entry.msgid
        in_every_form = set.intersection(*(set(PLACEHOLDER.findall(form)) for form in forms))
        counted = set(PLACEHOLDER.findall(entry.msgid_plural)) - in_every_form
        if not counted:
            # No form counts: the number is a figure that needs no agreement, so no noun may follow it.
            assert len(set(forms)) == 1 and not re.search(r"\ue000\s*[\u0621-\u064A]", as_read(forms[0])), entry.msgid
            continue
        assert all(p in form for p in counted for form in forms[3:]), f"{entry.msgid}: 3 and more show the number"
        assert not any(p in form for p in counted for form in forms[1:3]), f"{entry.msgid}: say one and two in words"
        assert forms[3] != forms[5] and forms[4] != forms[3], f"{entry.msgid}: 3–10, 11–99 and 100+ differ"


@pytest.mark.parametrize(
    ("singular", "plural", "expected"),
    [
        (
            "You have %(counter)s application in progress.",
            "You have %(counter)s applications in progress.",
            {
                0: "ليس لديكم أي طلب قيد الإجراء.",
                1: "لديكم طلب واحد قيد الإجراء.",
                2: "لديكم طلبان قيد الإجراء.",
                3: "لديكم 3 طلبات قيد الإجراء.",
                11: "لديكم 11 طلباً قيد الإجراء.",
                100: "لديكم 100 طلب قيد الإجراء.",
                103: "لديكم 103 طلبات قيد الإجراء.",
            },
        ),
        (
            "The link is valid for %(days)s day.",
            "The link is valid for %(days)s days.",
            {
                1: "الرابط صالح ليوم واحد.",
                2: "الرابط صالح ليومين.",
                3: "الرابط صالح لمدة 3 أيام.",
                11: "الرابط صالح لمدة 11 يوماً.",
                100: "الرابط صالح لمدة 100 يوم.",
            },
        ),
    ],
)
def test_a_count_reads_right_from_zero_to_a_hundred_and_beyond(singular, plural, expected):
    with translation.override("ar"):
        for number, arabic in expected.items():
            key = "counter" if "counter" in singular else "days"
            assert translation.ngettext(singular, plural, number) % {key: number} == arabic


# ---------------------------------------------------------------------------------------------------------------
# The pages, as each persona sees them in Arabic


class VisibleText(HTMLParser):
    """The text a person reads on a page: text nodes and the attributes shown or spoken (title, aria-label,
    placeholder, alt, a button's value, the small-screen labels of `data-label`), without scripts, styles,
    hidden inputs or left-to-right islands."""

    SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-label")
    SKIPPED = ("script", "style", "template")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)

    @property
    def skipping(self) -> bool:
        return any(skipped for _tag, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skipped = tag in self.SKIPPED or attributes.get("dir") == "ltr" or attributes.get("lang") == "en"
        if not (self.skipping or skipped):
            self.parts += [attributes[name] for name in self.SHOWN_ATTRIBUTES if attributes.get(name)]
            if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
                self.parts.append(attributes["value"])
        if tag not in self.VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.parts


def page_problems(html: str, *, for_the_family: bool = False) -> list[str]:
    """What breaks the rules in a page; on the pages families read, how they are addressed too."""
    problems = []
    for text in visible_text(html):
        found = arabic_problems(text) + (address_problems(text) if for_the_family else [])
        problems += [f"{problem} in «{text}»" for problem in found]
    return problems


def _reason(kind: str, code: str) -> Reason:
    return Reason.objects.get(kind=kind, code=code)


@pytest.fixture
def journeys(alice, reviewer, step):
    """Alice's family with an application in every state a family meets, from a draft to an issued licence and
    its renewal reminder; the centre's reviewer took every step."""
    family = eligible_family(alice)
    family.sssd_file_number = "SSD-42"
    family.save(update_fields=["sssd_file_number"])
    HouseholdMemberFactory(profile=family, name="فاطمة", relation="daughter")
    HouseholdMemberFactory(profile=family, name="سعيد", relation="son")

    def through(application, *statuses, **details):
        for status in statuses:
            actor = alice if status == Status.SUBMITTED else reviewer
            application = step(application, status, actor, **details.get(status, {}))
        return application

    info = {"reason": _reason("info_request", "other"), "message": "يرجى رفع صورة أوضح لسند الملكية."}
    refusal = {"reason": _reason("rejection", "other"), "message": "يسعدنا استقبال طلب جديد منكم."}
    issued = through(
        complete_application(family=family),
        *PATH_WITH_INFO_REQUEST[1:],
        **{
            Status.INFO_REQUESTED: info,
            Status.ISSUED: {"licence_number": "SHJ-ETM-7788", "issued_on": timezone.localdate()},
        },
    )
    licence = Licence.objects.get(application=issued)
    licence_reminders_send(today=licence.expires_on - datetime.timedelta(days=30))
    applications = {
        "issued": issued,
        "rejected": through(
            complete_application(family=family, package_code="atayeb"),
            Status.SUBMITTED,
            Status.UNDER_REVIEW,
            Status.REJECTED,
            **{Status.REJECTED: refusal},
        ),
        "info_requested": through(
            complete_application(family=family, package_code="ibdaa"),
            Status.SUBMITTED,
            Status.UNDER_REVIEW,
            Status.INFO_REQUESTED,
            **{Status.INFO_REQUESTED: info},
        ),
        "approved": through(
            complete_application(family=family, package_code="anaqa"),
            Status.SUBMITTED,
            Status.UNDER_REVIEW,
            Status.APPROVED,
        ),
        "draft": complete_application(family=family, package_code="mohra"),
    }
    return {"family": family, "licence": licence, **applications}


def _arabic(path: str) -> str:
    return f"/ar{path.removeprefix('/en')}" if path.startswith("/en/") else path


def render(client, url: str, *, data: dict | None = None, status: int = 200) -> str:
    with translation.override("ar"):
        response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code}"
    html = response.content.decode()
    assert 'lang="ar"' in html and 'dir="rtl"' in html, url
    return html


def assert_arabic_pages(client, urls, *, for_the_family: bool = True) -> None:
    """Each page, in Arabic, breaks none of the rules; the report names every page and what is wrong in it."""
    broken = {}
    for url, data, *status in urls:
        html = render(client, url, data=data, status=status[0] if status else 200)
        problems = page_problems(html, for_the_family=for_the_family)
        if problems:
            broken[url] = problems
    assert broken == {}


def ar(viewname: str, *args, **kwargs) -> str:
    with translation.override("ar"):
        return reverse(viewname, args=args, kwargs=kwargs)


def test_the_public_pages_read_right_in_arabic(client, db):
    pages = [(ar("catalog:home"), None)]
    pages += [
        (ar("catalog:package_detail", code=code), None) for code in ("tayeb", "atayeb", "ibdaa", "anaqa", "mohra")
    ]
    pages += [(ar("families:signup"), None), (ar("families:login"), None), (ar("families:password_reset"), None)]
    pages += [(ar("families:password_reset_done"), None), (ar("families:password_reset_complete"), None)]
    assert_arabic_pages(client, pages)


def test_the_forms_and_their_errors_read_right_in_arabic(client, alice):
    mistaken_signup = {"email": "not-an-address", "mobile": "12", "password1": "abc", "password2": "abd"}
    pages = [
        (ar("families:signup"), mistaken_signup),
        (ar("families:login"), {"username": "alice@example.ae", "password": "wrong"}),
    ]
    assert_arabic_pages(client, pages)
    client.force_login(alice)
    assert_arabic_pages(
        client,
        [
            (ar("families:profile"), None),
            (ar("families:profile"), {"full_name_ar": "مريم", "emirates_id": "784-1985-1"}),
            (ar("families:password_change"), None),
            (ar("families:password_change"), {"old_password": "wrong", "new_password1": "a", "new_password2": "b"}),
        ],
    )


def test_the_familys_account_and_applications_read_right_in_arabic(client, alice, journeys):
    client.force_login(alice)
    draft, waiting = journeys["draft"], journeys["info_requested"]
    member = journeys["family"].household_members.first()
    pages = [
        ar("families:home"),
        ar("families:profile"),
        ar("families:member_add"),
        ar("families:member_edit", pk=member.pk),
        ar("licenses:application_list"),
        ar("licenses:application_start"),
        *(ar("licenses:application_step", pk=draft.pk, step=slug) for slug in STEP_SLUGS),
        *(ar("licenses:application_step", pk=waiting.pk, step=slug) for slug in STEP_SLUGS),
        *(ar("licenses:application_detail", pk=journeys[name].pk) for name in APPLICATION_STATES),
        ar("licenses:application_withdraw", pk=waiting.pk),
        ar("licenses:application_delete", pk=draft.pk),
        ar("notifications:list"),
    ]
    assert_arabic_pages(client, [(url, None) for url in pages])


STEP_SLUGS = ("activities", "business", "production", "documents", "review")
APPLICATION_STATES = ("draft", "info_requested", "approved", "issued", "rejected")


def test_an_unconfirmed_family_and_its_links_read_right_in_arabic(client, alice):
    alice.email_confirmed_at = None
    alice.save(update_fields=["email_confirmed_at"])
    client.force_login(alice)
    token = email_confirmation_token_make(user=alice)
    assert_arabic_pages(
        client,
        [
            (ar("families:home"), None),
            (ar("families:email_confirm", token=token), None),
            (ar("families:email_confirm", token="broken"), None, 400),
        ],
    )


def test_the_centres_review_in_the_admin_reads_right_in_arabic(client, reviewer, superuser, charlie, journeys):
    client.force_login(reviewer)
    applications = [journeys[name] for name in ("issued", "rejected", "info_requested", "approved")]
    pages = [ar("admin:index"), ar("admin:licenses_application_changelist")]
    pages += [ar("admin:licenses_application_change", application.pk) for application in applications]
    under_review = complete_application(family=eligible_family(charlie), status=Status.UNDER_REVIEW)
    pages += [
        ar("admin:licenses_application_step", object_id=under_review.pk, to_status=status)
        for status in ("info_requested", "approved", "rejected")
    ]
    pages.append(ar("admin:licenses_application_step", object_id=journeys["approved"].pk, to_status="issued"))
    pages.append(ar("admin:licenses_application_fee_reassess", object_id=journeys["approved"].pk))
    assert_arabic_pages(client, [(url, None) for url in pages], for_the_family=False)

    client.force_login(superuser)
    family = journeys["family"]
    pages = [
        ar("admin:families_familyprofile_changelist"),
        ar("admin:families_familyprofile_change", family.pk),
        ar("admin:families_familyprofile_beneficiary", family.pk),
        ar("admin:licenses_licence_changelist"),
        ar("admin:licenses_licence_change", journeys["licence"].pk),
        ar("admin:licenses_feeassessment_changelist"),
        ar("admin:notifications_notification_changelist"),
        ar("admin:notifications_delivery_changelist"),
    ]
    assert_arabic_pages(client, [(url, None) for url in pages], for_the_family=False)


def test_the_managers_dashboard_reads_right_in_arabic(client, manager, journeys):
    client.force_login(manager)
    pages = [(ar("dashboard:home"), None), (ar("admin:index"), None), (ar("dashboard:home") + "?start=x", None)]
    assert_arabic_pages(client, pages, for_the_family=False)


def test_every_message_a_family_and_a_reviewer_receive_reads_right_in_arabic(journeys, reviewer):
    notifications = Notification.objects.filter(language="ar").order_by("id")
    kinds = set(notifications.values_list("kind", flat=True))
    assert {"application_received", "info_requested", "approved", "issued", "renewal_reminder"} <= kinds
    assert "staff_application_submitted" in kinds
    broken = {}
    for notification in notifications:
        message = notification_render(notification)
        _subject, text, html = email_render(notification)
        problems = arabic_problems(f"{message.subject}\n{message.body}\n{message.sms}") + address_problems(message.body)
        problems += arabic_problems(text) + page_problems(html, for_the_family=True)
        if problems:
            broken[notification.kind] = problems
    assert broken == {}


@pytest.mark.parametrize("minutes", [1, 2, 5, 15, 100])
def test_the_lockout_page_says_how_long_in_arabic(minutes):
    with translation.override("ar"):
        html = render_to_string("families/locked_out.html", {"minutes": minutes})
    assert page_problems(html, for_the_family=True) == []


UAE_MONTHS = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]


@pytest.mark.parametrize("letter", ["F", "E", "N", "b"])
def test_every_month_is_named_as_the_uae_writes_it_in_every_date_format(letter):
    with translation.override("ar"):
        named = [dateformat.format(datetime.date(2026, month, 5), letter) for month in range(1, 13)]
    assert named == UAE_MONTHS


def test_the_months_module_names_exactly_djangos_month_strings():
    """If Django renamed one, makemessages would drop its Arabic: the module must follow."""
    with translation.override(None):
        for ours, djangos in [
            (months.MONTHS, dates.MONTHS),
            (months.MONTHS_3, dates.MONTHS_3),
            (months.MONTHS_AP, dates.MONTHS_AP),
            (months.MONTHS_ALT, dates.MONTHS_ALT),
        ]:
            assert [str(name) for name in ours] == [str(name) for name in djangos.values()]


@pytest.mark.parametrize(
    ("size", "arabic", "english"),
    [
        (5 * 1024 * 1024, "5 ميغابايت", "5 MB"),
        (3 * 1024 * 1024 // 2, "1.5 ميغابايت", "1.5 MB"),
        (200 * 1024, "200 كيلوبايت", "200 KB"),
        (2, "بايتان", "2 bytes"),
        (594, "594 بايتاً", "594 bytes"),
    ],
)
def test_a_file_size_reads_in_words_of_the_language(size, arabic, english):
    with translation.override("ar"):
        assert file_size(size) == arabic.replace(" ", "\xa0")
    with translation.override("en"):
        assert file_size(size) == english.replace(" ", "\xa0")


def test_the_admin_counts_its_rows_in_a_phrase_that_agrees_with_any_number(client, superuser, db):
    client.force_login(superuser)
    html = render(client, ar("admin:packages_catalog_package_changelist"))
    assert "عدد الباقات: 5" in html


def test_lists_and_steps_follow_the_reading_direction():
    with translation.override("ar"):
        assert list_join(["أ", "ب", "ج"]) == "أ، ب، ج"
        assert list_join(["أ = 1، 2", "ب = 3"], groups=True) == "أ = 1، 2؛ ب = 3"
        assert step_between("مسودة", "مقدَّم") == "مسودة ← مقدَّم"
    with translation.override("en"):
        assert list_join(["a", "b"]) == "a, b"
        assert step_between("Draft", "Submitted") == "Draft → Submitted"


@pytest.mark.parametrize("template", ["families/email/confirm", "families/email/password_reset"])
@pytest.mark.parametrize("valid_days", [1, 2, 3, 11, 100])
def test_the_account_e_mails_read_right_in_arabic(template, valid_days):
    values = {"confirm_url": "https://intaj.example.ae/ar/x", "reset_url": "https://intaj.example.ae/ar/y"}
    with translation.override("ar"):
        parts = [render_to_string(f"{template}{suffix}", {**values, "valid_days": valid_days}) for suffix in PARTS]
    assert all(ARABIC_LETTER.search(part) for part in parts)
    problems = [problem for part in parts for problem in page_problems(part, for_the_family=True)]
    assert problems == []


PARTS = ("_subject.txt", ".txt", ".html")
