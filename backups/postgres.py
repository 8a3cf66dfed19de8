"""pg_dump and pg_restore, run with the connection settings of ``DATABASES``.

The arguments come from Django's own PostgreSQL client (the one ``dbshell`` uses), so host,
port, user, SSL options and service files are read exactly as the application reads them.
The password travels in the child's ``PGPASSWORD`` only: never on a command line (where
``ps`` shows it to every user of the machine) and never in an error message.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess  # nosec B404
from collections.abc import Iterator
from pathlib import Path

from django.db import connections, transaction
from django.db.backends.postgresql.client import DatabaseClient

POSTGRESQL_ENGINE = "django.db.backends.postgresql"
ERROR_LINES = 5


class DatabaseToolError(RuntimeError):
    """PostgreSQL is not the database, a client program is missing, or it failed."""


def require_postgresql(*, using: str) -> dict:
    settings_dict = connections[using].settings_dict
    if settings_dict["ENGINE"] != POSTGRESQL_ENGINE:
        raise DatabaseToolError(
            f"Backups are made with pg_dump and restored with pg_restore: the database "
            f"{using!r} is {connections[using].vendor}, not PostgreSQL (production runs on "
            "PostgreSQL). Set DATABASE_URL=postgres://..."
        )
    if not settings_dict.get("NAME"):
        raise DatabaseToolError("DATABASE_URL names no database.")
    return settings_dict


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise DatabaseToolError(
            f"{name} is not installed: apt-get install postgresql-client (a version at least "
            "that of the server)."
        )
    return path


def _run(name: str, *, using: str, parameters: list[str], trailing: list[str]) -> None:
    settings_dict = require_postgresql(using=using)
    args, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, parameters)
    # Django builds `psql [connection] [parameters] dbname`: the same connection for our tool.
    argv = [_program(name), *args[1:], *trailing]
    # A program found on PATH by name, an argument list, no shell.
    result = subprocess.run(  # noqa: S603  # nosec B603
        argv,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        last = "\n".join(result.stderr.strip().splitlines()[-ERROR_LINES:])
        raise DatabaseToolError(f"{name} failed (exit {result.returncode}):\n{last}")


@contextlib.contextmanager
def exported_snapshot(*, using: str) -> Iterator[str]:
    """A read-only repeatable-read transaction whose snapshot pg_dump can share.

    The manifest's counts and key ids are read inside it, so they describe exactly the rows
    in the dump, even while the site keeps taking reports.
    """
    require_postgresql(using=using)
    connection = connections[using]
    if connection.in_atomic_block:
        raise DatabaseToolError("A backup must start its own transaction (called inside one).")
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        yield cursor.fetchone()[0]


def dump(*, using: str, snapshot: str, output: Path) -> None:
    """``pg_dump --format=custom`` of the whole database, as of ``snapshot``."""
    _run(
        "pg_dump",
        using=using,
        parameters=["--format=custom", f"--snapshot={snapshot}", f"--file={output}"],
        trailing=[],
    )


def restore(*, using: str, dump_path: Path) -> None:
    """``pg_restore`` into the configured database, all or nothing (one transaction).

    Objects are owned by the connecting role (``--no-owner``) and no grant is replayed
    (``--no-privileges``): the roles of the old server may not exist on the new one.
    """
    _run(
        "pg_restore",
        using=using,
        # The database name Django appends comes right after --dbname.
        parameters=[
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
        ],
        trailing=[str(dump_path)],
    )


def table_count(*, using: str) -> int:
    """Tables already in the target database (a restore goes into an empty one)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        return len(connection.introspection.table_names(cursor))
