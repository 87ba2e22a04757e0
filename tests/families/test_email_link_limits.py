"""The e-mails anyone can ask for — a password reset link, the confirmation link again — are limited per e-mail
address (3 in 15 minutes) and per client address (10 in an hour), with a clear message and status 429, without
saying whether an account exists; the client address is read as login throttling reads it; and a cache that is
down lets requests through rather than failing them."""

import time

import pytest
from axes.helpers import get_client_ip_address
from django.core import mail
from django.test import RequestFactory

from intaj_portal.ratelimits import client_address

pytestmark = pytest.mark.django_db

RESET = "/{language}/account/password/reset/"
LIMITED = {
    "en": "the portal sends only a few links to one address",
    "ar": "لا ترسل البوابة إلا عدداً محدوداً من الروابط",
}


def reset(client, email, *, language="en", **headers):
    return client.post(RESET.format(language=language), {"email": email}, **headers)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_fourth_reset_link_for_one_address_within_15_minutes_is_refused(client, alice, language):
    for _ in range(3):
        assert reset(client, alice.email, language=language).status_code == 302
    response = reset(client, "ALICE@example.ae ", language=language)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 15 * 60 + 5
    assert LIMITED[language] in response.content.decode()
    assert 'data-testid="rate-limited"' in response.content.decode()
    assert len(mail.outbox) == 3


def test_the_refusal_says_nothing_about_whether_an_account_exists(client, alice):
    answers = {}
    for email in (alice.email, "nobody@example.ae"):
        for _ in range(3):
            reset(client, email)
        response = reset(client, email)
        answers[email] = (response.status_code, LIMITED["en"] in response.content.decode())
    assert answers == {alice.email: (429, True), "nobody@example.ae": (429, True)}
    assert len(mail.outbox) == 3  # only Alice's address has an account to send to


def test_an_eleventh_reset_from_one_client_within_an_hour_is_refused_whatever_the_address(client):
    for number in range(10):
        assert reset(client, f"family{number}@example.ae").status_code == 302
    assert reset(client, "family10@example.ae").status_code == 429
    assert reset(client, "family10@example.ae", REMOTE_ADDR="198.51.100.9").status_code == 302


def test_behind_a_proxy_each_client_is_counted_by_the_address_the_proxy_saw(client, settings):
    settings.CLIENT_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(10):
        # The left part is whatever the client sent: changing it does not make another client.
        forwarded = f"203.0.113.{number}, 198.51.100.7"
        assert reset(client, f"f{number}@example.ae", HTTP_X_FORWARDED_FOR=forwarded, **proxy).status_code == 302
    assert reset(client, "f10@example.ae", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7", **proxy).status_code == 429
    assert reset(client, "f10@example.ae", HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy).status_code == 302


def test_an_invalid_form_sends_nothing_and_counts_nothing(client, alice):
    for _ in range(5):
        assert reset(client, "not an address").status_code == 200
    assert reset(client, alice.email).status_code == 302


def test_the_confirmation_link_is_sent_again_at_most_three_times_in_15_minutes(client, alice):
    client.force_login(alice)
    for _ in range(3):
        assert client.post("/ar/account/confirm/resend/")["Location"] == "/ar/account/"
    response = client.post("/ar/account/confirm/resend/")
    assert response.status_code == 429
    assert response["Retry-After"]
    content = response.content.decode()
    assert LIMITED["ar"] in content
    assert "العودة إلى حسابي" in content
    assert len(mail.outbox) == 3


def test_reset_links_and_confirmation_links_are_counted_apart(client, alice):
    client.force_login(alice)
    for _ in range(3):
        client.post("/en/account/confirm/resend/")
    assert reset(client, alice.email).status_code == 302


def test_a_cache_that_is_down_lets_the_links_through(client, alice, settings):
    """Redis stopped (nothing listens on the port): every reset is still answered, and sent; none is limited."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    started = time.monotonic()
    answers = [reset(client, alice.email).status_code for _ in range(5)]
    elapsed = (time.monotonic() - started) / 5
    print(f"\nreset with the cache down: {elapsed * 1000:.0f} ms a request")
    assert answers == [302] * 5
    assert len(mail.outbox) == 5
    assert elapsed < 3


# The client's address


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "203.0.113.1", "198.51.100.7"),  # no proxy: the header is the client's own words
        (1, "10.0.0.2", "198.51.100.7", "198.51.100.7"),
        (1, "10.0.0.2", "203.0.113.1, 198.51.100.7", "198.51.100.7"),  # a forged left part is ignored
        (2, "10.0.0.3", "203.0.113.1, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (2, "10.0.0.3", "198.51.100.7", "10.0.0.3"),  # shorter than the proxies: the connection's address
        (1, "10.0.0.2", None, "10.0.0.2"),
        (1, "10.0.0.2", "203.0.113.1, not-an-address", "10.0.0.2"),
        (1, "10.0.0.2", "2001:db8::7", "2001:db8::7"),
    ],
)
def test_the_client_address_is_read_from_the_right_of_x_forwarded_for(settings, proxies, remote, forwarded, expected):
    settings.CLIENT_PROXY_COUNT = proxies
    assert client_address(request_from(remote, forwarded)) == expected


def test_login_throttling_reads_the_client_address_the_same_way(settings):
    settings.CLIENT_PROXY_COUNT = 1
    request = request_from("10.0.0.2", "203.0.113.1, 198.51.100.7")
    assert get_client_ip_address(request) == client_address(request) == "198.51.100.7"
