"""File storage that writes only ciphertext to disk, under random names.

Evidence files (photos, screenshots, documents) are as sensitive as narratives. On disk:

* the name is ``<upload_to dir>/<32 random hex chars>``: no original name, no extension, so
  neither the file name nor its type reaches the disk (keep them, if needed, in an encrypted
  model field);
* the content is padded to a multiple of 64 KiB before encryption (the true length is stored
  inside the ciphertext), so the file size reveals only a bucket;
* the layout is ``b"enc1" | u8 len(key_id) | key_id | nonce(12) | AES-256-GCM(payload)`` where
  ``payload = u64 big-endian length || content || zero padding``. The associated data is the
  header plus the storage name, so a file swapped for another or renamed fails to open.

The key id in the header lets old files decrypt after rotation; ``reencrypt_file`` rewrites one
file under the active key (used by ``rotate_encryption_keys --files``).

``url()`` raises: evidence is never served as a static file; stream it through a view that
checks object permissions and audits the access. The whole file is held in memory, so uploads
must be size-limited before they get here.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import secrets
import struct

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_makedirs

from privacy.crypto import DecryptionError, open_sealed, ring_key, seal
from privacy.keyring import KEY_ID_RE, get_keyring

MAGIC = b"enc1"
PAD_BYTES = 64 * 1024
_LENGTH = struct.Struct(">Q")


class EvidenceURLRefused(NotImplementedError):
    """Encrypted files have no public URL."""


def _header(key_id: str) -> bytes:
    raw = key_id.encode("ascii")
    return MAGIC + bytes([len(raw)]) + raw


def _aad(header: bytes, name: str) -> bytes:
    return header + b"\x00" + name.replace("\\", "/").encode("utf-8")


def pad(content: bytes) -> bytes:
    """``u64 length || content || zeros`` up to a multiple of ``PAD_BYTES`` (at least one)."""
    payload = _LENGTH.pack(len(content)) + content
    size = max(PAD_BYTES, -(-len(payload) // PAD_BYTES) * PAD_BYTES)
    return payload + bytes(size - len(payload))


def unpad(payload: bytes) -> bytes:
    if len(payload) < _LENGTH.size:
        raise DecryptionError("Encrypted file payload is truncated.")
    (length,) = _LENGTH.unpack_from(payload)
    if length > len(payload) - _LENGTH.size:
        raise DecryptionError("Encrypted file payload has an impossible length.")
    return payload[_LENGTH.size : _LENGTH.size + length]


def encrypt_file_bytes(content: bytes, name: str, key_id: str | None = None) -> bytes:
    """The on-disk bytes for ``content`` stored as ``name``."""
    ring = get_keyring()
    key_id = key_id or ring.active_id
    header = _header(key_id)
    return header + seal(ring.key(key_id), pad(content), _aad(header, name))


def parse_header(blob: bytes) -> tuple[str, int]:
    """``(key_id, header_length)``; raises ``DecryptionError`` if this is not our format."""
    if len(blob) < len(MAGIC) + 1 or not blob.startswith(MAGIC):
        raise DecryptionError("File is not in the enc1 encrypted format.")
    id_len = blob[len(MAGIC)]
    end = len(MAGIC) + 1 + id_len
    try:
        key_id = blob[len(MAGIC) + 1 : end].decode("ascii")
    except UnicodeDecodeError:
        key_id = ""
    if len(blob) < end or not KEY_ID_RE.fullmatch(key_id):
        raise DecryptionError("Encrypted file has an invalid header.")
    return key_id, end


def decrypt_file_bytes(blob: bytes, name: str) -> bytes:
    key_id, end = parse_header(blob)
    try:
        payload = open_sealed(ring_key(key_id), blob[end:], _aad(blob[:end], name))
    except DecryptionError as exc:
        raise DecryptionError(f"Stored file could not be decrypted: {exc}") from None
    return unpad(payload)


class EncryptedFileSystemStorage(FileSystemStorage):
    """``FileSystemStorage`` that encrypts on write and decrypts on read (see module doc)."""

    def get_available_name(self, name, max_length=None):
        """Ignore the proposed file name: keep its directory, pick 128 random bits."""
        directory = posixpath.dirname(name.replace("\\", "/"))
        while True:
            candidate = posixpath.join(directory, secrets.token_hex(16))
            if max_length is not None and len(candidate) > max_length:
                raise ValueError(f"upload_to directory is too long for max_length={max_length}.")
            if not self.exists(candidate):
                return candidate

    def _save(self, name, content):
        if hasattr(content, "seek"):
            with contextlib.suppress(OSError, ValueError):
                content.seek(0)
        data = b"".join(
            chunk if isinstance(chunk, bytes) else chunk.encode("utf-8")
            for chunk in content.chunks()
        )
        while True:
            try:
                self._write_new(name, encrypt_file_bytes(data, name))
                return name
            except FileExistsError:
                name = self.get_available_name(name)

    def _write_new(self, name: str, blob: bytes, *, replace: bool = False) -> None:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        if self.directory_permissions_mode is not None:
            safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        else:
            os.makedirs(directory, exist_ok=True)
        target = full_path
        if replace:  # write beside, then atomically swap in
            target = f"{full_path}.{secrets.token_hex(4)}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(target, flags, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
                handle.flush()
                os.fsync(handle.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(target, self.file_permissions_mode)
            if replace:
                os.replace(target, full_path)
        except BaseException:
            # We created ``target`` above, so removing it never touches someone else's file.
            with contextlib.suppress(FileNotFoundError):
                os.remove(target)
            raise

    def _read_blob(self, name: str) -> bytes:
        with open(self.path(name), "rb") as handle:
            return handle.read()

    def _open(self, name, mode="rb"):
        if any(flag in mode for flag in "wax+"):
            raise ValueError("Encrypted files are opened read-only; save a new file instead.")
        return ContentFile(decrypt_file_bytes(self._read_blob(name), name), name=name)

    def size(self, name):
        """Plaintext size (decrypts: the true length is only stored inside the ciphertext)."""
        return len(decrypt_file_bytes(self._read_blob(name), name))

    def stored_size(self, name) -> int:
        """Bytes on disk (padded)."""
        return super().size(name)

    def key_id(self, name) -> str:
        """Key id from the file header, without decrypting."""
        with open(self.path(name), "rb") as handle:
            return parse_header(handle.read(len(MAGIC) + 1 + 255))[0]

    def url(self, name):
        raise EvidenceURLRefused(
            "Encrypted files are never served by URL; stream them through a view that checks "
            "permissions."
        )

    def iter_names(self):
        """Every stored name under ``location`` (for rotation), sorted for stable progress."""
        root = self.location
        names = []
        for directory, _dirs, files in os.walk(root):
            for filename in files:
                if filename.endswith(".tmp"):
                    continue
                rel = os.path.relpath(os.path.join(directory, filename), root)
                names.append(rel.replace(os.sep, "/"))
        return sorted(names)


def reencrypt_file(storage: EncryptedFileSystemStorage, name: str) -> bool:
    """Rewrite ``name`` under the active key; ``False`` if it already was (nothing read)."""
    active = get_keyring().active_id
    if storage.key_id(name) == active:
        return False
    content = decrypt_file_bytes(storage._read_blob(name), name)
    storage._write_new(name, encrypt_file_bytes(content, name, active), replace=True)
    return True
