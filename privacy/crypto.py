"""Authenticated encryption of small values into self-describing text tokens.

Token format (text, so it is recognisable in raw SQL and dumps)::

    enc1$<key_id>$<urlsafe-b64, unpadded: nonce(12) || ciphertext || tag(16)>

* ``enc1`` names the algorithm and layout (AES-256-GCM, 96-bit random nonce). A future
  ``enc2`` can be added beside it and records rolled forward one by one.
* ``key_id`` says which ring key sealed the value, so old keys can decrypt while rotation
  re-encrypts with the active one.
* The caller's associated data (``aad``) binds a value to its place (model, field, row);
  the version and key id are bound too. Moving a token elsewhere makes it undecryptable.

Every failure raises ``DecryptionError``: we never return a placeholder, ``None`` or the raw
token, and messages never contain plaintext or key material.
"""

from __future__ import annotations

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from privacy.keyring import KEY_ID_RE, UnknownKeyError, get_keyring

VERSION = "enc1"
NONCE_BYTES = 12
TAG_BYTES = 16
SEPARATOR = "$"


class DecryptionError(Exception):
    """A value could not be decrypted (unknown key, tampered, moved, or malformed token)."""


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)


def bound_aad(version: str, key_id: str, aad: bytes) -> bytes:
    """The associated data actually given to AES-GCM: header plus the caller's context."""
    return f"{version}{SEPARATOR}{key_id}{SEPARATOR}".encode("ascii") + aad


def seal(key: bytes, data: bytes, aad: bytes) -> bytes:
    """``nonce || ciphertext || tag`` under a fresh random nonce."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, data, aad)


def open_sealed(key: bytes, blob: bytes, aad: bytes) -> bytes:
    """Inverse of ``seal``; raises ``DecryptionError``."""
    if len(blob) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionError("Encrypted value is truncated.")
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except InvalidTag:
        raise DecryptionError(
            "Encrypted value failed authentication: it was altered, moved from its place, "
            "or sealed with a different key under the same id."
        ) from None


def ring_key(key_id: str) -> bytes:
    """The ring key for ``key_id``; an unknown id is a ``DecryptionError``."""
    try:
        return get_keyring().key(key_id)
    except UnknownKeyError:
        raise DecryptionError(
            f"No key with id {key_id!r} in the key ring: it may have been removed before "
            "rotation finished."
        ) from None


def _split(token: str) -> tuple[str, str, str]:
    if not isinstance(token, str):
        raise DecryptionError("Encrypted value is not a text token.")
    parts = token.split(SEPARATOR)
    if len(parts) != 3:
        raise DecryptionError("Encrypted value is not a token of the form enc1$<key id>$<data>.")
    version, key_id, payload = parts
    if version != VERSION:
        raise DecryptionError(f"Unsupported encryption format {version[:8]!r}.")
    if not KEY_ID_RE.fullmatch(key_id):
        raise DecryptionError("Encrypted value has an invalid key id.")
    return version, key_id, payload


def token_key_id(token: str) -> str:
    """The key id recorded in a token, read without decrypting."""
    return _split(token)[1]


def encrypt_bytes(data: bytes, *, aad: bytes, key_id: str | None = None) -> str:
    """Seal ``data`` bound to ``aad`` under ``key_id`` (default: the active key)."""
    ring = get_keyring()
    key_id = key_id or ring.active_id
    blob = seal(ring.key(key_id), bytes(data), bound_aad(VERSION, key_id, aad))
    return f"{VERSION}{SEPARATOR}{key_id}{SEPARATOR}{_b64encode(blob)}"


def decrypt_bytes(token: str, *, aad: bytes) -> bytes:
    """Open a token sealed with the same ``aad``; raises ``DecryptionError`` on any failure."""
    version, key_id, payload = _split(token)
    try:
        blob = _b64decode(payload)
    except (binascii.Error, ValueError):
        raise DecryptionError("Encrypted value is not valid base64.") from None
    return open_sealed(ring_key(key_id), blob, bound_aad(version, key_id, aad))
