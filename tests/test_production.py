"""The production shape: Django's deployment checklist passes and the static files build for whitenoise."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CELERY_")) and key != "PYTEST_CURRENT_TEST"
    }
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="production-test-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS="intaj.example.ae",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/intaj",
        **extra,
    )
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_production_settings_pass_the_deployment_checklist_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_on_a_misspelt_boolean():
    result = manage("check", env=production_env(DJANGO_SECURE_SSL_REDIRECT="ture"))
    assert result.returncode != 0
    assert "DJANGO_SECURE_SSL_REDIRECT" in result.stderr


def test_static_files_build_with_hashed_names_for_whitenoise(tmp_path):
    result = manage("collectstatic", "--no-input", env=production_env(DJANGO_STATIC_ROOT=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/bootstrap/css/bootstrap.rtl.min.*.css"))
    assert list(tmp_path.glob("vendor/bootstrap/css/bootstrap.rtl.min.*.css.gz"))


def test_demo_accounts_are_never_loaded_in_production():
    result = manage("load_demo", env=production_env())
    assert result.returncode != 0
    assert "never loaded in production" in result.stderr
