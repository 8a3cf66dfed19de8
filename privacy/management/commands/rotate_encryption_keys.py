"""Re-encrypt every encrypted column (and optionally every encrypted file) to the active key.

Run after adding a new key at the front of ``PRIVACY_ENCRYPTION_KEYS``, setting
``PRIVACY_ACTIVE_KEY_ID`` to it and restarting every process (see ``privacy.keygen``).

* Works model by model, in pk order, in batches (``--batch-size``); each batch is one
  transaction that locks its rows (``select_for_update`` where the database supports it) and
  writes ``Sealed`` tokens with ``QuerySet.update`` per row, so an edit made meanwhile through
  ``save()`` is never overwritten with stale data.
* A value already on the active key is skipped from its token header, without decrypting.
* Progress is checkpointed per model in ``KeyRotationCheckpoint`` inside each batch's
  transaction: after Ctrl-C or a crash, running the command again resumes after the last
  committed batch. ``--restart`` ignores checkpoints (always safe: done rows are skipped).
* Output shows counts only, never values.
"""

from __future__ import annotations

from django.core.files.storage import InvalidStorageError, storages
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, router, transaction

from privacy.crypto import DecryptionError, token_key_id
from privacy.fields import encrypted_fields_of, models_with_encrypted_fields
from privacy.keyring import get_keyring
from privacy.models import KeyRotationCheckpoint
from privacy.storage import EncryptedFileSystemStorage, reencrypt_file


class Command(BaseCommand):
    help = "Re-encrypt encrypted fields (and, with --files, encrypted files) to the active key."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--restart", action="store_true", help="ignore checkpoints of an earlier run"
        )
        parser.add_argument(
            "--files",
            action="append",
            default=[],
            metavar="STORAGE_ALIAS",
            help="also re-encrypt the files of this EncryptedFileSystemStorage (repeatable)",
        )

    def handle(self, *args, batch_size, restart, files, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        active = get_keyring().active_id
        self.stdout.write(f"Re-encrypting to key {active!r}.")
        summary = []
        try:
            for model in models_with_encrypted_fields():
                summary.append(self.rotate_model(model, active, batch_size, restart))
            for alias in files:
                summary.append(self.rotate_files(alias, active))
        except KeyboardInterrupt:
            raise CommandError(
                "Interrupted. Committed batches are kept; run the command again to resume."
            ) from None
        self.stdout.write("Summary:")
        for line in summary:
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: everything is on key {active!r}. Older keys can leave "
                "PRIVACY_ENCRYPTION_KEYS once every process runs with this key ring."
            )
        )

    # ------------------------------------------------------------------ rows

    def rotate_model(self, model, active: str, batch_size: int, restart: bool) -> str:
        label = model._meta.label
        db = router.db_for_write(model)
        checkpoints = KeyRotationCheckpoint.objects.using(db)
        checkpoint = checkpoints.filter(model_label=label).first()
        if checkpoint and (restart or checkpoint.target_key_id != active):
            checkpoint.delete()
            checkpoint = None
        last_pk = checkpoint.last_pk if checkpoint else ""
        rows_done = checkpoint.rows_done if checkpoint else 0
        total = model._base_manager.using(db).count()
        if checkpoint:
            self.stdout.write(f"{label}: resuming after {rows_done} rows.")
        resealed = 0
        while True:
            count, changed, last_pk = self.rotate_batch(
                model, active, db, last_pk, batch_size, rows_done
            )
            if not count:
                break
            rows_done += count
            resealed += changed
            self.stdout.write(f"{label}: {rows_done}/{total} rows, {resealed} values re-encrypted")
        checkpoints.filter(model_label=label).delete()
        return f"{label}: {rows_done} rows checked, {resealed} values re-encrypted."

    def rotate_batch(self, model, active, db, last_pk, batch_size, rows_done):
        """Re-encrypt one pk-ordered batch after ``last_pk`` and checkpoint it, atomically.

        Returns ``(rows in batch, values re-encrypted, new last pk)``.
        """
        fields = encrypted_fields_of(model)
        manager = model._base_manager.db_manager(db)
        with transaction.atomic(using=db):
            queryset = manager.order_by("pk")
            if last_pk:
                queryset = queryset.filter(pk__gt=last_pk)
            if connections[db].features.has_select_for_update:
                queryset = queryset.select_for_update()
            rows = list(queryset.values_list("pk", *(f.attname for f in fields))[:batch_size])
            if not rows:
                return 0, 0, last_pk
            changed = 0
            for pk, *tokens in rows:
                updates = {}
                for field, token in zip(fields, tokens, strict=True):
                    try:
                        if token is None or token_key_id(token) == active:
                            continue
                        updates[field.name] = field.reseal_token(token, pk)
                    except DecryptionError as exc:
                        raise CommandError(f"{model._meta.label} pk={pk}: {exc}") from None
                if updates:
                    manager.filter(pk=pk).update(**updates)
                    changed += len(updates)
            last_pk = str(rows[-1][0])
            KeyRotationCheckpoint.objects.using(db).update_or_create(
                model_label=model._meta.label,
                defaults={
                    "target_key_id": active,
                    "last_pk": last_pk,
                    "rows_done": rows_done + len(rows),
                },
            )
        return len(rows), changed, last_pk

    # ------------------------------------------------------------------ files

    def rotate_files(self, alias: str, active: str) -> str:
        try:
            storage = storages[alias]
        except InvalidStorageError:
            raise CommandError(f"No storage named {alias!r} in STORAGES.") from None
        if not isinstance(storage, EncryptedFileSystemStorage):
            raise CommandError(f"Storage {alias!r} is not an EncryptedFileSystemStorage.")
        names = storage.iter_names()
        rewritten = 0
        for done, name in enumerate(names, start=1):
            try:
                rewritten += reencrypt_file(storage, name)
            except DecryptionError as exc:
                raise CommandError(f"File {name!r} in {alias!r}: {exc}") from None
            if done % 100 == 0 or done == len(names):
                self.stdout.write(
                    f"files in {alias!r}: {done}/{len(names)}, {rewritten} re-encrypted"
                )
        return f"files in {alias!r}: {len(names)} checked, {rewritten} re-encrypted to {active!r}."
