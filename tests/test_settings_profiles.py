"""The settings module's profiles, each loaded in a fresh interpreter with its own environment."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.unit


def run_manage(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "socialrx", *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_production_profile_passes_the_deploy_check_without_warnings(tmp_path):
    result = run_manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        SOCIALRX_ENV="production",
        SECRET_KEY="a-long-random-production-secret-" + "k" * 40,
        MFA_ENCRYPTION_KEY="0yH6f7qzYvV8z3H8mJmXc2wTQd9F1sKp4Lr5NbGc7Ew=",
        ALLOWED_HOSTS="socialrx.example.org",
        SOCIALRX_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_profile_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_manage(
        ["check"], SOCIALRX_ENV="production", SECRET_KEY="", SOCIALRX_VAR_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_profile_refuses_to_start_without_an_mfa_encryption_key(tmp_path):
    result = run_manage(
        ["check"],
        SOCIALRX_ENV="production",
        SECRET_KEY="a-long-random-production-secret-" + "k" * 40,
        MFA_ENCRYPTION_KEY="",
        SOCIALRX_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "MFA_ENCRYPTION_KEY must be set" in result.stderr


def test_hospital_sso_and_doximity_are_configured_from_the_environment(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "apps = settings.SOCIALACCOUNT_PROVIDERS['openid_connect']['APPS'];"
        "print(sorted(app['provider_id'] for app in apps))"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="socialrx.settings",
        SOCIALRX_VAR_DIR=str(tmp_path),
        OIDC_CLIENT_ID="socialrx",
        OIDC_SERVER_URL="https://login.microsoftonline.com/tenant/v2.0",
        OIDC_PROVIDER_ID="entra",
        DOXIMITY_CLIENT_ID="doximity-client",
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['doximity', 'entra']"
