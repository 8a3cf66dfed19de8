"""The restore drill: back up, restore into a new database and folder, read everything back.

Each step is the operator's own command in its own process (production settings, keys from
the environment). PostgreSQL only: backups are pg_dump archives, and production runs on it.
"""

import base64
import json
import stat

import pytest
from django.conf import settings
from django.db import connection

from privacy.keyring import encode_key, new_key
from tests.backups.drill import (
    NARRATIVE,
    files_under,
    key_environment,
    manage,
    operator_environment,
    run,
    tables_in,
)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="backups are pg_dump archives: the drill needs PostgreSQL (DATABASE_URL=postgres://...)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def every_key() -> list[bytes]:
    return [
        *settings.PRIVACY_ENCRYPTION_KEYS.values(),
        settings.PRIVACY_BLIND_INDEX_KEY,
        settings.PRIVACY_RECEIPT_KEY,
    ]


def test_a_backup_restores_into_a_new_database_and_reads_back_through_the_models(
    seeded, archive, new_database, tmp_path
):
    content = archive.read_bytes()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert NARRATIVE.encode() not in content
    for key in every_key():
        for form in (key, encode_key(key).encode(), base64.b64encode(key), key.hex().encode()):
            assert form not in content
    restored_media = tmp_path / "restored-media"
    operator = operator_environment(
        database=new_database, media_root=restored_media, keys=key_environment()
    )

    restored = manage(
        "restore", str(archive), "--media-root", str(restored_media), environment=operator
    )

    assert restored.returncode == 0, restored.stderr
    assert "cases.Report: " in restored.stdout
    assert "Evidence files into " in restored.stdout
    assert "Restore complete; counts match the backup." in restored.stdout
    read_back = run(
        ["-m", "tests.backups.readback", seeded.report_id, seeded.message_id],
        environment=operator,
    )
    assert read_back.returncode == 0, read_back.stderr
    assert json.loads(read_back.stdout) == {
        "narrative": seeded.narrative,
        "evidence": seeded.evidence,
        "message": seeded.message,
        "attachment": seeded.attachment,
    }


def test_a_restore_without_the_escrowed_keys_is_refused_and_changes_nothing(
    archive, new_database, tmp_path
):
    active = settings.PRIVACY_ACTIVE_KEY_ID
    restored_media = tmp_path / "restored-media"

    def restore_with(keys: dict[str, str]):
        return manage(
            "restore",
            str(archive),
            "--media-root",
            str(restored_media),
            environment=operator_environment(
                database=new_database, media_root=restored_media, keys=keys
            ),
        )

    lost = restore_with(key_environment(encryption_keys={"k9": new_key()}, active_id="k9"))

    assert lost.returncode != 0
    assert f"Key id {active} in the backup" in lost.stderr
    assert "is not in PRIVACY_ENCRYPTION_KEYS: restore it from escrow first." in lost.stderr
    assert "Nothing was changed." in lost.stderr
    assert tables_in(new_database) == 0
    assert files_under(restored_media) == []

    replaced = restore_with(key_environment(encryption_keys={active: new_key()}, active_id=active))

    assert replaced.returncode != 0
    assert (
        f"Key id {active} in PRIVACY_ENCRYPTION_KEYS is not the key the backup" in replaced.stderr
    )
    assert "Nothing was changed." in replaced.stderr
    assert tables_in(new_database) == 0
    assert files_under(restored_media) == []
