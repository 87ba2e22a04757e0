"""The production shape: Django's deployment checklist passes and the static files build for whitenoise."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CELERY_")) and key not in ("PYTEST_CURRENT_TEST", "SITE_URL")
    }
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="production-test-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS="intaj.example.ae",
        SITE_URL="https://intaj.example.ae",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/intaj",
    )
    env.update(extra)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_production_settings_pass_the_deployment_checklist_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("site_url", "check"),
    [
        (None, "intaj_portal.E001"),
        ("intaj.example.ae", "intaj_portal.E002"),
        ("http://intaj.example.ae", "intaj_portal.W001"),
    ],
    ids=["missing", "not-an-address", "not-https"],
)
def test_the_deployment_checklist_fails_without_the_sites_public_address(site_url, check):
    env = production_env()
    if site_url is None:
        del env["SITE_URL"]
    else:
        env["SITE_URL"] = site_url
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert check in result.stderr


def test_make_check_deploy_passes_with_its_own_site_url():
    """`make check-deploy` with nothing set but the environment of a shell: it supplies the settings it needs."""
    env = production_env()
    for name in ("DJANGO_ENV", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "SITE_URL"):
        del env[name]
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", "install", "check-deploy", f"PY={sys.executable}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_make_run_sends_links_to_the_address_it_serves_on():
    """`make run PORT=8801`: the e-mailed links point to port 8801, the settings read as the command runs them."""
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    recipe = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", "demo", "run", "PORT=8801", f"PY={sys.executable}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (line,) = [line for line in recipe.splitlines() if "runserver" in line]
    command = line.replace(
        "runserver 127.0.0.1:8801", 'shell -c "from django.conf import settings; print(settings.SITE_URL)"'
    )
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8801", result.stderr


def test_the_language_cookie_has_the_session_cookies_flags_in_production():
    script = (
        "from django.test import Client; "
        "response = Client().post('/i18n/setlang/', {'language': 'en', 'next': '/en/'}, "
        "secure=True, HTTP_HOST='intaj.example.ae'); "
        "cookie = response.cookies['django_language']; "
        "print(response.status_code, bool(cookie['secure']), cookie['samesite'], bool(cookie['httponly']))"
    )
    # Nothing here reads the database; were anything to, it would find no server rather than the shared one.
    env = production_env(DATABASE_URL="postgres://postgres@127.0.0.1:1/intaj_headers_unused")
    result = manage("shell", "-c", script, env=env)
    assert result.stdout.strip().splitlines()[-1].split() == ["302", "True", "Lax", "True"], result.stderr


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


def test_production_refuses_the_uae_pass_stand_in_and_never_mounts_it():
    result = manage("check", "--deploy", env=production_env(UAEPASS_STANDIN="true"))
    assert result.returncode != 0
    assert "intaj_portal.E003" in result.stderr
    mounted = manage(
        "shell",
        "-c",
        "from intaj_portal.urls import urlpatterns; print(len(urlpatterns))",
        env=production_env(UAEPASS_STANDIN="true"),
    )
    without = manage(
        "shell", "-c", "from intaj_portal.urls import urlpatterns; print(len(urlpatterns))", env=production_env()
    )
    assert mounted.stdout.split()[-1] == without.stdout.split()[-1]


def test_production_with_uae_pass_over_https_passes_the_checklist():
    env = production_env(
        UAEPASS_BASE_URL="https://stg-id.uaepass.ae", UAEPASS_CLIENT_ID="sandbox_stage", UAEPASS_CLIENT_SECRET="secret"
    )
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr
    insecure = manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**env, "UAEPASS_BASE_URL": "http://id.example"}
    )
    assert "intaj_portal.W003" in insecure.stderr
