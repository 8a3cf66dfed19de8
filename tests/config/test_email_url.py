"""A district points e-mail at its relay with one EMAIL_URL (README, "Production")."""

import os
import subprocess  # a fresh interpreter reads the settings as a real process does
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT_MAIL_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_HOST_USER, s.EMAIL_BACKEND)"
)


def _mail_settings(**variables: str) -> list[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("EMAIL_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", **variables)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRINT_MAIL_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_email_url_sets_the_relay_its_port_tls_and_account():
    host, port, tls, user, backend = _mail_settings(
        EMAIL_URL="smtp+tls://mailer:s3cret@relay.example.org:587",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    )

    assert (host, port, tls, user) == ("relay.example.org", "587", "True", "mailer")
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
