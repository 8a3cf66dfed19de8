"""``manage.py restore PATH.tar [--media-root DIR]``: into an empty database, checked first.

Refuses, before writing anything, when the archive is altered, when the configured keys
cannot read it (a key id missing, or a different key under the same id), when it comes from
a newer release, or when the target database or evidence folder is not empty.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.archive import ArchiveError
from backups.postgres import DatabaseToolError
from backups.services import (
    NOTHING_CHANGED,
    RestoreIncomplete,
    RestoreRefused,
    restore_backup,
)


class Command(BaseCommand):
    help = (
        "Restore a backup archive into the database of DATABASE_URL (which must be empty) and "
        "the evidence folder (under --media-root DIR, or the configured one), after checking "
        "its checksums and that the configured keys are the ones it needs."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, metavar="PATH.tar")
        parser.add_argument(
            "--media-root",
            type=Path,
            default=None,
            metavar="DIR",
            help="the MEDIA_ROOT the restored site will use (default: the configured one)",
        )

    def handle(self, *args, archive: Path, media_root: Path | None, **options):
        try:
            result = restore_backup(archive=archive, media_root=media_root)
        except ArchiveError as exc:
            raise CommandError(f"Restore refused:\n{exc}\n{NOTHING_CHANGED}") from None
        except RestoreRefused as exc:
            raise CommandError(f"Restore refused:\n{exc}") from None
        except DatabaseToolError as exc:
            raise CommandError(
                f"Restore failed: {exc}\npg_restore runs in one transaction: the database holds "
                "nothing of the backup, and no evidence file was copied."
            ) from None
        except RestoreIncomplete as exc:
            raise CommandError(f"Restore incomplete: {exc}") from None
        manifest = result.manifest
        self.stdout.write(
            f"Restored the backup of {manifest.created_at} (app version {manifest.app_version}) "
            f"into the database {result.database}."
        )
        self.stdout.write("Rows (restored / in the backup):")
        empty = 0
        for row in result.rows:
            if row.restored == row.in_backup == 0:
                empty += 1
                continue
            restored = "not installed here" if row.restored is None else row.restored
            self.stdout.write(f"  {row.label}: {restored} / {row.in_backup}")
        if empty:
            self.stdout.write(f"  and {empty} more models, empty in both")
        self.stdout.write(
            f"Evidence files into {result.evidence_dir}: {result.evidence_files} / "
            f"{manifest.evidence_files} ({result.evidence_bytes} / {manifest.evidence_bytes} bytes)"
        )
        if result.unapplied_migrations:
            self.stdout.write(
                f"This release has {result.unapplied_migrations} migration(s) newer than the "
                "backup: run `manage.py migrate` before starting the site."
            )
        if result.problems:
            raise CommandError("\n".join(result.problems))
        self.stdout.write(self.style.SUCCESS("Restore complete; counts match the backup."))
