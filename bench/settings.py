"""Settings for `make bench`: the dev settings on PostgreSQL, with real (non-eager) Celery.

Keys: the corpus outlives one run, so its keys must too. They are generated once into
`bench/.state/keys.env` (gitignored, never committed) with two encryption keys, so the
rotation benchmark can flip between them; `bench/.state/active_key` says which one is active.
"""

import os
from pathlib import Path

STATE_DIR = Path(os.environ.get("BENCH_STATE_DIR", Path(__file__).resolve().parent / ".state"))
KEYS_FILE = STATE_DIR / "keys.env"
ACTIVE_KEY_FILE = STATE_DIR / "active_key"


def _ensure_keys() -> None:
    from privacy.keyring import encode_key, new_key

    if KEYS_FILE.exists():
        return
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    lines = [
        f"PRIVACY_ENCRYPTION_KEYS=b1:{encode_key(new_key())},b2:{encode_key(new_key())}",
        f"PRIVACY_BLIND_INDEX_KEY={encode_key(new_key())}",
        f"PRIVACY_RECEIPT_KEY={encode_key(new_key())}",
    ]
    KEYS_FILE.write_text("\n".join(lines) + "\n")
    KEYS_FILE.chmod(0o600)


_ensure_keys()
for _line in KEYS_FILE.read_text().splitlines():
    _name, _, _value = _line.partition("=")
    os.environ[_name] = _value  # the bench keys win over a developer's .env
os.environ["PRIVACY_ACTIVE_KEY_ID"] = (
    ACTIVE_KEY_FILE.read_text().strip() if ACTIVE_KEY_FILE.exists() else "b1"
)
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/equity_bench")
# A broker database of its own: nothing consumes these jobs and the bench empties it.
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/13")
os.environ.setdefault("DJANGO_DEBUG", "false")  # DEBUG keeps every query in memory
os.environ.setdefault("LOG_LEVEL", "WARNING")

from config.settings.dev import *  # noqa: E402,F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405  # as production would, behind gunicorn
