"""The public verification page: its three answers, what it never shows, the links it refuses, the limit on typed
look-ups, and a cache that is down or hangs."""

import datetime
import socket
import time
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.utils import timezone

from licenses import services
from licenses.models import Licence
from tests.factories import HouseholdMemberFactory
from tests.licenses.factories import licence_for

pytestmark = pytest.mark.django_db

LOOKUP = "/{language}/verify/"


@pytest.fixture
def licence(alice_family):
    """Alice's licence, issued a month ago: valid."""
    alice = alice_family.user
    alice.mobile = "+971501234567"
    alice.save(update_fields=["mobile"])
    alice_family.sssd_file_number = "SSSD-2019-04411"
    alice_family.save(update_fields=["sssd_file_number"])
    HouseholdMemberFactory(profile=alice_family, name="Fatima Ahmed Al Shamsi")
    return licence_for(
        family=alice_family, issued_on=timezone.localdate() - datetime.timedelta(days=30), number="SHJ-2026-0417"
    )


@pytest.fixture
def expired_licence(charlie_family):
    return licence_for(family=charlie_family, issued_on=timezone.localdate() - datetime.timedelta(days=400))


@pytest.fixture
def frozen_clock(monkeypatch):
    """django-ratelimit's clock, stopped in the middle of a minute (a look-up burst never straddles two windows)
    and moved on by hand: `frozen_clock.now += 60`."""
    clock = SimpleNamespace(now=1_800_000_030.0)
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: clock.now))
    return clock


def personal_data_of(family) -> list[str]:
    """Every personal detail of the family that a page might leak."""
    user = family.user
    values = [
        family.full_name_ar,
        family.full_name_en,
        family.emirates_id,
        family.emirates_id.replace("-", ""),
        family.address,
        family.area,
        family.sssd_file_number,
        family.date_of_birth.isoformat(),
        user.email,
        user.mobile,
        user.mobile.removeprefix("+971"),
        *[member.name for member in family.household_members.all()],
    ]
    return [value for value in values if value]


def answer_of(response, *, state: str, status: int) -> str:
    """The page's body, once it is checked to answer `state` ("valid", "expired", "unknown") with `status`."""
    assert response.status_code == status
    body = response.content.decode()
    assert f'data-state="{state}"' in body
    return body


def state_of(response) -> str:
    return response.context["verification"] and ("valid" if response.context["verification"].is_valid else "expired")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_qr_link_of_a_valid_licence_says_valid_with_trade_name_package_and_dates(client, licence, language):
    response = client.get(f"/{language}/verify/{licence.verification_token}/")
    body = answer_of(response, state="valid", status=200)
    assert "عطور مريم" in body and "Maryam Perfumes" in body
    assert ("باقة طيب" if language == "ar" else "Tayeb") in body
    assert "SHJ-2026-0417" in body
    assert ("رخصة سارية" if language == "ar" else "Valid licence") in body
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


def test_qr_link_of_an_expired_licence_says_expired(client, expired_licence):
    response = client.get(f"/en/verify/{expired_licence.verification_token}/")
    assert response.status_code == 200
    assert 'data-state="expired"' in response.content.decode()
    assert "Expired licence" in response.content.decode()


