"""Limits on how often a client may do something: send an e-mail link, look up a licence.

The counters are django-ratelimit's, kept in the Django cache (with `CACHE_URL`, one Redis shared by every web
process; without it, each process counts on its own). A cache that is down or hangs lets the request through, after
at most one cache timeout: like every use of the cache (intaj_portal/cache.py), an outage must not break a page, and
for these pages the cost is that they are not limited while it lasts (docs/decisions.md).
"""

import ipaddress
import logging

from django.conf import settings
from django_ratelimit.core import get_usage, is_ratelimited

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    """The client's IP address, for login throttling (django-axes' AXES_CLIENT_IP_CALLABLE) and these limits.

    Behind `CLIENT_PROXY_COUNT` proxies, each of which appends the address it was reached from to X-Forwarded-For,
    the client's is that many parts from the right: what lies further left the client wrote itself, and can forge.
    With no proxy, or a header shorter than that, the address the connection came from.
    """
    remote = request.META.get("REMOTE_ADDR") or ""
    count = settings.CLIENT_PROXY_COUNT
    if count:
        parts = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(parts) >= count:
            try:
                return str(ipaddress.ip_address(parts[-count]))
            except ValueError:
                pass
    return remote


def _client_network(request) -> str:
    """An IPv6 client holds a whole /64: it is counted as one client, as django-ratelimit does."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False)) if parsed.version == 6 else address


def email_link_wait(request, *, purpose: str, email: str) -> int | None:
    """Count one more link sent for `purpose` to `email` from this client; return the seconds to wait when either
    limit (`EMAIL_LINK_LIMIT_PER_ADDRESS`, `EMAIL_LINK_LIMIT_PER_CLIENT`) is passed, else None.

    The address is counted whether or not an account has it, so the answer never says which addresses exist.
    """
    counted = [
        ("address", email.strip().lower(), settings.EMAIL_LINK_LIMIT_PER_ADDRESS),
        ("client", _client_network(request), settings.EMAIL_LINK_LIMIT_PER_CLIENT),
    ]
    wait = None
    for kind, value, rate in counted:
        try:
            usage = get_usage(
                request,
                group=f"{purpose}:{kind}",
                key=lambda _group, _request, value=value: value,
                rate=rate,
                increment=True,
            )
        except Exception:  # any cache failure: refused, timed out, unknown host
            logger.warning("Cache unavailable: %s not rate limited", purpose, exc_info=True)
            return None
        if usage is not None and usage["should_limit"]:
            wait = max(wait or 0, usage["time_left"], 1)
    return wait


def rate_limit_reached(request, *, group: str, rate: str) -> bool:
    """Count this request against `group`'s limit for its client (e.g. "10/m") and say whether it goes over it.

    A cache failure lets the request through: a page that works without its limit for a while is better than no
    page at all, and the log says so.
    """
    try:
        return is_ratelimited(
            request, group=group, key=lambda _group, _request: _client_network(_request), rate=rate, increment=True
        )
    except Exception:  # any cache failure: refused, timed out, unknown host
        logger.warning("Cache unavailable: rate limit %s not applied", group, exc_info=True)
        return False
