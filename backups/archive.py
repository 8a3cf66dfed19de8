"""The backup archive on disk: one uncompressed tar, written atomically, readable by its owner only.

Members: ``database.pgdump`` (already compressed by pg_dump), ``evidence/<storage name>`` (the
evidence files exactly as stored, i.e. ciphertext: compressing it gains nothing) and
``manifest.json`` last, since it holds every other member's SHA-256.

Reading checks every member against the manifest and refuses anything that is not a plain
file under a safe relative name, so a crafted archive cannot write outside the restore folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from backups.manifest import (
    DATABASE_MEMBER,
    EVIDENCE_PREFIX,
    MANIFEST_NAME,
    Manifest,
    ManifestError,
)

CHUNK = 1024 * 1024


class ArchiveError(ValueError):
    """The archive is unreadable, altered or not ours. Nothing has been restored from it."""


class _HashingReader:
    """A file wrapper that hashes what tarfile reads through it."""

    def __init__(self, handle):
        self._handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.digest.update(data)
        return data


def _member_info(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(mtime)
    return info


class ArchiveWriter:
    """Builds the archive beside ``output`` and renames it into place on ``commit()``."""

    def __init__(self, output: Path):
        self.output = output
        self.checksums: dict[str, str] = {}
        # mkstemp creates the file 0600 in the output's own folder, so the rename is atomic.
        fd, temporary = tempfile.mkstemp(
            prefix=f".{output.name}.", suffix=".tmp", dir=output.parent
        )
        self._temporary = Path(temporary)
        self._file = os.fdopen(fd, "wb")
        # Closed by commit() or __exit__: the writer is itself the context manager.
        self._tar = tarfile.open(fileobj=self._file, mode="w", format=tarfile.PAX_FORMAT)  # noqa: SIM115
        self._mtime = 0.0
        self._committed = False

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(self, *exc_info) -> None:
        if not self._committed:
            with contextlib.suppress(OSError):
                self._tar.close()
            with contextlib.suppress(OSError):
                self._file.close()
            with contextlib.suppress(FileNotFoundError):
                self._temporary.unlink()

    def set_mtime(self, mtime: float) -> None:
        self._mtime = mtime

    def add_file(self, name: str, path: Path) -> None:
        with open(path, "rb") as handle:
            reader = _HashingReader(handle)
            self._tar.addfile(
                _member_info(name, os.fstat(handle.fileno()).st_size, self._mtime), reader
            )
        self.checksums[name] = reader.digest.hexdigest()

    def add_bytes(self, name: str, data: bytes) -> None:
        self._tar.addfile(_member_info(name, len(data), self._mtime), io.BytesIO(data))
        self.checksums[name] = hashlib.sha256(data).hexdigest()

    def commit(self, manifest: Manifest) -> None:
        self._tar.addfile(
            _member_info(MANIFEST_NAME, len(data := manifest.to_json()), self._mtime),
            io.BytesIO(data),
        )
        self._tar.close()
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self._temporary, self.output)
        directory = os.open(self.output.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
        self._committed = True


# --------------------------------------------------------------------------- reading


def evidence_member(storage_name: str) -> str:
    return EVIDENCE_PREFIX + storage_name


def storage_name_of(member: str) -> str:
    return member[len(EVIDENCE_PREFIX) :]


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and "\\" not in name
        and all(part not in ("", ".", "..") for part in name.split("/"))
        and (name in (MANIFEST_NAME, DATABASE_MEMBER) or name.startswith(EVIDENCE_PREFIX))
    )


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, mode="r:")
    except (OSError, tarfile.TarError):
        raise ArchiveError(f"{path} is not a readable backup archive.") from None


def _sha256(stream) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def verify_archive(path: Path) -> Manifest:
    """The archive's manifest, once every member matches its checksum; else ``ArchiveError``."""
    with _open(path) as tar:
        members = tar.getmembers()
        unsafe = [m.name for m in members if not (m.isfile() and _safe_name(m.name))]
        if unsafe:
            raise ArchiveError(f"The archive holds {len(unsafe)} unexpected member(s).")
        names = [m.name for m in members]
        if len(set(names)) != len(names):
            raise ArchiveError("The archive holds a member twice.")
        if MANIFEST_NAME not in names:
            raise ArchiveError(f"The archive has no {MANIFEST_NAME}.")
        try:
            manifest = Manifest.from_json(tar.extractfile(MANIFEST_NAME).read())
        except ManifestError as exc:
            raise ArchiveError(str(exc)) from None
        expected = set(manifest.members)
        present = set(names) - {MANIFEST_NAME}
        if DATABASE_MEMBER not in expected:
            raise ArchiveError(f"The manifest lists no {DATABASE_MEMBER}.")
        if expected != present:
            raise ArchiveError(
                f"The archive does not match its manifest: {len(expected - present)} member(s) "
                f"missing, {len(present - expected)} not listed."
            )
        altered = [
            m.name
            for m in members
            if m.name != MANIFEST_NAME and _sha256(tar.extractfile(m)) != manifest.members[m.name]
        ]
        if altered:
            raise ArchiveError(
                f"{len(altered)} member(s) do not match their SHA-256 in the manifest "
                f"(first: {altered[0]}): the archive was altered or damaged."
            )
    return manifest


def extract_database(path: Path, *, manifest: Manifest, destination: Path) -> None:
    """Write the dump to ``destination`` (0600), checking its checksum again as it goes."""
    with _open(path) as tar:
        source = tar.extractfile(DATABASE_MEMBER)
        digest = hashlib.sha256()
        fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as target:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                target.write(chunk)
    if digest.hexdigest() != manifest.members[DATABASE_MEMBER]:
        raise ArchiveError("The database dump changed since it was verified.")


def iter_evidence(path: Path, *, manifest: Manifest) -> Iterator[tuple[str, bytes]]:
    """``(storage name, stored bytes)`` of every evidence file, each checked again."""
    with _open(path) as tar:
        for member in tar.getmembers():
            if not member.name.startswith(EVIDENCE_PREFIX):
                continue
            data = tar.extractfile(member).read()
            if hashlib.sha256(data).hexdigest() != manifest.members.get(member.name):
                raise ArchiveError(f"{member.name} changed since the archive was verified.")
            yield storage_name_of(member.name), data
