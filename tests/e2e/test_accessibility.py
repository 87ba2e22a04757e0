"""Every page a journey visits passes axe-core's WCAG 2.1 A and AA rules, in Arabic and English, at 360 and 1280 px.

One data set per language, made through the services as the journeys leave it: a licence holder with a draft, an
application the centre asked about, a household member, a booth and a course seat, notifications; another family's
approved application with its fee; a manager. Each page is opened once per language and scanned at 360 px, then at
1280 px (`axe_violations` in conftest); the test fails with the list of every element that breaks a rule, on every
page, rather than stopping at the first.

And the admin's application list fits its box at 1280 px: staff see every column without scrolling sideways.
"""

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from benefits import services as benefits_services
from licenses import services
from licenses.models import Reason, Status
from notifications.models import Notification
from tests.benefits.conftest import licence_holder
from tests.benefits.factories import course_make, exhibition_make
from tests.e2e.conftest import DESKTOP, PHONE, axe_violations, screenshot
from tests.factories import HouseholdMemberFactory
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import complete_application, png_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = [PHONE, DESKTOP]
EDIT_STEPS = ["activities", "business", "production", "documents", "review"]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """The exhibition's cover goes to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def journeys(alice, charlie, reviewer, manager):
    """The data the journeys leave behind, and the address of every page they visit, per person; (address, name)
    for a page whose look the accessibility fixes changed, kept as a screenshot for people to look at."""
    family = licence_holder(alice)
    licence = family.licences.get()
    member = HouseholdMemberFactory(profile=family)
    draft = complete_application(family=family, package_code="atayeb")
    asked = complete_application(family=family, package_code="ibdaa")
    for to_status, actor in [(Status.SUBMITTED, alice), (Status.UNDER_REVIEW, reviewer)]:
        asked = services.application_transition(application=asked, to_status=to_status, actor=actor)
    asked = services.application_transition(
        application=asked,
        to_status=Status.INFO_REQUESTED,
        actor=reviewer,
        reason=Reason.objects.get(code="unclear_document"),
        message="The passport scan is unclear: please upload a clearer copy.",
    )

    # Another family's application, approved: its fee is on the admin's change page.
    approved = complete_application(family=eligible_family(charlie), package_code="tayeb")
    for to_status, actor in [(Status.SUBMITTED, charlie), (Status.UNDER_REVIEW, reviewer)]:
        approved = services.application_transition(application=approved, to_status=to_status, actor=actor)
    approved = services.application_transition(
        application=approved, to_status=Status.APPROVED, actor=reviewer, message="Approved and sent to DED."
    )
    submitted = complete_application(family=family, package_code="anaqa")
    submitted = services.application_transition(application=submitted, to_status=Status.SUBMITTED, actor=alice)

    exhibition = exhibition_make(name="Sharjah Heritage Days", booths=3)
    exhibition.cover.save("cover.png", ContentFile(png_bytes(64, 28)), save=False)
    exhibition.cover_content_type = "image/png"
    exhibition.save()
    course = course_make(title="Photographing products with a phone", seats=2)
    booth = benefits_services.exhibition_apply(exhibition=exhibition, family=family, products="Oud", actor=alice)
    benefits_services.course_enrol(course=course, family=family, actor=alice)

    # One unread notification: the bell shows "1", which its label must contain (WCAG 2.5.3).
    latest = Notification.objects.filter(recipient=alice).latest("pk")
    Notification.objects.filter(recipient=alice).exclude(pk=latest.pk).update(read_at=timezone.now())

    reset = f"{urlsafe_base64_encode(force_bytes(alice.pk))}/{default_token_generator.make_token(alice)}"
    return {
        None: [
            "/",
            ("/packages/mohra/", "package_badges"),
            "/exhibitions/",
            f"/exhibitions/{exhibition.pk}/",
            "/courses/",
            f"/courses/{course.pk}/",
            "/verify/",
            "/showcase/",
            f"/verify/{licence.verification_token}/",
            "/account/signup/",
            "/account/login/",
            "/account/password/reset/",
            "/account/password/reset/sent/",
            f"/account/password/reset/{reset}/",
        ],
        alice: [
            "/account/",
            "/account/profile/",
            "/account/profile/members/add/",
            f"/showcase/mine/{licence.pk}/",
            "/follow-up/",
            f"/account/profile/members/{member.pk}/",
            "/applications/",
            "/applications/new/",
            *[f"/applications/{draft.pk}/edit/{step}/" for step in EDIT_STEPS if step != "documents"],
            (f"/applications/{draft.pk}/edit/documents/", "documents_step"),
            f"/applications/{draft.pk}/",
            (f"/applications/{asked.pk}/", "application_asked"),
            f"/applications/{asked.pk}/edit/documents/",
            f"/applications/{submitted.pk}/",
            (f"/applications/{licence.application_id}/", "application_issued"),
            ("/notifications/", "notifications"),
            f"/exhibitions/{exhibition.pk}/",
            f"/courses/{course.pk}/",
        ],
        charlie: [f"/applications/{approved.pk}/"],
        manager: [
            "/staff/dashboard/",
            "/admin/",
            "/admin/licenses/application/",
            f"/admin/licenses/application/{submitted.pk}/change/",
            (f"/admin/licenses/application/{approved.pk}/change/", "admin_application_fee"),
            f"/admin/licenses/application/{submitted.pk}/step/under_review/",
            f"/admin/licenses/application/{asked.pk}/change/",
            f"/admin/licenses/licence/{licence.pk}/change/",
            "/admin/benefits/exhibition/",
            "/admin/benefits/course/",
            "/admin/benefits/boothapplication/",
            f"/admin/benefits/boothapplication/{booth.pk}/change/",
            f"/admin/benefits/boothapplication/{booth.pk}/step/accepted/",
            "/admin/benefits/enrolment/",
            "/admin/benefits/followupfile/",
            "/admin/benefits/contact/",
            "/admin/showcase/version/",
            "/admin/showcase/entry/",
        ],
    }


def context_for(browser, live_server, user, viewport):
    """One browser context per person at this width: logged in with a test client's session cookie."""
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.set_default_timeout(15_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_page_of_the_journeys_passes_the_wcag_21_aa_rules_at_both_widths(
    browser, live_server, journeys, language
):
    """Each page is loaded once and scanned at 360 px, then at 1280 px: the layout follows the width, not the load."""
    violations = []
    for user, paths in journeys.items():
        context = context_for(browser, live_server, user, PHONE)
        try:
            page = context.new_page()
            for entry in paths:
                path, shot = entry if isinstance(entry, tuple) else (entry, None)
                response = page.goto(f"/{language}{path}")
                assert response.ok, f"{path}: {response.status}"
                for viewport in WIDTHS:
                    page.set_viewport_size(viewport)
                    violations += axe_violations(page)
                    if shot:
                        screenshot(page, f"a11y_{shot}_{language}_{viewport['width']}")
        finally:
            context.close()
    assert violations == [], f"{len(violations)} WCAG 2.1 A/AA violations:\n" + "\n".join(violations)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_admin_application_list_shows_every_column_at_1280_px(browser, live_server, journeys, manager, language):
    context = context_for(browser, live_server, manager, DESKTOP)
    try:
        page = context.new_page()
        page.goto(f"/{language}/admin/licenses/application/")
        widths = page.locator("#changelist .results").evaluate(
            "box => ({table: box.querySelector('table').scrollWidth, box: box.clientWidth})"
        )
        screenshot(page, f"admin_application_list_{language}_1280")
        assert widths["table"] <= widths["box"], f"the table is {widths['table']} px wide in a {widths['box']} px box"
        assert page.locator("#result_list th.column-overdue").is_visible()
    finally:
        context.close()


def test_the_scan_names_the_page_the_rule_and_the_element_that_breaks_it(browser):
    """The scan can fail: a picture without a text alternative and a link without a name are reported."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.set_content(
            '<html lang="en"><head><title>Broken</title></head><body><main><h1>Broken</h1>'
            '<img src="data:," id="logo"><a href="/x" id="home"></a></main></body></html>'
        )
        violations = axe_violations(page)
    finally:
        context.close()
    assert any("[image-alt] #logo:" in line for line in violations), violations
    assert any("[link-name] #home:" in line for line in violations), violations


def test_the_favicon_every_browser_asks_for_is_found(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    try:
        response = context.request.get("/favicon.ico")
        assert response.ok, response.status
        assert response.headers["content-type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    finally:
        context.close()
