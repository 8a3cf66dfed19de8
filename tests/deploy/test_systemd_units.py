"""The systemd units a district installs (deploy/systemd/): systemd itself reads them
without a complaint, they stay hardened, and each runs the production settings as the
unprivileged equity user with the environment file the example documents."""

import re
import subprocess
from pathlib import Path

import pytest

from tests.deploy import servers

SERVICES = (
    "equity-web.service",
    "equity-worker.service",
    "equity-beat.service",
    "equity-backup.service",
)
UNITS = (*SERVICES, "equity-backup.timer")
# systemd-analyze's exposure score, 0 (locked down) to 10 (unprotected), times ten: the units
# score 1.7 today; a lost protection pushes them past 2.5.
MAX_EXPOSURE = 25
# Read by the settings, but never set in production's environment file (it says why).
NOT_FOR_PRODUCTION = {
    "DJANGO_SETTINGS_MODULE",  # set by each unit's Environment=
    "DJANGO_READ_DOT_ENV_FILE",
    "DJANGO_DOT_ENV_FILE",
    "DJANGO_DEBUG",
    "CELERY_TASK_ALWAYS_EAGER",
    "DEMO_HISTORY_REPORTS_PER_SCHOOL",  # seed_demo only
}


def _units_on_this_checkout(folder: Path) -> list[Path]:
    """The shipped units with the installed checkout's path pointing at this one, whose .venv
    holds the gunicorn and celery their ExecStart names."""
    copies = []
    for name in UNITS:
        copy = folder / name
        copy.write_text(
            (servers.UNITS / name).read_text().replace(servers.INSTALLED_APP, str(servers.ROOT))
        )
        copies.append(copy)
    return copies


def test_systemd_reads_every_unit_without_a_complaint(systemd_analyze, tmp_path):
    result = subprocess.run(  # noqa: S603 - the system's systemd-analyze on our unit files
        [systemd_analyze, "verify", "--man=no", *map(str, _units_on_this_checkout(tmp_path))],
        capture_output=True,
        text=True,
        check=False,
    )

    # An unknown key or a bad value is only a warning to systemd: any output fails.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.mark.parametrize("name", SERVICES)
def test_each_unit_stays_hardened(systemd_analyze, tmp_path, name):
    unit = tmp_path / name
    unit.write_text((servers.UNITS / name).read_text())

    result = subprocess.run(  # noqa: S603 - the system's systemd-analyze on our unit file
        [
            systemd_analyze,
            "security",
            "--offline=yes",
            f"--threshold={MAX_EXPOSURE}",
            "--no-pager",
            str(unit),
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout[-2000:]


@pytest.mark.parametrize("name", SERVICES)
def test_each_unit_runs_the_production_settings_as_equity_and_restarts_on_failure(name):
    service = servers.unit_service(name)

    assert service["User"] == "equity"
    assert service["Environment"] == "DJANGO_SETTINGS_MODULE=config.settings.production"
    assert service["EnvironmentFile"] == "/etc/equity/equity.env"
    assert service["Restart"] == "on-failure"
    assert service["WorkingDirectory"] == servers.INSTALLED_APP
    assert service["ProtectSystem"] == "strict"
    assert service["NoNewPrivileges"] == "yes"


def test_beat_keeps_its_schedule_in_its_own_state_directory():
    service = servers.unit_service("equity-beat.service")

    assert "--schedule /var/lib/equity-beat/" in service["ExecStart"]
    assert service["StateDirectory"] == "equity-beat"
    assert "ReadWritePaths" not in service  # it touches no evidence


def test_the_nightly_backup_writes_only_its_folder_and_prunes_only_after_a_backup():
    service = servers.unit_service("equity-backup.service")
    timer = (servers.UNITS / "equity-backup.timer").read_text()

    assert service["Type"] == "oneshot"
    assert "manage.py backup --output" in service["ExecStart"]
    # ExecStartPost runs only when ExecStart succeeded: a failed night deletes nothing.
    assert "-delete" in service["ExecStartPost"]
    assert service["ReadWritePaths"] == "/var/backups/equity"
    assert "OnCalendar=*-*-* 02:30:00" in timer
    assert "Persistent=true" in timer


def test_the_example_environment_names_every_variable_production_reads():
    read = set()
    for source in (
        "config/settings/base.py",
        "config/settings/production.py",
        "config/gunicorn.py",
    ):
        text = (servers.ROOT / source).read_text()
        read |= set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]+)\"", text))
        read |= set(re.findall(r"os\.environ\.get\(\"([A-Z][A-Z0-9_]+)\"", text))
    read |= {"PRIVACY_ENCRYPTION_KEYS", "PRIVACY_ACTIVE_KEY_ID"}
    read |= {"PRIVACY_BLIND_INDEX_KEY", "PRIVACY_RECEIPT_KEY"}
    example = (servers.DEPLOY / "equity.env.example").read_text()
    # A variable may be shown commented out when an empty value would not mean "unset".
    named = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE))

    assert read - NOT_FOR_PRODUCTION - named == set()
    assert named - read == set()
    assert "DATABASE_URL" in read  # the patterns still match
    assert "GUNICORN_BIND" in read


def test_equity_manage_runs_manage_py_as_the_units_run_their_processes():
    script = servers.DEPLOY / "equity-manage"
    text = script.read_text()
    web = servers.unit_service("equity-web.service")

    # POSIX sh parses our script without running it.
    syntax = subprocess.run(  # noqa: S603
        ["/bin/sh", "-n", str(script)], capture_output=True, text=True, check=False
    )

    assert (syntax.returncode, syntax.stderr) == (0, "")
    assert f"--uid={web['User']}" in text
    assert f"--property=EnvironmentFile={web['EnvironmentFile']}" in text
    assert f"--setenv={web['Environment']}" in text
    assert f"APP={servers.INSTALLED_APP}" in text
