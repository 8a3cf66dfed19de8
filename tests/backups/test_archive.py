"""The archive file: written whole or not at all, the owner's only, refused when altered."""

import dataclasses
import io
import stat
import tarfile

import pytest

from backups.archive import ArchiveError, ArchiveWriter, verify_archive
from backups.manifest import Manifest

DUMP = b"PGDMP stands in for a pg_dump archive here"
CIPHERTEXT = b"enc1\x02k1" + bytes(range(256)) * 4


def empty_manifest() -> Manifest:
    return Manifest(
        created_at="2026-11-30T04:00:00+00:00",
        app_version="test",
        schema={},
        rows={},
        evidence_files=1,
        evidence_bytes=len(CIPHERTEXT),
        encryption_keys={},
        blind_index_check_value="0" * 16,
        receipt_check_value="1" * 16,
    )


def write_archive(folder) -> tuple:
    dump = folder / "scratch.pgdump"
    dump.write_bytes(DUMP)
    output = folder / "backup.tar"
    with ArchiveWriter(output) as writer:
        writer.add_file("database.pgdump", dump)
        writer.add_bytes("evidence/evidence/0f3a", CIPHERTEXT)
        manifest = dataclasses.replace(empty_manifest(), members=dict(writer.checksums))
        writer.commit(manifest)
    return output, manifest


def test_an_archive_is_written_for_its_owner_alone_and_verifies(tmp_path):
    output, manifest = write_archive(tmp_path)

    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.tar", "scratch.pgdump"]
    assert verify_archive(output) == manifest


def back_up_until_pg_dump_stops(output) -> None:
    with ArchiveWriter(output) as writer:
        writer.add_bytes("evidence/evidence/0f3a", CIPHERTEXT)
        raise RuntimeError("pg_dump stopped")


def test_an_interrupted_backup_leaves_no_file(tmp_path):
    output = tmp_path / "backup.tar"
    with pytest.raises(RuntimeError):
        back_up_until_pg_dump_stops(output)

    assert list(tmp_path.iterdir()) == []


def test_an_altered_file_in_the_archive_is_refused(tmp_path):
    output, _ = write_archive(tmp_path)
    content = output.read_bytes()
    at = content.index(CIPHERTEXT) + 100
    output.write_bytes(content[:at] + bytes([content[at] ^ 1]) + content[at + 1 :])

    with pytest.raises(ArchiveError, match="do not match their SHA-256"):
        verify_archive(output)


def test_a_member_that_would_land_outside_the_restore_folder_is_refused(tmp_path):
    output, _ = write_archive(tmp_path)
    with tarfile.open(output, "a") as tar:
        info = tarfile.TarInfo("evidence/../../.bashrc")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"evil"))

    with pytest.raises(ArchiveError, match="unexpected member"):
        verify_archive(output)
