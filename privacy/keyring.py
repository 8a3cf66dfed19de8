"""Where the encryption keys come from, and the one place the rest of the code asks for them.

Keys live outside the database (environment variables, written to a gitignored ``.env`` by
``make keys`` / ``python -m privacy.keygen``), so a database dump alone reveals nothing.

Three independent secrets, never derived from one another, so that leaking one does not
weaken the others:

* ``PRIVACY_ENCRYPTION_KEYS``: one or more AES-256 keys, each with a short id
  (``"k2:<b64>,k1:<b64>"``). Every ciphertext records the id of the key that sealed it, so old
  keys can stay in the ring, read-only, while ``rotate_encryption_keys`` re-encrypts records
  one by one to ``PRIVACY_ACTIVE_KEY_ID`` (default: the first id listed).
* ``PRIVACY_BLIND_INDEX_KEY``: HMAC key for the keyword blind index (see ``blind_index``).
* ``PRIVACY_RECEIPT_KEY``: pepper for reporter receipt hashes (see ``receipts``).

``key_settings_from_env`` is deliberately Django-free: the settings modules call it while
Django is still being configured. Production passes ``allow_ephemeral=False`` and refuses to
start without keys; dev and test may fall back to loudly announced throwaway keys. Nothing
here generates a key at import time.

No error message produced here ever contains key material.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import sys
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

KEY_BYTES = 32
KEY_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,16}")

ENCRYPTION_KEYS_VAR = "PRIVACY_ENCRYPTION_KEYS"
ACTIVE_KEY_ID_VAR = "PRIVACY_ACTIVE_KEY_ID"
BLIND_INDEX_KEY_VAR = "PRIVACY_BLIND_INDEX_KEY"
RECEIPT_KEY_VAR = "PRIVACY_RECEIPT_KEY"

#: Id given to a throwaway encryption key (dev/test only).
EPHEMERAL_KEY_ID = "ephemeral"

_EPHEMERAL_CONSEQUENCE = {
    ENCRYPTION_KEYS_VAR: "Data encrypted now is unreadable after a restart.",
    BLIND_INDEX_KEY_VAR: "Search tokens written now stop matching after a restart.",
    RECEIPT_KEY_VAR: "Receipts issued now stop working after a restart.",
}


class KeyConfigError(ValueError):
    """The key configuration is missing or invalid. The message never contains key material."""


class UnknownKeyError(LookupError):
    """A ciphertext names a key id that is not in the key ring (removed too early, or forged)."""


# --------------------------------------------------------------------------- parsing


def new_key() -> bytes:
    """A fresh random 256-bit key."""
    return secrets.token_bytes(KEY_BYTES)


def encode_key(key: bytes) -> str:
    """Urlsafe base64 text form of a key (unpadded: no ``=`` to quote in ``.env`` files)."""
    return base64.urlsafe_b64encode(key).rstrip(b"=").decode("ascii")


def decode_key(text: str, *, what: str) -> bytes:
    """Decode one urlsafe-base64 key and check it is exactly 32 bytes.

    ``what`` names the key in error messages (a variable name or key id, never the value).
    """
    text = text.strip()
    try:
        key = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise KeyConfigError(f"{what} is not valid urlsafe base64.") from None
    if len(key) != KEY_BYTES:
        raise KeyConfigError(f"{what} must decode to exactly {KEY_BYTES} bytes, got {len(key)}.")
    return key


def validate_key_id(key_id: str, *, what: str = ENCRYPTION_KEYS_VAR) -> str:
    if not isinstance(key_id, str) or not KEY_ID_RE.fullmatch(key_id):
        raise KeyConfigError(
            f"{what}: key ids must be 1-16 characters from A-Z a-z 0-9 _ - "
            f"(got one of length {len(key_id) if isinstance(key_id, str) else '?'})."
        )
    return key_id


def parse_keys(spec: str) -> dict[str, bytes]:
    """Parse ``"k2:<b64>,k1:<b64>"`` into an ordered ``{id: key}`` dict (first = newest)."""
    keys: dict[str, bytes] = {}
    entries = [entry.strip() for entry in (spec or "").split(",") if entry.strip()]
    if not entries:
        raise KeyConfigError(f"{ENCRYPTION_KEYS_VAR} is empty.")
    for position, entry in enumerate(entries, start=1):
        key_id, sep, encoded = entry.partition(":")
        key_id = key_id.strip()
        if not sep:
            raise KeyConfigError(
                f"{ENCRYPTION_KEYS_VAR}: entry {position} must look like '<id>:<base64 key>'."
            )
        validate_key_id(key_id)
        if key_id in keys:
            raise KeyConfigError(f"{ENCRYPTION_KEYS_VAR}: key id {key_id!r} appears twice.")
        keys[key_id] = decode_key(encoded, what=f"{ENCRYPTION_KEYS_VAR} key {key_id!r}")
    return keys


# --------------------------------------------------------------------------- settings


def _ephemeral(var: str) -> None:
    message = f"{var} is not set; using a throwaway key. {_EPHEMERAL_CONSEQUENCE[var]}"
    warnings.warn(message, RuntimeWarning, stacklevel=4)
    print(f"WARNING: {message}", file=sys.stderr)


def key_settings_from_env(environ: Mapping[str, str], *, allow_ephemeral: bool) -> dict:
    """Build the ``PRIVACY_*`` settings from environment variables.

    Returns ``{"PRIVACY_ENCRYPTION_KEYS": {id: bytes}, "PRIVACY_ACTIVE_KEY_ID": str,
    "PRIVACY_BLIND_INDEX_KEY": bytes, "PRIVACY_RECEIPT_KEY": bytes}``.

    A missing variable is an error (production must not start with no keys, or with keys that
    vanish on restart) unless ``allow_ephemeral``, in which case a random key is used for this
    process only and a warning is both emitted and printed to stderr.
    """

    def value(var: str) -> str:
        return (environ.get(var) or "").strip()

    def missing(var: str) -> None:
        if not allow_ephemeral:
            raise KeyConfigError(
                f"{var} is not set. Generate keys with `python -m privacy.keygen` and keep them "
                "outside the database (they are needed to read any encrypted data)."
            )
        _ephemeral(var)

    spec = value(ENCRYPTION_KEYS_VAR)
    active_id = value(ACTIVE_KEY_ID_VAR)
    if spec:
        keys = parse_keys(spec)
    else:
        missing(ENCRYPTION_KEYS_VAR)
        keys = {active_id or EPHEMERAL_KEY_ID: new_key()}
    if not active_id:
        active_id = next(iter(keys))
    validate_key_id(active_id, what=ACTIVE_KEY_ID_VAR)
    if active_id not in keys:
        raise KeyConfigError(
            f"{ACTIVE_KEY_ID_VAR}={active_id!r} is not one of the ids in {ENCRYPTION_KEYS_VAR} "
            f"({', '.join(keys)})."
        )

    single: dict[str, bytes] = {}
    for var in (BLIND_INDEX_KEY_VAR, RECEIPT_KEY_VAR):
        text = value(var)
        if text:
            single[var] = decode_key(text, what=var)
        else:
            missing(var)
            single[var] = new_key()
        if single[var] in keys.values():
            raise KeyConfigError(f"{var} must differ from every key in {ENCRYPTION_KEYS_VAR}.")
    if single[BLIND_INDEX_KEY_VAR] == single[RECEIPT_KEY_VAR]:
        raise KeyConfigError(f"{BLIND_INDEX_KEY_VAR} and {RECEIPT_KEY_VAR} must differ.")

    return {
        ENCRYPTION_KEYS_VAR: keys,
        ACTIVE_KEY_ID_VAR: active_id,
        BLIND_INDEX_KEY_VAR: single[BLIND_INDEX_KEY_VAR],
        RECEIPT_KEY_VAR: single[RECEIPT_KEY_VAR],
    }


def generate_env_lines(key_id: str = "k1") -> str:
    """Fresh ``.env`` lines for a new installation (one encryption key, both other keys)."""
    validate_key_id(key_id)
    return (
        f"{ENCRYPTION_KEYS_VAR}={key_id}:{encode_key(new_key())}\n"
        f"{ACTIVE_KEY_ID_VAR}={key_id}\n"
        f"{BLIND_INDEX_KEY_VAR}={encode_key(new_key())}\n"
        f"{RECEIPT_KEY_VAR}={encode_key(new_key())}\n"
    )


# --------------------------------------------------------------------------- runtime ring


@dataclass(frozen=True, repr=False)
class KeyRing:
    """The encryption keys this process may use: all can decrypt, only the active one encrypts."""

    keys: Mapping[str, bytes] = field(repr=False)
    active_id: str

    def __post_init__(self) -> None:
        keys = dict(self.keys)
        if not keys:
            raise KeyConfigError(f"{ENCRYPTION_KEYS_VAR} holds no keys.")
        for key_id, key in keys.items():
            validate_key_id(key_id)
            if not isinstance(key, bytes | bytearray) or len(key) != KEY_BYTES:
                raise KeyConfigError(
                    f"{ENCRYPTION_KEYS_VAR} key {key_id!r} must be {KEY_BYTES} bytes."
                )
        if self.active_id not in keys:
            raise KeyConfigError(
                f"{ACTIVE_KEY_ID_VAR}={self.active_id!r} is not in the key ring "
                f"({', '.join(keys)})."
            )
        object.__setattr__(self, "keys", MappingProxyType({k: bytes(v) for k, v in keys.items()}))

    def __repr__(self) -> str:  # never show key bytes
        return f"KeyRing(ids={list(self.keys)!r}, active_id={self.active_id!r})"

    def active_key(self) -> bytes:
        return self.keys[self.active_id]

    def key(self, key_id: str) -> bytes:
        try:
            return self.keys[key_id]
        except KeyError:
            raise UnknownKeyError(f"No key with id {key_id!r} in the key ring.") from None


_keyring: KeyRing | None = None
_RING_SETTINGS = frozenset({ENCRYPTION_KEYS_VAR, ACTIVE_KEY_ID_VAR})


def _settings_key(settings, name: str) -> bytes:
    value = getattr(settings, name, None)
    if value is None or value == "" or value == b"":
        raise KeyConfigError(f"The {name} setting is not configured.")
    if isinstance(value, str):
        return decode_key(value, what=name)
    if not isinstance(value, bytes) or len(value) != KEY_BYTES:
        raise KeyConfigError(f"The {name} setting must be {KEY_BYTES} bytes.")
    return value


def _reset_keyring(*, setting: str, **kwargs) -> None:
    global _keyring
    if setting in _RING_SETTINGS:
        _keyring = None


def connect_signals() -> None:
    """Drop the cached ring whenever tests change the key settings (idempotent)."""
    from django.core.signals import setting_changed

    setting_changed.connect(_reset_keyring, dispatch_uid="privacy.keyring.reset")


def get_keyring() -> KeyRing:
    """The ring from ``django.conf.settings``, built on first use (never at import) and cached."""
    global _keyring
    ring = _keyring
    if ring is None:
        from django.conf import settings

        connect_signals()
        keys = getattr(settings, ENCRYPTION_KEYS_VAR, None)
        if not keys:
            raise KeyConfigError(f"The {ENCRYPTION_KEYS_VAR} setting is not configured.")
        if isinstance(keys, str):
            keys = parse_keys(keys)
        active_id = getattr(settings, ACTIVE_KEY_ID_VAR, None) or next(iter(keys))
        ring = _keyring = KeyRing(keys=keys, active_id=active_id)
    return ring


def blind_index_key() -> bytes:
    """``PRIVACY_BLIND_INDEX_KEY`` from settings (read each time: cheap, follows overrides)."""
    from django.conf import settings

    return _settings_key(settings, BLIND_INDEX_KEY_VAR)


def receipt_key() -> bytes:
    """``PRIVACY_RECEIPT_KEY`` from settings (read each time: cheap, follows overrides)."""
    from django.conf import settings

    return _settings_key(settings, RECEIPT_KEY_VAR)
