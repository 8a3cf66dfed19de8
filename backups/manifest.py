"""``manifest.json``: what one backup archive holds, and what restoring it needs.

It records counts, versions, checksums and key *ids* with their check values
(``backups.keychecks``), never a key and never a decrypted value: the manifest is read before
anything is restored, by people and scripts that must not learn anything about a report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from backups.keychecks import check_value, encryption_key_check_value
from privacy.crypto import DecryptionError, token_key_id
from privacy.fields import encrypted_fields_of, models_with_encrypted_fields
from privacy.keyring import blind_index_key, receipt_key

FORMAT = "equity-reports-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_MEMBER = "database.pgdump"
EVIDENCE_PREFIX = "evidence/"


class ManifestError(ValueError):
    """The manifest is missing, of another format, or incomplete."""


class KeyMissingAtBackup(LookupError):
    """Data names a key id this key ring lacks: that data is unreadable already."""


@dataclass
class KeyUse:
    """One encryption key id the data needs: its check value and how much depends on it."""

    check_value: str = ""
    values: int = 0
    files: int = 0


@dataclass(frozen=True)
class DatabaseFacts:
    """Read in the same snapshot as the dump, so they describe exactly what it holds."""

    schema: dict[str, str]
    rows: dict[str, int]
    value_key_ids: dict[str, int]


@dataclass(frozen=True)
class Manifest:
    created_at: str
    app_version: str
    schema: dict[str, str]
    rows: dict[str, int]
    evidence_files: int
    evidence_bytes: int
    encryption_keys: dict[str, KeyUse]
    blind_index_check_value: str
    receipt_check_value: str
    members: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> bytes:
        document = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": self.created_at,
            "app_version": self.app_version,
            "schema": self.schema,
            "database": {"member": DATABASE_MEMBER, "format": "pg_dump custom", "rows": self.rows},
            "evidence": {"files": self.evidence_files, "bytes": self.evidence_bytes},
            "keys": {
                "check_value": "HMAC-SHA256 of a fixed label under the key, first 64 bits",
                "encryption": {
                    key_id: {
                        "check_value": use.check_value,
                        "values": use.values,
                        "files": use.files,
                    }
                    for key_id, use in sorted(self.encryption_keys.items())
                },
                "blind_index": {"check_value": self.blind_index_check_value},
                "receipt": {"check_value": self.receipt_check_value},
            },
            "members": {"sha256": self.members},
        }
        return json.dumps(document, indent=2, sort_keys=False).encode("utf-8") + b"\n"

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ManifestError(f"{MANIFEST_NAME} is not valid JSON.") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ManifestError("This is not an Equity Reports backup archive.")
        if document.get("format_version") != FORMAT_VERSION:
            raise ManifestError(
                f"Backup format version {document.get('format_version')!r} is not the one this "
                f"code reads ({FORMAT_VERSION}): restore with the version that wrote it."
            )
        try:
            keys = document["keys"]
            return cls(
                created_at=str(document["created_at"]),
                app_version=str(document["app_version"]),
                schema={str(k): str(v) for k, v in document["schema"].items()},
                rows={str(k): int(v) for k, v in document["database"]["rows"].items()},
                evidence_files=int(document["evidence"]["files"]),
                evidence_bytes=int(document["evidence"]["bytes"]),
                encryption_keys={
                    str(key_id): KeyUse(
                        check_value=str(use["check_value"]),
                        values=int(use["values"]),
                        files=int(use["files"]),
                    )
                    for key_id, use in keys["encryption"].items()
                },
                blind_index_check_value=str(keys["blind_index"]["check_value"]),
                receipt_check_value=str(keys["receipt"]["check_value"]),
                members={str(k): str(v) for k, v in document["members"]["sha256"].items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ManifestError(f"{MANIFEST_NAME} is incomplete or malformed.") from None


# --------------------------------------------------------------------------- facts


def project_models() -> list:
    """Concrete models of the apps in this repository (not Django's, Wagtail's or a library's)."""
    root = Path(settings.BASE_DIR).resolve()
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if not path.is_relative_to(root) or "site-packages" in path.parts:
            continue
        found.extend(
            model for model in config.get_models() if model._meta.managed and not model._meta.proxy
        )
    return sorted(found, key=lambda model: model._meta.label)


def schema_version(*, using: str) -> dict[str, str]:
    """The latest applied migration of each app: the schema version, without git."""
    latest: dict[str, str] = {}
    for app_label, name in MigrationRecorder(connections[using]).applied_migrations():
        latest[app_label] = max(name, latest.get(app_label, ""))
    return dict(sorted(latest.items()))


def row_counts(*, using: str) -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.using(using).count() for model in project_models()
    }


def value_key_ids(*, using: str) -> dict[str, int]:
    """How many encrypted values each key id sealed, read from token headers (no decryption)."""
    counts: dict[str, int] = {}
    for model in models_with_encrypted_fields():
        attnames = [f.attname for f in encrypted_fields_of(model)]
        rows = model._base_manager.using(using).values_list(*attnames)
        for tokens in rows.iterator(chunk_size=2000):
            for token in tokens:
                if token is None:
                    continue
                try:
                    key_id = token_key_id(token)
                except DecryptionError:
                    raise ManifestError(
                        f"{model._meta.label} holds a value that is not an encrypted token."
                    ) from None
                counts[key_id] = counts.get(key_id, 0) + 1
    return counts


def database_facts(*, using: str) -> DatabaseFacts:
    return DatabaseFacts(
        schema=schema_version(using=using),
        rows=row_counts(using=using),
        value_key_ids=value_key_ids(using=using),
    )


def build_manifest(
    *,
    created_at: str,
    app_version: str,
    facts: DatabaseFacts,
    file_key_ids: dict[str, int],
    evidence_bytes: int,
    members: dict[str, str],
) -> Manifest:
    """The manifest of one archive; refuses when the data needs a key this ring lacks.

    Such data is unreadable already, and an archive must be restorable with the escrowed keys:
    the key is put back from escrow first, then the backup is made.
    """
    uses: dict[str, KeyUse] = {}
    for key_id, count in facts.value_key_ids.items():
        uses.setdefault(key_id, KeyUse()).values = count
    for key_id, count in file_key_ids.items():
        uses.setdefault(key_id, KeyUse()).files = count
    missing = []
    for key_id, use in sorted(uses.items()):
        value = encryption_key_check_value(key_id)
        if value is None:
            missing.append(key_id)
        else:
            use.check_value = value
    if missing:
        raise KeyMissingAtBackup(
            f"Key id(s) {', '.join(missing)} seal data but are not in PRIVACY_ENCRYPTION_KEYS: "
            "that data is unreadable now. Put the key(s) back from escrow, then back up."
        )
    return Manifest(
        created_at=created_at,
        app_version=app_version,
        schema=facts.schema,
        rows=facts.rows,
        evidence_files=sum(file_key_ids.values()),
        evidence_bytes=evidence_bytes,
        encryption_keys=uses,
        blind_index_check_value=check_value(blind_index_key()),
        receipt_check_value=check_value(receipt_key()),
        members=members,
    )
