"""What the restore drill shares: the operator's processes, a scratch database, the data.

Every command runs as its own `manage.py` process with the production settings, as an operator
would run it, on the keys of this test process passed through the environment (the test
settings may use throwaway keys: the same bytes travel as the variables production reads).
"""

import hashlib
import io
import os
import secrets
import subprocess  # runs manage.py and the read-back with fixed arguments
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from privacy.keyring import encode_key
from tests.evidence_files import pdf_with_author
from tests.factories import submit_report
from tests.transfers.factories import transfer_world
from transfers.services import send_transfer_message

ROOT = Path(__file__).resolve().parents[2]
NARRATIVE = "At the bus stop two boys mocked my son's turban and pulled at it, three days running."
MESSAGE = "We can hold a seat in grade 7 from Monday; please send the attendance records."


def digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def key_environment(
    *, encryption_keys: dict[str, bytes] | None = None, active_id: str | None = None
) -> dict[str, str]:
    """The key variables of this test process, or of another ring (escrow lost, key replaced)."""
    keys = settings.PRIVACY_ENCRYPTION_KEYS if encryption_keys is None else encryption_keys
    return {
        "PRIVACY_ENCRYPTION_KEYS": ",".join(f"{k}:{encode_key(v)}" for k, v in keys.items()),
        "PRIVACY_ACTIVE_KEY_ID": active_id or settings.PRIVACY_ACTIVE_KEY_ID,
        "PRIVACY_BLIND_INDEX_KEY": encode_key(settings.PRIVACY_BLIND_INDEX_KEY),
        "PRIVACY_RECEIPT_KEY": encode_key(settings.PRIVACY_RECEIPT_KEY),
    }


def database_url(name: str) -> str:
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(str(db['PASSWORD']), safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def operator_environment(*, database: str, media_root: Path, keys: dict[str, str]) -> dict:
    """A production process on `database` and `media_root`, holding `keys`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PRIVACY_", "DJANGO_", "DATABASE_", "MEDIA_"))
    }
    environment.update(keys)
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "reports.example.org",
            "DATABASE_URL": database_url(database),
            "MEDIA_ROOT": str(media_root),
        }
    )
    return environment


def run(args: list[str], *, environment: dict) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def manage(*args: str, environment: dict) -> subprocess.CompletedProcess:
    return run(["manage.py", *args], environment=environment)


def _connect(dbname: str, *, autocommit: bool = False):
    """A connection to another database of the test's PostgreSQL server."""
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname=dbname,
        autocommit=autocommit,
    )


def create_database() -> str:
    name = f"equity_drill_{secrets.token_hex(4)}"
    with _connect("postgres", autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_database(name: str) -> None:
    with _connect("postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def tables_in(name: str) -> int:
    with _connect(name) as restored:
        return restored.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]


def files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


@dataclass(frozen=True)
class Seeded:
    report_id: str
    message_id: str
    narrative: str
    evidence: str  # SHA-256 of the evidence file as staff read it
    message: str
    attachment: str


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (6, 6), "purple").save(buffer, format="PNG")
    return SimpleUploadedFile("bus-stop.png", buffer.getvalue(), content_type="image/png")


def seed() -> Seeded:
    """A report with its narrative and a photo, and a transfer message with a PDF, through
    the services; returns the digests of what they read back now."""
    intake = submit_report(narrative=NARRATIVE, evidence=[_png()])
    report = intake.report
    world = transfer_world()
    message = send_transfer_message(
        transfer=world.transfer,
        actor=world.receiving_transfer,
        body=MESSAGE,
        attachment=SimpleUploadedFile(
            "attendance.pdf", pdf_with_author(), content_type="application/pdf"
        ),
    )
    with report.evidence.get().file.open("rb") as handle:
        evidence = handle.read()
    with message.attachment.open("rb") as handle:
        attachment = handle.read()
    return Seeded(
        report_id=str(report.pk),
        message_id=str(message.pk),
        narrative=digest(report.narrative),
        evidence=digest(evidence),
        message=digest(message.body),
        attachment=digest(attachment),
    )
