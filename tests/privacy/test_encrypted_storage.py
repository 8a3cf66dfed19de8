"""As a reporter, the photo I upload is unreadable on the server's disk, even its name and size."""

import os
import stat

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from privacy.crypto import DecryptionError
from privacy.storage import PAD_BYTES, EncryptedFileSystemStorage, EvidenceURLRefused
from tests.privacy.keys import K1, K2, use_ring

CONTENT = b"%PDF-1.7 screenshot of the group chat with the slur" * 20


@pytest.fixture
def storage(tmp_path):
    return EncryptedFileSystemStorage(location=str(tmp_path / "evidence"))


def on_disk(storage, name) -> bytes:
    with open(storage.path(name), "rb") as handle:
        return handle.read()


def test_disk_holds_ciphertext_under_a_random_name(storage):
    name = storage.save("reports/2025/group-chat-slur.pdf", ContentFile(CONTENT))
    directory, filename = name.rsplit("/", 1)
    assert directory == "reports/2025"
    assert len(filename) == 32
    assert int(filename, 16) >= 0
    raw = on_disk(storage, name)
    assert raw != CONTENT
    assert raw.startswith(b"enc1")
    for fragment in (b"slur", b"%PDF", b"group-chat", b"group chat", b".pdf"):
        assert fragment not in raw
    assert os.listdir(storage.path("reports/2025")) == [filename]


def test_reading_back_returns_the_original_bytes(storage):
    name = storage.save("reports/a.txt", ContentFile(CONTENT))
    with storage.open(name) as handle:
        assert handle.read() == CONTENT
    assert storage.size(name) == len(CONTENT)


def test_size_on_disk_reveals_only_a_64_kib_bucket(storage):
    small = storage.save("r/a", ContentFile(b"x"))
    medium = storage.save("r/b", ContentFile(b"y" * 60_000))
    large = storage.save("r/c", ContentFile(b"z" * 70_000))
    assert storage.stored_size(small) == storage.stored_size(medium)
    assert storage.stored_size(large) - storage.stored_size(small) == PAD_BYTES
    assert storage.size(large) == 70_000


def test_tampering_or_renaming_a_stored_file_is_detected(storage):
    name = storage.save("r/a", ContentFile(CONTENT))
    raw = bytearray(on_disk(storage, name))
    raw[-40] ^= 0x01
    with open(storage.path(name), "wb") as handle:
        handle.write(raw)
    with pytest.raises(DecryptionError):
        storage.open(name)

    other = storage.save("r/b", ContentFile(CONTENT))
    os.replace(storage.path(other), storage.path("r/" + "0" * 32))
    with pytest.raises(DecryptionError):
        storage.open("r/" + "0" * 32)


def test_files_written_before_rotation_still_open_with_the_old_key(storage, settings):
    name = storage.save("r/a", ContentFile(CONTENT))
    use_ring(settings, {"k2": K2, "k1": K1}, "k2")
    assert storage.key_id(name) == "k1"
    assert storage.open(name).read() == CONTENT
    use_ring(settings, {"k2": K2}, "k2")
    with pytest.raises(DecryptionError, match="'k1'"):
        storage.open(name)


def test_evidence_is_never_served_by_url_or_opened_for_writing(storage):
    name = storage.save("r/a", ContentFile(CONTENT))
    with pytest.raises(EvidenceURLRefused):
        storage.url(name)
    with pytest.raises(ValueError, match="read-only"):
        storage.open(name, "wb")


def test_the_configured_evidence_storage_encrypts():
    storage = storages["evidence"]
    assert isinstance(storage, EncryptedFileSystemStorage)
    name = storage.save("evidence/x.png", ContentFile(b"\x89PNG data"))
    assert b"PNG" not in on_disk(storage, name)
    assert storage.open(name).read() == b"\x89PNG data"


def test_an_evidence_file_on_disk_is_readable_by_the_service_user_only(storage):
    name = storage.save("reports/2025/photo.jpg", ContentFile(CONTENT))

    assert stat.S_IMODE(os.stat(storage.path(name)).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(storage.path("reports/2025")).st_mode) == 0o700
