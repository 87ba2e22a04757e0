"""The client address rate limits count by: read as django-axes is configured, never as the client claims."""

import pytest
from django.test import RequestFactory

from intaj_portal.ratelimits import client_address


def request_from(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/en/verify/", **headers)


def test_without_proxies_it_is_the_connections_address_whatever_the_headers_say(settings):
    settings.AXES_IPWARE_PROXY_COUNT = None
    assert client_address(request_from("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "203.0.113.1, 198.51.100.7", "198.51.100.7"),  # a forged left part is ignored
        (2, "203.0.113.1, 198.51.100.7, 10.0.0.5", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.1"),  # fewer parts than proxies: the request did not come through them
        (1, "", "10.0.0.1"),
    ],
)
def test_behind_proxies_it_is_the_address_the_outermost_proxy_saw(settings, proxies, forwarded, expected):
    settings.AXES_IPWARE_PROXY_COUNT = proxies
    assert client_address(request_from("10.0.0.1", forwarded)) == expected
