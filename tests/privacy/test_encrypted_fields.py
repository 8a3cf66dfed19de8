"""As a district, I know a database dump reveals no narrative, and tampering is detected."""

import pickle
import uuid

import pytest
from django.core import checks
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.db import models, transaction
from django.test.utils import isolate_apps

from privacy.crypto import DecryptionError
from privacy.fields import (
    EncryptedJSONField,
    EncryptedTextField,
    Sealed,
    UnsealedValueError,
    encrypted_fields_of,
    models_with_encrypted_fields,
)
from tests.privacy.keys import K2, use_ring
from tests.privacy.stored import flip_byte, raw_rows, raw_write
from tests.privacy.testapp.models import Secret

pytestmark = pytest.mark.django_db

NARRATIVE = "Jordan wrote a slur on Amira's locker"
DETAILS = {"people": ["Jordan", "Amira"], "contact": "amira.parent@example.org"}


def fresh(obj):
    return Secret.objects.get(pk=obj.pk)


def test_a_database_dump_shows_only_tokens_never_plaintext():
    secret = Secret.objects.create(label="r1", note=NARRATIVE, details=DETAILS)
    note, details = raw_rows(Secret, "note", "details")[secret.pk]
    for stored in (note, details):
        assert stored.startswith("enc1$k1$")
        for word in ("Jordan", "Amira", "slur", "locker", "example.org"):
            assert word not in stored
    loaded = fresh(secret)
    assert loaded.note == NARRATIVE
    assert loaded.details == DETAILS


def test_empty_text_is_encrypted_and_null_stays_null():
    secret = Secret.objects.create(note="", details=None)
    note, details = raw_rows(Secret, "note", "details")[secret.pk]
    assert note.startswith("enc1$")
    assert details is None
    loaded = fresh(secret)
    assert loaded.note == ""
    assert loaded.details is None


def test_loaded_values_stay_sealed_until_read():
    secret = Secret.objects.create(note=NARRATIVE)
    loaded = fresh(secret)
    assert isinstance(loaded.__dict__["note"].sealed, Sealed)
    assert loaded.__dict__["note"].has_plain is False
    assert NARRATIVE not in repr(loaded.__dict__["note"])
    assert loaded.note == NARRATIVE
    assert Secret.objects.values_list("note", flat=True).first().startswith("enc1$")


def test_flipping_one_stored_byte_is_detected_on_read():
    secret = Secret.objects.create(note=NARRATIVE)
    (token,) = raw_rows(Secret, "note")[secret.pk]
    raw_write(Secret, secret.pk, "note", flip_byte(token, 20))
    loaded = fresh(secret)
    with pytest.raises(DecryptionError) as caught:
        loaded.note  # noqa: B018
    assert "Secret.note" in str(caught.value)
    assert NARRATIVE not in repr(caught.value)


def test_swapping_ciphertext_between_rows_is_detected():
    first = Secret.objects.create(note="first report")
    second = Secret.objects.create(note="second report")
    tokens = raw_rows(Secret, "note")
    raw_write(Secret, first.pk, "note", tokens[second.pk][0])
    raw_write(Secret, second.pk, "note", tokens[first.pk][0])
    for obj in (first, second):
        with pytest.raises(DecryptionError):
            fresh(obj).note  # noqa: B018


def test_copying_ciphertext_between_columns_is_detected():
    secret = Secret.objects.create(note="text", details={"a": 1})
    note, _details = raw_rows(Secret, "note", "details")[secret.pk]
    raw_write(Secret, secret.pk, "details", note)
    with pytest.raises(DecryptionError):
        fresh(secret).details  # noqa: B018


def test_a_missing_or_wrong_key_fails_loudly_never_silently(settings):
    secret = Secret.objects.create(note=NARRATIVE)
    use_ring(settings, {"k2": K2}, "k2")  # k1 removed too early
    with pytest.raises(DecryptionError, match="'k1'"):
        fresh(secret).note  # noqa: B018
    use_ring(settings, {"k1": K2}, "k1")  # right id, wrong key material
    with pytest.raises(DecryptionError):
        fresh(secret).note  # noqa: B018


def test_encrypted_fields_cannot_be_queried_by_content():
    Secret.objects.create(note=NARRATIVE)
    for lookup in ({"note": NARRATIVE}, {"note__icontains": "slur"}, {"note__in": ["x"]}):
        with pytest.raises(FieldError, match="encrypted"):
            list(Secret.objects.filter(**lookup))
    with pytest.raises(FieldError, match="encrypted"):
        list(Secret.objects.filter(details__people__contains="Jordan"))
    assert Secret.objects.filter(note__isnull=False).count() == 1
    assert Secret.objects.filter(details=None).count() == 1


def test_update_and_bulk_update_cannot_write_plaintext():
    secret = Secret.objects.create(note=NARRATIVE)
    with pytest.raises(UnsealedValueError) as caught, transaction.atomic():
        Secret.objects.filter(pk=secret.pk).update(note="TOP SECRET NAME")
    assert "TOP SECRET NAME" not in repr(caught.value)
    secret.note = "changed"
    with pytest.raises(UnsealedValueError), transaction.atomic():
        Secret.objects.bulk_update([secret], ["note"])
    assert fresh(secret).note == NARRATIVE


