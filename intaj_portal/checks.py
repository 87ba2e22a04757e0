"""System checks of the portal's own settings, run by `manage.py check` (`--deploy` for the production ones)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_check(app_configs, **kwargs):
    """E-mails link to SITE_URL: in production it must be the portal's public address, given, never guessed."""
    site_url = settings.SITE_URL
    if not site_url:
        return [
            Error(
                "SITE_URL is not set: the links in e-mails (password reset, confirmation, notifications) would point "
                "nowhere.",
                hint="Set SITE_URL to the portal's public address, e.g. https://intaj.sssd.shj.ae",
                id="intaj_portal.E001",
            )
        ]
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [
            Error(
                f"SITE_URL {site_url!r} is not an absolute http(s) address.",
                hint="Set SITE_URL to the portal's public address, e.g. https://intaj.sssd.shj.ae",
                id="intaj_portal.E002",
            )
        ]
    if parts.scheme != "https":
        return [
            Warning(
                f"SITE_URL {site_url!r} is not https: e-mailed links would be sent in clear.", id="intaj_portal.W001"
            )
        ]
    return []


@register(Tags.security, deploy=True)
def uaepass_check(app_configs, **kwargs):
    """Sign in with UAE PASS in production: over HTTPS both ways, and never against the portal's own stand-in."""
    problems = []
    if settings.UAEPASS_STANDIN and settings.PRODUCTION:
        problems.append(
            Error(
                "UAEPASS_STANDIN is on in production: anybody could sign in as a demo identity.",
                hint="Unset UAEPASS_STANDIN and set UAEPASS_BASE_URL to https://id.uaepass.ae",
                id="intaj_portal.E003",
            )
        )
    if not (settings.UAEPASS_CLIENT_ID and settings.UAEPASS_CLIENT_SECRET and settings.UAEPASS_BASE_URL):
        return problems
    if urlsplit(settings.SITE_URL).scheme != "https":
        problems.append(
            Warning(
                "Sign in with UAE PASS is on but its redirect addresses are not https "
                f"(SITE_URL {settings.SITE_URL!r}): the sign-in code would travel in clear, and UAE PASS refuses "
                "such addresses in production.",
                hint="Set SITE_URL to the portal's https address.",
                id="intaj_portal.W002",
            )
        )
    if urlsplit(settings.UAEPASS_BASE_URL).scheme != "https":
        problems.append(
            Warning(
                f"UAEPASS_BASE_URL {settings.UAEPASS_BASE_URL!r} is not https: the client secret and the tokens would "
                "travel in clear.",
                hint="https://stg-id.uaepass.ae (staging) or https://id.uaepass.ae (production).",
                id="intaj_portal.W003",
            )
        )
    return problems
