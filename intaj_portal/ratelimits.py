"""Limits on how often one client may do something (django-ratelimit), counted in the cache per client address.

The client's address is read as django-axes is configured (`AXES_IPWARE_PROXY_COUNT`): behind N proxies, the N-th
address from the right of X-Forwarded-For, the one the proxies wrote themselves (the left of it is the client's
to forge); with no proxy, REMOTE_ADDR. A cache that is down or hangs never makes a page fail (the rule of
`intaj_portal/cache.py`): the limit is then not applied, and the outage is logged.
"""

import logging

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent `request`, as far as the portal's own proxies vouch for it."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT or 0
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_address_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit's `key`: one counter per client address."""
    return client_address(request)


def rate_limit_reached(request: HttpRequest, *, group: str, rate: str) -> bool:
    """Count this request against `group`'s limit for its client (e.g. "10/m") and say whether it goes over it.

    A cache failure lets the request through: a page that works without its limit for a while is better than no
    page at all, and the log says so.
    """
    try:
        return is_ratelimited(request, group=group, key=client_address_key, rate=rate, increment=True)
    except Exception:  # any cache failure: refused, timed out, unknown host
        logger.warning("Cache unavailable: rate limit %s not applied", group, exc_info=True)
        return False
