import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from intaj_portal.env import env_bool, env_choice, env_int, env_list, env_rate
from tests.test_production import manage


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False


def test_env_bool_fails_loudly_on_a_typo(monkeypatch):
    monkeypatch.setenv("FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG", False)


def test_env_int_fails_loudly_on_words(monkeypatch):
    monkeypatch.setenv("COUNT", "five")
    with pytest.raises(ImproperlyConfigured, match="COUNT"):
        env_int("COUNT", 1)


def test_env_int_uses_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("COUNT", raising=False)
    assert env_int("COUNT", 7) == 7


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.ae, b.ae,,")
    assert env_list("HOSTS", []) == ["a.ae", "b.ae"]


def test_env_choice_refuses_an_unknown_value(monkeypatch):
    monkeypatch.setenv("DJANGO_ENV", "staging")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ENV"):
        env_choice("DJANGO_ENV", "development", {"development", "production"})


def check_with(**settings_env):
    """`manage.py check` in the embedded default, with `settings_env` set."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CELERY_", "DATABASE"))}
    env.pop("PYTEST_CURRENT_TEST", None)
    env.update(settings_env)
    return manage("check", env=env)


def test_settings_refuse_a_claim_timeout_a_running_attempt_could_outlast():
    result = check_with(CELERY_TASK_TIME_LIMIT_SECONDS="600", NOTIFICATION_CLAIM_TIMEOUT_SECONDS="620")
    assert result.returncode != 0
    assert "NOTIFICATION_CLAIM_TIMEOUT_SECONDS (620) must be longer than" in result.stderr


def test_settings_accept_a_claim_timeout_past_the_time_limit_and_its_margin():
    result = check_with(CELERY_TASK_TIME_LIMIT_SECONDS="60", NOTIFICATION_CLAIM_TIMEOUT_SECONDS="91")
    assert result.returncode == 0, result.stderr


def test_settings_refuse_a_soft_time_limit_that_is_not_shorter_than_the_hard_one():
    result = check_with(CELERY_TASK_TIME_LIMIT_SECONDS="60", CELERY_TASK_SOFT_TIME_LIMIT_SECONDS="60")
    assert result.returncode != 0
    assert "CELERY_TASK_SOFT_TIME_LIMIT_SECONDS" in result.stderr


def test_env_rate_reads_a_count_over_a_period(monkeypatch):
    monkeypatch.setenv("LIMIT", " 5/30m ")
    assert env_rate("LIMIT", "3/15m") == "5/30m"
    monkeypatch.delenv("LIMIT")
    assert env_rate("LIMIT", "3/15m") == "3/15m"


@pytest.mark.parametrize("typo", ["3 per 15m", "3/15 minutes", "/h", "3"])
def test_env_rate_fails_loudly_on_a_typo(monkeypatch, typo):
    monkeypatch.setenv("LIMIT", typo)
    with pytest.raises(ImproperlyConfigured, match="LIMIT"):
        env_rate("LIMIT", "3/15m")
