"""Fixtures of the restore drill (built from tests/backups/drill.py)."""

import pytest
from django.db import connection

from cases.models import EvidenceFile
from tests.backups.drill import (
    create_database,
    drop_database,
    key_environment,
    manage,
    operator_environment,
    seed,
)
from transfers.models import TransferMessage


@pytest.fixture
def drill_media(tmp_path, monkeypatch):
    """This test's own MEDIA_ROOT, with the evidence at MEDIA_ROOT/evidence as production lays
    it out: files other tests left in the shared test folder (some sealed with their own test
    keys) stay out of this backup."""
    media = tmp_path / "media"
    field_storages = {
        id(storage): storage
        for storage in (
            EvidenceFile._meta.get_field("file").storage,
            TransferMessage._meta.get_field("attachment").storage,
        )
    }
    for storage in field_storages.values():
        monkeypatch.setattr(storage, "location", str(media / "evidence"))
    return media


@pytest.fixture
def seeded(drill_media):
    return seed()


@pytest.fixture
def archive(seeded, drill_media, tmp_path):
    """`manage.py backup` of the test database, run as the operator runs it."""
    path = tmp_path / "equity-backup.tar"
    result = manage(
        "backup",
        "--output",
        str(path),
        environment=operator_environment(
            database=connection.settings_dict["NAME"],
            media_root=drill_media,
            keys=key_environment(),
        ),
    )
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def new_database():
    """A new, empty PostgreSQL database on the same server, dropped afterwards."""
    name = create_database()
    yield name
    drop_database(name)