def test_saving_unchanged_values_does_not_re_encrypt():
    secret = Secret.objects.create(note=NARRATIVE, details=DETAILS)
    before = raw_rows(Secret, "note", "details")[secret.pk]
    loaded = fresh(secret)
    loaded.label = "triaged"
    loaded.save()  # values never read
    assert raw_rows(Secret, "note", "details")[secret.pk] == before
    assert (loaded.note, loaded.details) == (NARRATIVE, DETAILS)  # read (decrypted) ...
    loaded.note = NARRATIVE  # ... and re-assigned with the same content
    loaded.details = dict(DETAILS)
    loaded.save()
    assert raw_rows(Secret, "note", "details")[secret.pk] == before


def test_changes_are_re_encrypted_including_in_place_json_edits():
    secret = Secret.objects.create(note=NARRATIVE, details={"people": ["A"]})
    before_note, before_details = raw_rows(Secret, "note", "details")[secret.pk]
    loaded = fresh(secret)
    loaded.note = "updated narrative"
    loaded.details["people"].append("B")
    loaded.save()
    after_note, after_details = raw_rows(Secret, "note", "details")[secret.pk]
    assert after_note != before_note
    assert after_details != before_details
    reloaded = fresh(secret)
    assert reloaded.note == "updated narrative"
    assert reloaded.details == {"people": ["A", "B"]}


def test_deferred_fields_load_sealed_and_decrypt_on_read():
    secret = Secret.objects.create(label="r", note=NARRATIVE, details=DETAILS)
    loaded = Secret.objects.only("label").get(pk=secret.pk)
    assert loaded.get_deferred_fields() == {"note", "details"}
    assert loaded.note == NARRATIVE
    assert loaded.details == DETAILS


def test_a_copied_row_is_rebound_to_its_new_primary_key():
    secret = Secret.objects.create(note=NARRATIVE)
    copy = fresh(secret)
    copy.pk = uuid.uuid4()
    copy._state.adding = True
    copy.save()  # the value was never read: it must be re-bound, not copied as is
    assert fresh(copy).note == NARRATIVE
    assert fresh(secret).note == NARRATIVE


def test_registry_helpers_find_encrypted_columns():
    assert [f.name for f in encrypted_fields_of(Secret)] == ["note", "details"]
    assert Secret in models_with_encrypted_fields()


def test_fields_deconstruct_stably_for_migrations():
    for name in ("note", "details"):
        field = Secret._meta.get_field(name)
        _name, path, args, kwargs = field.deconstruct()
        assert path in ("privacy.fields.EncryptedTextField", "privacy.fields.EncryptedJSONField")
        rebuilt = field.__class__(*args, **kwargs)
        assert rebuilt.deconstruct()[1:] == (path, args, kwargs)
    assert Secret._meta.get_field("details").deconstruct()[3] == {"null": True, "blank": True}


def test_the_privacy_app_has_no_missing_migrations():
    call_command("makemigrations", "privacy", "--check", "--dry-run", verbosity=0)


@isolate_apps("tests.privacy.testapp")
def test_models_without_a_uuid_pk_are_flagged_and_refused():
    class AutoPk(models.Model):  # noqa: DJ008
        note = EncryptedTextField()

        class Meta:
            app_label = "privacy_testapp"

    class UuidWithoutDefault(models.Model):  # noqa: DJ008
        id = models.UUIDField(primary_key=True)
        data = EncryptedJSONField(null=True)

        class Meta:
            app_label = "privacy_testapp"

    class Indexed(models.Model):  # noqa: DJ008
        id = models.UUIDField(primary_key=True, default=uuid.uuid4)
        note = EncryptedTextField(db_index=True)

        class Meta:
            app_label = "privacy_testapp"

    for model in (AutoPk, UuidWithoutDefault):
        assert "privacy.E001" in [e.id for e in model.check() if e.level >= checks.ERROR]
    assert "privacy.E002" in [e.id for e in Indexed.check()]
    with pytest.raises(ImproperlyConfigured, match="UUIDField"):
        AutoPk._meta.get_field("note").pre_save(AutoPk(id=1, note="x"), True)


@isolate_apps("tests.privacy.testapp")
def test_a_pk_declared_after_the_field_still_binds_loaded_tokens():
    class Late(models.Model):  # noqa: DJ008
        note = EncryptedTextField()
        id = models.UUIDField(primary_key=True, default=uuid.uuid4)

        class Meta:
            app_label = "privacy_testapp"

    pk = uuid.uuid4()
    obj = Late(Sealed("enc1$k1$AAAA"), pk)  # positional, as Model.from_db() builds rows
    assert obj.__dict__["note"].bound_aad == f"privacy_testapp.late.note.{pk}".encode()


def test_secret_model_passes_the_system_checks():
    assert [e for e in Secret.check() if e.id and e.id.startswith("privacy.")] == []


def test_forms_pickling_and_refresh_work_with_plaintext_in_memory_only():
    from django import forms

    class SecretForm(forms.ModelForm):
        class Meta:
            model = Secret
            fields = ["label", "note", "details"]

    form = SecretForm(data={"label": "x", "note": NARRATIVE, "details": '{"a": 1}'})
    assert form.is_valid(), form.errors
    secret = form.save()
    assert raw_rows(Secret, "note")[secret.pk][0].startswith("enc1$")
    edit = SecretForm(instance=fresh(secret))
    assert edit.initial["note"] == NARRATIVE

    loaded = fresh(secret)
    clone = pickle.loads(pickle.dumps(loaded))  # noqa: S301 - our own data
    assert clone.note == NARRATIVE
    assert clone.details == {"a": 1}

    Secret.objects.filter(pk=secret.pk).update(
        note=fresh(Secret.objects.create(note="other")).__dict__["note"].sealed
    )  # a sealed token from another row: refresh shows the binding failure
    with pytest.raises(DecryptionError):
        loaded.refresh_from_db()
