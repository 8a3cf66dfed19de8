"""``manage.py backup --output PATH.tar``: database, encrypted evidence files and manifest.

The archive never holds a key: keep the keys in escrow (SECURITY.md, "Backups and key
escrow"). Output: counts and key ids only.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.manifest import KeyMissingAtBackup, ManifestError
from backups.postgres import DatabaseToolError
from backups.services import BackupRefused, create_backup


class Command(BaseCommand):
    help = "Write one backup archive (pg_dump, encrypted evidence files, manifest); no keys."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, metavar="PATH.tar")

    def handle(self, *args, output: Path, **options):
        try:
            manifest = create_backup(output=output)
        except (BackupRefused, DatabaseToolError, KeyMissingAtBackup, ManifestError) as exc:
            raise CommandError(f"No backup written: {exc}") from None
        self.stdout.write(f"Backup written to {output} (mode 0600).")
        self.stdout.write(f"  rows: {sum(manifest.rows.values())} in {len(manifest.rows)} models")
        self.stdout.write(
            f"  evidence files: {manifest.evidence_files} ({manifest.evidence_bytes} bytes)"
        )
        for key_id, use in sorted(manifest.encryption_keys.items()):
            self.stdout.write(f"  needs key {key_id}: {use.values} values, {use.files} files")
        self.stdout.write(
            "The archive holds no key: it restores only where the escrowed keys are configured."
        )
