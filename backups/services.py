"""Making a backup archive, and restoring one only when it can be read back.

Backup: the dump and the manifest's facts come from one database snapshot; the evidence
files follow, copied as stored (ciphertext, never opened), then the manifest, then one
rename. A file added while the backup runs may be in the archive without its row (harmless);
only a file purged meanwhile can be listed by the dump and missing from the archive.

Restore: every check runs before anything is written (checksums, key ids and check values,
schema, an empty database and an empty evidence folder), so a refused restore changes nothing.
"""

from __future__ import annotations

import importlib.metadata
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from django.db.migrations.loader import MigrationLoader

from backups import postgres
from backups.archive import (
    ArchiveError,
    ArchiveWriter,
    evidence_member,
    extract_database,
    iter_evidence,
    verify_archive,
)
from backups.keychecks import check_value, encryption_key_check_value
from backups.manifest import (
    DATABASE_MEMBER,
    Manifest,
    build_manifest,
    database_facts,
)
from privacy.keyring import (
    BLIND_INDEX_KEY_VAR,
    ENCRYPTION_KEYS_VAR,
    RECEIPT_KEY_VAR,
    blind_index_key,
    receipt_key,
)
from privacy.storage import EncryptedFileSystemStorage, parse_header

EVIDENCE_STORAGE = "evidence"
NOTHING_CHANGED = "Nothing was changed."


class BackupRefused(RuntimeError):
    """The backup was not written (the reason says why; no partial archive is left)."""


class RestoreRefused(RuntimeError):
    """Checked before anything was written: the database and the files are as they were."""


class RestoreIncomplete(RuntimeError):
    """Failed after the database was restored: the operator must start again from scratch."""


# --------------------------------------------------------------------------- backup


def evidence_storage() -> EncryptedFileSystemStorage:
    storage = storages[EVIDENCE_STORAGE]
    if not isinstance(storage, EncryptedFileSystemStorage):
        raise BackupRefused(f"STORAGES[{EVIDENCE_STORAGE!r}] is not an EncryptedFileSystemStorage.")
    return storage


