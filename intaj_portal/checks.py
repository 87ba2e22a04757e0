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