def test_a_licence_past_its_last_day_is_expired_before_the_nightly_task_marks_it(client, licence):
    Licence.objects.filter(pk=licence.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    assert Licence.objects.get(pk=licence.pk).status == Licence.Status.ACTIVE
    response = client.get(f"/en/verify/{licence.verification_token}/")
    assert 'data-state="expired"' in response.content.decode()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_unknown_link_says_no_licence_is_found(client, licence, language):
    body = answer_of(client.get(f"/{language}/verify/not-a-token-of-any-licence/"), state="unknown", status=404)
    assert ("لم يُعثر على رخصة" if language == "ar" else "No licence found") in body
    assert "SHJ-2026-0417" not in body


def test_pages_show_nothing_personal_about_the_family(client, licence):
    pages = [
        client.get(f"/ar/verify/{licence.verification_token}/"),
        client.get(f"/en/verify/{licence.verification_token}/"),
        client.post("/ar/verify/", {"number": licence.number}),
        client.post("/en/verify/", {"number": licence.number}),
    ]
    personal = personal_data_of(licence.family)
    assert len(personal) >= 10
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        assert "Maryam Perfumes" in body  # the licence is there…
        for value in personal:  # …and nothing of the family that holds it
            assert value not in body


def test_each_link_opens_its_own_licence_only(client, licence, expired_licence):
    body = client.get(f"/en/verify/{expired_licence.verification_token}/").content.decode()
    assert expired_licence.number in body
    assert licence.number not in body


def test_the_old_link_is_refused_once_staff_issue_a_new_one(client, licence, reviewer):
    old_token = licence.verification_token
    renewed = services.licence_verification_link_renew(licence=licence, actor=reviewer, reason="Certificate lost")
    assert renewed.verification_token != old_token
    refused = client.get(f"/en/verify/{old_token}/")
    assert refused.status_code == 404
    assert 'data-state="unknown"' in refused.content.decode()
    assert client.get(f"/en/verify/{renewed.verification_token}/").status_code == 200


@pytest.mark.parametrize("accept_language, language", [("en", "en"), ("ar", "ar"), ("fr", "ar")])
def test_the_qr_code_address_has_no_language_and_opens_in_the_visitors_own(client, licence, accept_language, language):
    url = services.licence_verification_url(licence=licence)
    path = url.removeprefix("http://127.0.0.1:8000")
    assert path == f"/verify/{licence.verification_token}/"
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/verify/{licence.verification_token}/"


def test_verification_reads_a_fixed_number_of_queries(client, licence, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get(f"/en/verify/{licence.verification_token}/")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_look_up_form_is_open_to_anyone_and_linked_from_every_page(client, language):
    response = client.get(f"/{language}/verify/")
    assert response.status_code == 200
    assert 'data-testid="lookup-form"' in response.content.decode()
    assert f'href="/{language}/verify/"' in client.get(f"/{language}/").content.decode()


@pytest.mark.parametrize(
    "typed", ["SHJ-2026-0417", "shj-2026-0417", " SHJ-2026-0417 ", "SHJ-٢٠٢٦-٠٤١٧", "SHJ - 2026 - 0417"]
)
def test_a_typed_number_finds_the_licence_however_it_is_typed(client, licence, typed):
    response = client.post("/en/verify/", {"number": typed})
    assert response.status_code == 200
    assert state_of(response) == "valid"


def test_a_typed_number_of_an_expired_licence_says_expired(client, expired_licence):
    response = client.post("/en/verify/", {"number": expired_licence.number})
    assert state_of(response) == "expired"


def test_a_typed_unknown_number_says_no_licence_is_found(client, licence):
    response = client.post("/en/verify/", {"number": "SHJ-1999-0000"})
    assert response.status_code == 200
    assert 'data-state="unknown"' in response.content.decode()


def test_an_empty_look_up_is_refused_with_a_message(client):
    response = client.post("/en/verify/", {"number": "  "})
    assert response.status_code == 400
    assert "Enter the licence number printed on the certificate." in response.content.decode()


def test_it_rejects_other_methods(client, licence):
    assert client.put("/en/verify/").status_code == 405
    assert client.post(f"/en/verify/{licence.verification_token}/").status_code == 405


def look_up(client, number="SHJ-2026-0417", **headers):
    return client.post("/en/verify/", {"number": number}, **headers)


def test_the_eleventh_look_up_in_a_minute_is_refused_then_allowed_again(client, licence, frozen_clock):
    answers = [look_up(client, REMOTE_ADDR="198.51.100.7").status_code for _ in range(10)]
    assert answers == [200] * 10
    refused = look_up(client, REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    body = refused.content.decode()
    assert "You have looked up many licence numbers in a short time" in body
    assert "Maryam Perfumes" not in body  # the refused look-up answers nothing
    # Another client is not held back, and a minute later this one may look up again.
    assert look_up(client, REMOTE_ADDR="198.51.100.8").status_code == 200
    frozen_clock.now += 60
    assert look_up(client, REMOTE_ADDR="198.51.100.7").status_code == 200


def test_the_refusal_is_said_in_arabic_on_the_arabic_page(client, licence, frozen_clock):
    for _ in range(10):
        client.post("/ar/verify/", {"number": licence.number})
    refused = client.post("/ar/verify/", {"number": licence.number})
    assert refused.status_code == 429
    assert "بحثتم عن أرقام رخص كثيرة في وقت قصير" in refused.content.decode()


def test_qr_links_are_not_counted_against_the_limit(client, licence, frozen_clock):
    for _ in range(15):
        assert client.get(f"/en/verify/{licence.verification_token}/").status_code == 200
    assert look_up(client).status_code == 200


def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_saw(client, licence, frozen_clock, settings):
    settings.CLIENT_PROXY_COUNT = 1
    # The client writes whatever it likes on the left of X-Forwarded-For; the proxy appends the real address.
    answers = [
        look_up(client, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7").status_code
        for n in range(11)
    ]
    assert answers == [200] * 10 + [429]
    assert look_up(client, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 200


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_cache_at(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/14",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def test_a_cache_that_is_down_lets_look_ups_through(client, licence, settings, caplog):
    settings.CACHES = redis_cache_at(free_port())  # nothing listens there: every connection is refused
    answers = [look_up(client).status_code for _ in range(12)]
    assert answers == [200] * 12
    assert "rate limit licence-lookup not applied" in caplog.text


def test_a_cache_that_hangs_delays_a_look_up_but_never_fails_it(client, licence, settings):
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        settings.CACHES = redis_cache_at(silent.getsockname()[1])
        started = time.perf_counter()
        response = look_up(client)
        elapsed = time.perf_counter() - started
    print(f"\nlook-up with a hung cache answered in {elapsed:.2f} s")
    assert response.status_code == 200
    assert state_of(response) == "valid"
    assert elapsed < 3
