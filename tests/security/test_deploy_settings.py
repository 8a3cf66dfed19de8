"""The production settings pass Django's deployment checklist with no warning."""

import os
import subprocess  # runs manage.py with fixed arguments
import sys
from pathlib import Path

from privacy.keyring import generate_env_lines

ROOT = Path(__file__).resolve().parents[2]


def _production_environment() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PRIVACY_", "DJANGO_", "DATABASE_"))
    }
    for line in generate_env_lines().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key.strip()] = value.strip()
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "s" * 20 + "0123456789abcdefghijklmnopqrstuvwxyzABCDEF",
            "DJANGO_ALLOWED_HOSTS": "reports.example.org",
            "CSRF_TRUSTED_ORIGINS": "https://reports.example.org",
            # Only parsed, never connected to: `check --deploy` does not open the database.
            "DATABASE_URL": "postgres://equity:unused@db.invalid:5432/equity",
        }
    )
    return env


def test_check_deploy_is_clean_with_the_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_environment(),
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def _production_setting(expression: str) -> str:
    result = subprocess.run(  # noqa: S603 - a fixed expression from this module, no input
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; print({expression})",
        ],
        cwd=ROOT,
        env=_production_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_dead_database_connection_is_replaced_before_a_request_uses_it():
    assert _production_setting('settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]') == "True"


def test_the_csrf_cookie_ends_with_the_browser_session():
    assert _production_setting("settings.CSRF_COOKIE_AGE") == "None"
