"""What the operator is told when a backup or restore cannot run at all."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

pytestmark = pytest.mark.django_db


def test_an_existing_archive_is_never_overwritten(tmp_path):
    existing = tmp_path / "equity-2026-11-29.tar"
    existing.write_bytes(b"yesterday")

    with pytest.raises(CommandError, match="already exists: give each backup a new name"):
        call_command("backup", "--output", str(existing))

    assert existing.read_bytes() == b"yesterday"


only_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the refusal of a SQLite database"
)
PRODUCTION_IS_POSTGRESQL = "not PostgreSQL \\(production runs on PostgreSQL\\)"


@only_sqlite
def test_a_backup_of_sqlite_is_refused_and_says_production_is_postgresql(tmp_path):
    with pytest.raises(CommandError, match=PRODUCTION_IS_POSTGRESQL):
        call_command("backup", "--output", str(tmp_path / "new.tar"))

    assert list(tmp_path.iterdir()) == []


@only_sqlite
def test_a_restore_into_sqlite_is_refused_and_says_production_is_postgresql(tmp_path):
    with pytest.raises(CommandError, match=PRODUCTION_IS_POSTGRESQL):
        call_command("restore", str(tmp_path / "backup.tar"))
