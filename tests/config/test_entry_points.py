"""Every process names its settings: without DJANGO_SETTINGS_MODULE, manage.py, the WSGI
application, the Celery worker and beat refuse to start with one clear line
(config/settings_module.py). And the local .env is read only when DJANGO_READ_DOT_ENV_FILE=1.

Each case runs in a fresh interpreter, as the real processes do; pytest itself has the variable.
"""

import os
import subprocess  # the project's own entry points, with fixed arguments
import sys
from pathlib import Path

import pytest

from config.settings_module import EXIT_STATUS, MISSING_MESSAGE, require_settings_module
from privacy.keyring import generate_env_lines

ROOT = Path(__file__).resolve().parents[2]
TEST_SETTINGS = "config.settings.test"
REFUSAL = f"error: {MISSING_MESSAGE}"

# What decides which settings and which keys a process gets; each test sets its own.
CHOOSING_VARIABLES = ("DJANGO_SETTINGS_MODULE", "DJANGO_READ_DOT_ENV_FILE", "DJANGO_DOT_ENV_FILE")


def _run(args: list[str], **variables: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in CHOOSING_VARIABLES and not key.startswith("PRIVACY_")
    }
    env.update(variables)
    return subprocess.run(  # noqa: S603
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


ENTRY_POINTS = {
    "manage.py": [sys.executable, "manage.py", "check"],
    "wsgi": [sys.executable, "-c", "import config.wsgi"],
    "celery app": [sys.executable, "-c", "from config.celery import app"],
    "celery worker": [sys.executable, "-m", "celery", "-A", "config", "worker"],
    "celery beat": [sys.executable, "-m", "celery", "-A", "config", "beat"],
}


@pytest.mark.parametrize("args", ENTRY_POINTS.values(), ids=ENTRY_POINTS.keys())
def test_an_entry_point_refuses_to_start_without_a_settings_module(args):
    result = _run(args)

    assert result.returncode == EXIT_STATUS, result.stdout + result.stderr
    assert result.stderr.splitlines() == [REFUSAL]
    assert result.stdout == ""


def test_a_blank_settings_module_is_refused_too():
    result = _run(ENTRY_POINTS["manage.py"], DJANGO_SETTINGS_MODULE=" ")

    assert result.returncode == EXIT_STATUS
    assert result.stderr.splitlines() == [REFUSAL]


def test_gunicorn_stops_instead_of_restarting_workers_without_a_settings_module():
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    result = _run(
        [gunicorn, "-c", "config/gunicorn.py", "--no-control-socket", "config.wsgi"],
        GUNICORN_BIND="127.0.0.1:0",
        GUNICORN_WORKERS="1",
    )

    assert result.returncode == EXIT_STATUS, result.stderr
    assert REFUSAL in result.stderr.splitlines()
    assert "App failed to load" in result.stderr


def test_manage_py_starts_with_a_named_settings_module():
    result = _run(ENTRY_POINTS["manage.py"], DJANGO_SETTINGS_MODULE=TEST_SETTINGS)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_wsgi_application_loads_with_a_named_settings_module():
    code = (
        "import gc, config.wsgi;"
        "print(type(config.wsgi.application).__name__, gc.get_freeze_count() > 10000)"
    )
    result = _run([sys.executable, "-c", code], DJANGO_SETTINGS_MODULE=TEST_SETTINGS)

    assert result.returncode == 0, result.stderr
    # What start-up loaded is kept out of the garbage collector's full passes.
    assert result.stdout.split() == ["WSGIHandler", "True"]


def test_the_celery_app_reads_the_named_django_settings():
    code = "from config.celery import app; print(app.conf.task_acks_late, app.conf.broker_url)"
    result = _run(
        [sys.executable, "-c", code],
        DJANGO_SETTINGS_MODULE=TEST_SETTINGS,
        CELERY_BROKER_URL="redis://127.0.0.1:6379/15",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "redis://127.0.0.1:6379/15"]


def test_the_celery_command_loads_the_app_with_a_named_settings_module():
    result = _run(
        [sys.executable, "-m", "celery", "-A", "config", "report"],
        DJANGO_SETTINGS_MODULE=TEST_SETTINGS,
    )

    assert result.returncode == 0, result.stderr
    assert "transport:redis" in result.stdout


def test_require_settings_module_returns_the_named_module(monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "config.settings.production")
    assert require_settings_module() == "config.settings.production"

    monkeypatch.delenv("DJANGO_SETTINGS_MODULE")
    with pytest.raises(SystemExit) as exit_info:
        require_settings_module()
    assert exit_info.value.code == EXIT_STATUS
    assert capsys.readouterr().err == REFUSAL + "\n"


def _dot_env_keys(path: Path) -> dict[str, str]:
    lines = generate_env_lines().splitlines()
    path.write_text("\n".join(lines) + "\n")
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


PRINT_RECEIPT_KEY = (
    "from django.conf import settings; from privacy.keyring import encode_key; "
    "print(encode_key(settings.PRIVACY_RECEIPT_KEY))"
)


@pytest.mark.parametrize("settings_module", ["config.settings.dev", TEST_SETTINGS])
def test_dot_env_is_ignored_unless_asked_for(tmp_path, settings_module):
    keys = _dot_env_keys(tmp_path / ".env")

    result = _run(
        [sys.executable, "-c", PRINT_RECEIPT_KEY],
        DJANGO_SETTINGS_MODULE=settings_module,
        DJANGO_DOT_ENV_FILE=str(tmp_path / ".env"),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() != keys["PRIVACY_RECEIPT_KEY"]
    assert "PRIVACY_RECEIPT_KEY is not set; using a throwaway key" in result.stderr


def test_dot_env_is_read_with_django_read_dot_env_file(tmp_path):
    keys = _dot_env_keys(tmp_path / ".env")

    result = _run(
        [sys.executable, "-c", PRINT_RECEIPT_KEY],
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DJANGO_READ_DOT_ENV_FILE="1",
        DJANGO_DOT_ENV_FILE=str(tmp_path / ".env"),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == keys["PRIVACY_RECEIPT_KEY"]
