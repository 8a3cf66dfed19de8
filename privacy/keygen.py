"""Print fresh privacy keys as ``.env`` lines. Needs no Django settings.

New installation (the Makefile writes this to the gitignored ``.env``)::

    python -m privacy.keygen --with-secret-key > .env

``--with-secret-key`` adds a fresh ``DJANGO_SECRET_KEY`` line (67 random urlsafe characters).

Key rotation, step by step:

1. ``python -m privacy.keygen --add-key k2`` prints one entry, ``k2:<key>``.
2. Prepend it to ``PRIVACY_ENCRYPTION_KEYS`` (``k2:<new>,k1:<old>``) and set
   ``PRIVACY_ACTIVE_KEY_ID=k2``; restart every web and worker process. New writes use k2,
   old records still decrypt with k1.
3. Run ``python manage.py rotate_encryption_keys --files evidence`` (resumable) until it reports
   nothing left on old keys.
4. Remove ``k1:<old>`` from ``PRIVACY_ENCRYPTION_KEYS``, restart, and destroy the old key
   (including in backups' key escrow, per your retention policy).

The blind-index and receipt keys are not rotated this way: changing them invalidates every
search token / receipt hash, so they need a rebuild, not a rotation.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys

from privacy.keyring import (
    ENCRYPTION_KEYS_VAR,
    KeyConfigError,
    encode_key,
    generate_env_lines,
    new_key,
    validate_key_id,
)


def key_entry(key_id: str) -> str:
    """One ``<id>:<base64 key>`` entry to prepend to ``PRIVACY_ENCRYPTION_KEYS``."""
    validate_key_id(key_id)
    return f"{key_id}:{encode_key(new_key())}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m privacy.keygen", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--with-secret-key",
        action="store_true",
        help="also print a fresh DJANGO_SECRET_KEY line (for a local .env)",
    )
    parser.add_argument(
        "--add-key",
        metavar="ID",
        help="print only a new '<ID>:<key>' entry to prepend to PRIVACY_ENCRYPTION_KEYS",
    )
    args = parser.parse_args(argv)
    try:
        if args.add_key:
            existing = os.environ.get(ENCRYPTION_KEYS_VAR, "")
            existing_ids = {e.split(":", 1)[0].strip() for e in existing.split(",") if ":" in e}
            if args.add_key in existing_ids:
                raise KeyConfigError(
                    f"key id {args.add_key!r} is already in {ENCRYPTION_KEYS_VAR}."
                )
            sys.stdout.write(key_entry(args.add_key) + "\n")
            print(
                f"Prepend this entry to {ENCRYPTION_KEYS_VAR} (comma-separated), set "
                f"PRIVACY_ACTIVE_KEY_ID={args.add_key}, restart, then run "
                "`manage.py rotate_encryption_keys`.",
                file=sys.stderr,
            )
        else:
            if args.with_secret_key:
                sys.stdout.write(f"DJANGO_SECRET_KEY={secrets.token_urlsafe(50)}\n")
            sys.stdout.write(generate_env_lines())
    except KeyConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
