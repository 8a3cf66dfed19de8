"""As an operator, I rotate keys without downtime; a stopped run picks up where it was."""

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError

from privacy.crypto import DecryptionError
from privacy.fields import EncryptedFieldMixin
from privacy.models import KeyRotationCheckpoint
from tests.privacy.keys import K1, K2, use_ring
from tests.privacy.stored import raw_rows
from tests.privacy.testapp.models import Secret

pytestmark = pytest.mark.django_db


def make_rows(n=5):
    rows = {}
    for i in range(n):
        rows[Secret.objects.create(note=f"plaintext-xyzzy {i}", details={"n": i}).pk] = i
    return rows


def rotate(*args):
    out = StringIO()
    call_command("rotate_encryption_keys", *args, stdout=out)
    return out.getvalue()


def stored_key_ids():
    return {
        pk: tuple(v.split("$")[1] for v in values if v is not None)
        for pk, values in raw_rows(Secret, "note", "details").items()
    }


def assert_all_read_back(rows):
    for pk, i in rows.items():
        obj = Secret.objects.get(pk=pk)
        assert (obj.note, obj.details) == (f"plaintext-xyzzy {i}", {"n": i})


def test_rotation_re_encrypts_every_value_and_old_key_can_then_be_dropped(settings):
    rows = make_rows()
    Secret.objects.create(note="no details", details=None)
    use_ring(settings, {"k2": K2, "k1": K1}, "k2")
    output = rotate()
    assert all(ids == ("k2", "k2") or ids == ("k2",) for ids in stored_key_ids().values())
    assert all(
        v.startswith("enc1$k2$")
        for values in raw_rows(Secret, "note", "details").values()
        for v in values
        if v is not None
    )
    assert "privacy_testapp.Secret: 6 rows checked, 11 values re-encrypted." in output
    assert "xyzzy" not in output  # counts only, never values
    assert not KeyRotationCheckpoint.objects.exists()
    use_ring(settings, {"k2": K2}, "k2")
    assert_all_read_back(rows)


def test_values_already_on_the_active_key_are_skipped_without_decrypting(settings, monkeypatch):
    make_rows(3)
    use_ring(settings, {"k2": K2, "k1": K1}, "k2")
    rotate()
    before = raw_rows(Secret, "note", "details")

    def must_not_decrypt(*args, **kwargs):
        raise AssertionError("decrypted a value that was already on the active key")

    monkeypatch.setattr(EncryptedFieldMixin, "reseal_token", must_not_decrypt)
    assert "3 rows checked, 0 values re-encrypted" in rotate()
    assert raw_rows(Secret, "note", "details") == before


@pytest.mark.parametrize(
    ("interruption", "surfaces_as"),
    [(KeyboardInterrupt, CommandError), (RuntimeError, RuntimeError)],
)
def test_an_interrupted_rotation_resumes_after_the_last_committed_batch(
    settings, monkeypatch, interruption, surfaces_as
):
    rows = make_rows(5)
    use_ring(settings, {"k2": K2, "k1": K1}, "k2")
    original = EncryptedFieldMixin.reseal_token
    calls = []

    def crash_in_second_batch(self, token, pk):
        calls.append(pk)
        if len(calls) == 6:  # batch 2, first row, second value: its note is already written
            raise interruption()
        return original(self, token, pk)

    monkeypatch.setattr(EncryptedFieldMixin, "reseal_token", crash_in_second_batch)
    with pytest.raises(surfaces_as):
        rotate("--batch-size", "2")

    ordered = sorted(rows, key=str)
    ids = stored_key_ids()
    assert [ids[pk] for pk in ordered] == [("k2", "k2")] * 2 + [("k1", "k1")] * 3
    checkpoint = KeyRotationCheckpoint.objects.get()
    assert (checkpoint.rows_done, checkpoint.target_key_id) == (2, "k2")
    assert checkpoint.last_pk == str(ordered[1])

    monkeypatch.setattr(EncryptedFieldMixin, "reseal_token", original)
    output = rotate("--batch-size", "2")
    assert "resuming after 2 rows" in output
    assert "5/5 rows" in output
    assert set(stored_key_ids().values()) == {("k2", "k2")}
    assert not KeyRotationCheckpoint.objects.exists()
    use_ring(settings, {"k2": K2}, "k2")
    assert_all_read_back(rows)


def test_restart_ignores_a_checkpoint(settings):
    make_rows(3)
    use_ring(settings, {"k2": K2, "k1": K1}, "k2")
    KeyRotationCheckpoint.objects.create(
        model_label="privacy_testapp.Secret", target_key_id="k2", last_pk="ffffffff", rows_done=3
    )
    output = rotate("--restart")
    assert "resuming" not in output
    assert set(stored_key_ids().values()) == {("k2", "k2")}


def test_a_row_that_cannot_be_decrypted_stops_rotation_loudly(settings):
    make_rows(1)
    use_ring(settings, {"k2": K2}, "k2")  # k1 already gone
    with pytest.raises(CommandError, match="No key with id 'k1'"):
        rotate()


def test_rotation_also_re_encrypts_stored_files(settings):
    storage = storages["evidence"]
    name = storage.save("evidence/photo.jpg", ContentFile(b"picture bytes"))
    use_ring(settings, {"k2": K2, "k1": K1}, "k2")
    output = rotate("--files", "evidence")
    assert storage.key_id(name) == "k2"
    assert "1 checked, 1 re-encrypted" in output
    use_ring(settings, {"k2": K2}, "k2")
    assert storage.open(name).read() == b"picture bytes"
    assert "0 re-encrypted" in rotate("--files", "evidence")


def test_rotating_files_of_a_plain_storage_is_refused():
    with pytest.raises(CommandError, match="not an EncryptedFileSystemStorage"):
        rotate("--files", "default")
    with pytest.raises(CommandError, match="No storage"):
        rotate("--files", "nope")


def test_old_key_still_reads_until_rotation_is_run(settings):
    rows = make_rows(2)
    use_ring(settings, {"k2": K2, "k1": K1}, "k2")
    assert_all_read_back(rows)
    use_ring(settings, {"k2": K2}, "k2")
    with pytest.raises(DecryptionError):
        assert_all_read_back(rows)


def test_saving_an_object_loaded_before_rotation_keeps_it_on_the_new_key(settings):
    rows = make_rows(1)
    (pk,) = rows
    stale = Secret.objects.get(pk=pk)  # e.g. an officer's open edit form
    use_ring(settings, {"k2": K2, "k1": K1}, "k2")
    rotate()
    stale.label = "edited after rotation"
    stale.save()  # never read the encrypted values, still holds k1 tokens
    assert stored_key_ids()[pk] == ("k2", "k2")
    use_ring(settings, {"k2": K2}, "k2")
    assert_all_read_back(rows)