def app_version() -> str:
    try:
        return importlib.metadata.version("equity-reports")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def create_backup(*, output: Path, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    """Write one archive at ``output`` (0600, atomically) and return its manifest."""
    output = Path(output)
    if output.exists():
        raise BackupRefused(f"{output} already exists: give each backup a new name.")
    if not output.parent.is_dir():
        raise BackupRefused(f"The folder {output.parent} does not exist.")
    storage = evidence_storage()
    created = datetime.now(UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory(prefix="equity-backup-") as scratch:
        dump_path = Path(scratch) / DATABASE_MEMBER
        with postgres.exported_snapshot(using=using) as snapshot:
            postgres.dump(using=using, snapshot=snapshot, output=dump_path)
            facts = database_facts(using=using)
        with ArchiveWriter(output) as writer:
            writer.set_mtime(created.timestamp())
            writer.add_file(DATABASE_MEMBER, dump_path)
            file_key_ids: dict[str, int] = {}
            evidence_bytes = 0
            for name in storage.iter_names():
                with open(storage.path(name), "rb") as handle:
                    blob = handle.read()
                key_id = parse_header(blob)[0]
                file_key_ids[key_id] = file_key_ids.get(key_id, 0) + 1
                evidence_bytes += len(blob)
                writer.add_bytes(evidence_member(name), blob)
            manifest = build_manifest(
                created_at=created.isoformat(),
                app_version=app_version(),
                facts=facts,
                file_key_ids=file_key_ids,
                evidence_bytes=evidence_bytes,
                members=dict(writer.checksums),
            )
            writer.commit(manifest)
    return manifest


# --------------------------------------------------------------------------- restore


@dataclass(frozen=True)
class RowComparison:
    label: str
    in_backup: int
    restored: int | None  # None: the model is not installed here


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    database: str
    evidence_dir: Path
    rows: list[RowComparison]
    evidence_files: int
    evidence_bytes: int
    unapplied_migrations: int
    problems: list[str] = field(default_factory=list)


def key_problems(manifest: Manifest) -> list[str]:
    """Why this process's keys could not read the backup (empty when they can)."""
    problems = []
    for key_id, use in sorted(manifest.encryption_keys.items()):
        current = encryption_key_check_value(key_id)
        if current is None:
            problems.append(
                f"Key id {key_id} in the backup ({use.values} values, {use.files} files) is not "
                f"in {ENCRYPTION_KEYS_VAR}: restore it from escrow first."
            )
        elif current != use.check_value:
            problems.append(
                f"Key id {key_id} in {ENCRYPTION_KEYS_VAR} is not the key the backup was made "
                "with (its check value differs): restore the escrowed key under that id."
            )
    for var, current, expected in (
        (BLIND_INDEX_KEY_VAR, blind_index_key(), manifest.blind_index_check_value),
        (RECEIPT_KEY_VAR, receipt_key(), manifest.receipt_check_value),
    ):
        if check_value(current) != expected:
            problems.append(
                f"{var} is not the key the backup was made with (its check value differs): "
                "restore the escrowed key."
            )
    return problems


def schema_problems(manifest: Manifest) -> list[str]:
    """A backup from a newer release has migrations this code does not know."""
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    # Rows of an app no longer installed (left in django_migrations) say nothing of the release.
    installed = {app for app, _name in known}
    unknown = sorted(
        f"{app}.{name}"
        for app, name in manifest.schema.items()
        if app in installed and (app, name) not in known
    )
    if unknown:
        return [
            f"The backup was made by a newer release (app version {manifest.app_version}): "
            f"{len(unknown)} migration(s) are unknown here, first {unknown[0]}. Restore with "
            "that release."
        ]
    return []


def evidence_target(*, media_root: Path | None) -> Path:
    """The configured evidence folder, or where it would be under another ``MEDIA_ROOT``."""
    location = Path(evidence_storage().location).resolve()
    if media_root is None:
        return location
    configured_root = Path(settings.MEDIA_ROOT).resolve()
    if not location.is_relative_to(configured_root):
        raise RestoreRefused(
            f"The evidence storage is not under MEDIA_ROOT, so --media-root cannot place it. "
            f"{NOTHING_CHANGED}"
        )
    return Path(media_root).resolve() / location.relative_to(configured_root)


def target_problems(*, using: str, evidence_dir: Path) -> list[str]:
    problems = []
    name = connections[using].settings_dict["NAME"]
    try:
        tables = postgres.table_count(using=using)
    except OperationalError:
        tables = 0
        problems.append(f"Cannot connect to the database {name}: does it exist (createdb)?")
    if tables:
        problems.append(
            f"The database {name} already holds {tables} tables: restore into a new, empty "
            "database (createdb), then point DATABASE_URL at it."
        )
    if evidence_dir.exists() and any(evidence_dir.iterdir()):
        problems.append(f"The evidence folder {evidence_dir} is not empty: choose an empty one.")
    return problems


def _write_evidence(root: Path, name: str, blob: bytes) -> None:
    target = (root / name).resolve()
    if not target.is_relative_to(root):
        raise RestoreRefused(f"Unsafe file name in the archive. {NOTHING_CHANGED}")
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(blob)
        handle.flush()
        os.fsync(handle.fileno())


def _count(label: str, *, using: str) -> int | None:
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    return model._base_manager.using(using).count()


def _unapplied_migrations(*, using: str) -> int:
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    return len(set(loader.graph.nodes) - set(loader.applied_migrations))


def restore_backup(
    *, archive: Path, media_root: Path | None = None, using: str = DEFAULT_DB_ALIAS
) -> RestoreResult:
    """Restore ``archive`` into the configured (empty) database and an empty evidence folder."""
    archive = Path(archive)
    try:
        postgres.require_postgresql(using=using)
    except postgres.DatabaseToolError as exc:
        raise RestoreRefused(f"{exc} {NOTHING_CHANGED}") from None
    manifest = verify_archive(archive)
    evidence_dir = evidence_target(media_root=media_root)
    problems = [
        *key_problems(manifest),
        *schema_problems(manifest),
        *target_problems(using=using, evidence_dir=evidence_dir),
    ]
    if problems:
        raise RestoreRefused("\n".join([*problems, NOTHING_CHANGED]))

    with tempfile.TemporaryDirectory(prefix="equity-restore-") as scratch:
        dump_path = Path(scratch) / DATABASE_MEMBER
        extract_database(archive, manifest=manifest, destination=dump_path)
        postgres.restore(using=using, dump_path=dump_path)

    evidence_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    files = stored = 0
    try:
        for name, blob in iter_evidence(archive, manifest=manifest):
            _write_evidence(evidence_dir, name, blob)
            files += 1
            stored += len(blob)
    except (ArchiveError, OSError) as exc:
        raise RestoreIncomplete(
            f"The database was restored, but copying the evidence files stopped after {files}: "
            f"{exc}. Drop the new database, empty {evidence_dir} and restore again."
        ) from None

    rows = [
        RowComparison(label=label, in_backup=count, restored=_count(label, using=using))
        for label, count in sorted(manifest.rows.items())
    ]
    differences = [r.label for r in rows if r.restored is not None and r.restored != r.in_backup]
    after = []
    if differences:
        after.append(f"Row counts differ from the backup's for {', '.join(differences)}.")
    if (files, stored) != (manifest.evidence_files, manifest.evidence_bytes):
        after.append("The evidence files restored differ from the backup's count or size.")
    return RestoreResult(
        manifest=manifest,
        database=connections[using].settings_dict["NAME"],
        evidence_dir=evidence_dir,
        rows=rows,
        evidence_files=files,
        evidence_bytes=stored,
        unapplied_migrations=_unapplied_migrations(using=using),
        problems=after,
    )
