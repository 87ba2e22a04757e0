"""Every page carries the Content-Security-Policy and the Permissions-Policy, and the templates hold nothing the
policy would block: no inline script, no inline event handler, no inline style."""

import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def assert_page_is_protected(response, page):
    assert "Content-Security-Policy" in response, page
    assert "camera=()" in response["Permissions-Policy"], page


PUBLIC_PAGES = [
    "/ar/",
    "/en/",
    "/en/packages/tayeb/",
    "/en/account/login/",
    "/en/account/signup/",
    "/en/account/password/reset/",
    "/en/no-such-page/",
    "/en/packages/no-such-package/",
    "/en/account/",  # a redirect to the login page
]


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_public_page_carries_the_policies(client, page):
    assert_page_is_protected(client.get(page), page)


def test_the_favicon_and_the_health_check_carry_the_policies(client):
    for page in ("/favicon.ico", "/healthz"):
        assert_page_is_protected(client.get(page), page)


def test_a_familys_pages_carry_the_policies(client, alice):
    client.force_login(alice)
    for page in ("/en/account/", "/en/account/profile/", "/en/applications/", "/en/notifications/"):
        assert_page_is_protected(client.get(page), page)


def test_a_refused_page_carries_the_policies(client, alice):
    client.force_login(alice)
    response = client.get("/en/staff/dashboard/")
    assert response.status_code in (302, 403)
    assert_page_is_protected(response, "dashboard as a family")


def test_the_dashboard_carries_the_policies(client, manager):
    client.force_login(manager)
    response = client.get("/en/staff/dashboard/")
    assert response.status_code == 200
    assert_page_is_protected(response, "dashboard")


def test_every_admin_list_and_add_page_carries_the_policies(client, superuser):
    client.force_login(superuser)
    pages = ["/en/admin/"]
    with translation.override("en"):
        for model in admin.site._registry:
            info = (model._meta.app_label, model._meta.model_name)
            pages.append(reverse("admin:{}_{}_changelist".format(*info)))
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert_page_is_protected(response, page)


def test_the_policy_allows_only_the_portals_own_scripts_styles_and_forms(client):
    policy = directives(client.get("/en/")["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert not any(
        "unsafe" in value or value in ("*", "http:", "https:") for values in policy.values() for value in values
    )


def test_the_permissions_policy_turns_off_every_powerful_feature(client):
    header = client.get("/en/")["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header


# The templates, read as text: what the policy would block is found here before a browser finds it.

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
INLINE_STYLE = re.compile(r"<style\b|<[a-z][^>]*\sstyle\s*=", re.IGNORECASE | re.DOTALL)


# Templates no browser shows, with the reason: no Content-Security-Policy applies to them.
NOT_PAGES = {
    # Rendered by WeasyPrint into the licence's PDF; the PDF is downloaded, never shown as a page.
    "licenses/certificate.html",
}


def page_templates() -> list[Path]:
    """Every template a browser shows. E-mails are left out: they are read in mail programs, which need inline
    styles, and no Content-Security-Policy applies to them; so are the `NOT_PAGES`."""
    return [
        path
        for path in sorted(TEMPLATES.rglob("*.html"))
        if "email" not in path.relative_to(TEMPLATES).parts
        and path.stem != "email"
        and str(path.relative_to(TEMPLATES)) not in NOT_PAGES
    ]


def offences(pattern: re.Pattern) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}: {match.group(0)[:80]!r}"
        for path in page_templates()
        for match in pattern.finditer(path.read_text())
    ]


def test_the_template_scan_sees_the_pages_and_leaves_out_the_emails():
    scanned = {str(path.relative_to(TEMPLATES)) for path in page_templates()}
    assert {"base.html", "404.html", "dashboard/dashboard.html", "admin/base_site.html"} <= scanned
    assert "families/email/confirm.html" not in scanned
    assert "notifications/email.html" not in scanned


@pytest.mark.parametrize(
    ("pattern", "snippet"),
    [
        (INLINE_SCRIPT, "<script>alert(1)</script>"),
        (INLINE_SCRIPT, '<script type="module">'),
        (EVENT_HANDLER, '<button type="button" onclick="go()">'),
        (EVENT_HANDLER, '<img src="x.png"\n     onerror="go()">'),
        (INLINE_STYLE, '<div class="x" style="color: red">'),
        (INLINE_STYLE, "<style>p { color: red }</style>"),
    ],
)
def test_the_scan_finds_what_the_policy_would_block(pattern, snippet):
    assert pattern.search(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/app.js"></script>',
        '<form method="post" action="/en/i18n/">',
        '<a href="#" data-action="open">',
        '<span class="notification">',
    ],
)
def test_the_scan_lets_through_what_the_policy_allows(snippet):
    assert not any(pattern.search(snippet) for pattern in (INLINE_SCRIPT, EVENT_HANDLER, INLINE_STYLE))


def test_no_template_has_an_inline_script():
    assert offences(INLINE_SCRIPT) == []


def test_no_template_has_an_inline_event_handler():
    assert offences(EVENT_HANDLER) == []


def test_no_template_has_an_inline_style():
    assert offences(INLINE_STYLE) == []
