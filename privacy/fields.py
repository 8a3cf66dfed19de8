"""Model fields whose database column only ever holds ciphertext.

Why a descriptor and not ``from_db_value``: decryption needs the row's primary key (it is part
of the associated data, so a token copied to another row or column fails to decrypt), and a
list view should not pay to decrypt columns it never shows. So a loaded value stays *sealed*
(a ``Sealed`` token) until the attribute is first read, then it is decrypted once and cached.

Writing goes through ``pre_save`` only: ``Model.save()`` / ``bulk_create`` seal the value with
the active key, bound to ``<app_label.model>.<field>.<pk>``. Anything else that tries to put a
plain value in the column (``QuerySet.update(note="...")``, ``bulk_update``, fixtures) is
refused by ``get_db_prep_value``; only ``Sealed`` tokens pass. Because the pk is part of the
binding it must exist before the INSERT: models with encrypted fields need a ``UUIDField``
primary key with a default (system check ``privacy.E001``).

Querying by content is impossible by construction (random nonces); every lookup except
``isnull`` raises ``FieldError``. Use ``privacy.blind_index`` for keyword search.

``values()`` / ``values_list()`` return ``Sealed`` tokens, not plaintext. Note that Django's
serializers (``dumpdata``) read attributes, so they output plaintext: back up with the
database's own tools, which copy ciphertext only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from django import forms
from django.apps import apps
from django.core import checks
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.db.models import signals
from django.db.models.lookups import Exact
from django.db.models.query_utils import DeferredAttribute

from privacy.crypto import DecryptionError, decrypt_bytes, encrypt_bytes, token_key_id
from privacy.keyring import get_keyring


class Sealed(str):
    """A ciphertext token exactly as stored in the column, bound to one row and field."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Sealed({str.__repr__(self[:24])}...)"

    @property
    def key_id(self) -> str:
        """Id of the key that sealed this token (raises ``DecryptionError`` if malformed)."""
        return token_key_id(self)


class UnsealedValueError(FieldError):
    """A plain (unsealed) value was about to reach an encrypted column."""


@dataclass(frozen=True, slots=True, repr=False)
class _State:
    """What an instance holds for one encrypted field. Immutable: copies never share state.

    ``sealed`` is the token last read from / written to the database, ``bound_aad`` the
    associated data it is bound to, ``sealed_bytes`` its plaintext once known. ``plain`` is
    the Python value the application sees (valid when ``has_plain``).
    """

    sealed: Sealed | None = None
    bound_aad: bytes | None = None
    sealed_bytes: bytes | None = None
    plain: Any = None
    has_plain: bool = False

    def __repr__(self) -> str:  # never show values
        return "<encrypted value>"


class EncryptedAttribute(DeferredAttribute):
    """Installed on the model class under the field's attname (see ``Field.descriptor_class``)."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        field = self.field
        state = field.state_of(instance)
        if state.has_plain:
            return state.plain
        aad = state.bound_aad or field.aad_for(instance)
        data = field.decrypt_for(state.sealed, aad)
        value = field.from_bytes(data)
        instance.__dict__[field.attname] = replace(
            state, bound_aad=aad, sealed_bytes=data, plain=value, has_plain=True
        )
        return value

    def __set__(self, instance, value):
        field = self.field
        if isinstance(value, Sealed):
            state = _State(sealed=value, bound_aad=field.aad_or_none(instance))
        else:
            old = instance.__dict__.get(field.attname)
            state = old if isinstance(old, _State) else _State()
            state = replace(state, plain=value, has_plain=True)
        instance.__dict__[field.attname] = state


class _ExactNoneOnly(Exact):
    """``field=None`` still works (Django turns it into ``isnull``); any other value refuses."""

    def __init__(self, lhs, rhs):
        if rhs is not None:
            raise FieldError(_not_queryable(lhs.output_field, "exact"))
        super().__init__(lhs, rhs)


def _not_queryable(field, lookup: str) -> str:
    return (
        f"{field.describe()} is encrypted and cannot be queried with '{lookup}' (only "
        "'isnull'). Search encrypted text through its blind index (privacy.blind_index)."
    )


def binding_of(model) -> str:
    """The model name bound into its ciphertexts: ``app_label.model`` where the model was born.

    A model moved to another app sets ``encryption_binding`` to its first label, so rows
    written before the move still decrypt without being re-encrypted.
    """
    return getattr(model, "encryption_binding", None) or model._meta.label_lower


class EncryptedFieldMixin:
    """Shared behaviour of encrypted fields. Subclasses define ``to_bytes`` / ``from_bytes``."""

    descriptor_class = EncryptedAttribute
    encrypted = True

    # ---------------------------------------------------------------- model wiring

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only=private_only)
        if not cls._meta.abstract:
            # Bind loaded tokens to the row once every field (including a pk declared after
            # this field) has been set. Weak: the model's own _meta keeps the field alive, and
            # the throwaway model classes that migrations build must not pile up receivers.
            signals.post_init.connect(self._bind_loaded, sender=cls)

    def _bind_loaded(self, instance, **kwargs):
        state = instance.__dict__.get(self.attname)
        if isinstance(state, _State) and state.sealed is not None and state.bound_aad is None:
            instance.__dict__[self.attname] = replace(state, bound_aad=self.aad_or_none(instance))

    def describe(self) -> str:
        model = getattr(self, "model", None)
        return f"{model._meta.label}.{self.name}" if model else str(self.name)

    # ---------------------------------------------------------------- binding

    def uuid_pk_problem(self) -> str | None:
        pk = self.model._meta.pk
        if not isinstance(pk, models.UUIDField) or not pk.has_default():
            return (
                f"{self.model._meta.label} has encrypted field '{self.name}' but its primary key "
                "is not a UUIDField with a default. The row id is bound into every ciphertext, "
                "so it must be known before the INSERT."
            )
        return None

    def aad_for_pk(self, pk) -> bytes:
        pk = self.model._meta.pk.to_python(pk)
        return f"{binding_of(self.model)}.{self.name}.{pk}".encode()

    def aad_or_none(self, instance) -> bytes | None:
        # Read __dict__, not getattr: during Model.__init__ a pk declared after this field is not
        # set yet, and getattr would make Django try to load it from the database.
        pk = instance.__dict__.get(self.model._meta.pk.attname)
        return None if pk is None else self.aad_for_pk(pk)

    def aad_for(self, instance) -> bytes:
        problem = self.uuid_pk_problem()
        if problem:
            raise ImproperlyConfigured(problem)
        aad = self.aad_or_none(instance)
        if aad is None:
            raise ImproperlyConfigured(f"{self.describe()}: the instance has no primary key yet.")
        return aad

    # ---------------------------------------------------------------- state

    def state_of(self, instance) -> _State:
        state = instance.__dict__.get(self.attname)
        if isinstance(state, _State):
            return state
        if self.attname in instance.__dict__:  # a raw value put there by something else
            setattr(instance, self.attname, instance.__dict__.pop(self.attname))
        else:  # deferred: fetch the sealed token only, no decryption
            pk = getattr(instance, self.model._meta.pk.attname)
            token = (
                self.model._base_manager.db_manager(instance._state.db)
                .filter(pk=pk)
                .values_list(self.attname, flat=True)
                .get()
            )
            setattr(instance, self.attname, token)
        return instance.__dict__[self.attname]

    def decrypt_for(self, token: str, aad: bytes) -> bytes:
        try:
            return decrypt_bytes(token, aad=aad)
        except DecryptionError as exc:
            raise DecryptionError(f"{self.describe()}: {exc}") from None

    def reseal_token(self, token: str, pk) -> Sealed:
        """Re-encrypt a stored token of row ``pk`` with the active key (for rotation)."""
        aad = self.aad_for_pk(pk)
        return Sealed(encrypt_bytes(self.decrypt_for(token, aad), aad=aad))

    # ---------------------------------------------------------------- saving

    def pre_save(self, model_instance, add):
        """Return the token to write, sealing only when needed.

        The stored token is reused when the value is unchanged, still bound to this row and
        on the active key. Otherwise the value is sealed afresh: after a change, for a copied
        row (new pk), or when the token is on an older key, so that saving an object loaded
        before ``rotate_encryption_keys`` ran cannot put an old-key token back.
        """
        state = self.state_of(model_instance)
        aad = self.aad_for(model_instance)
        active = get_keyring().active_id
        if state.has_plain:
            if state.plain is None:
                return None
            data = self.to_bytes(state.plain)
            if (
                state.sealed is not None
                and state.bound_aad == aad
                and state.sealed_bytes == data
                and state.sealed.key_id == active
            ):
                return state.sealed
        else:
            bound = state.bound_aad or aad
            if bound == aad and state.sealed.key_id == active:
                return state.sealed
            data = self.decrypt_for(state.sealed, bound)
        token = Sealed(encrypt_bytes(data, aad=aad))
        model_instance.__dict__[self.attname] = replace(
            state, sealed=token, bound_aad=aad, sealed_bytes=data
        )
        return token

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        if isinstance(value, Sealed):
            return str(value)
        raise UnsealedValueError(
            f"Refusing to write an unsealed value to encrypted field {self.describe()}: "
            "only Model.save() / bulk_create() seal values bound to their row. Load the object, "
            "assign the attribute and save() it instead of QuerySet.update() or bulk_update()."
        )

    def from_db_value(self, value, expression, connection):
        return None if value is None else Sealed(value)

    # ---------------------------------------------------------------- querying

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        if lookup_name == "exact":
            return _ExactNoneOnly
        raise FieldError(_not_queryable(self, lookup_name))

    def get_transform(self, lookup_name):
        raise FieldError(_not_queryable(self, lookup_name))

    # ---------------------------------------------------------------- checks

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        problem = self.uuid_pk_problem()
        if problem:
            errors.append(
                checks.Error(
                    problem,
                    hint="Add `id = models.UUIDField(primary_key=True, default=uuid.uuid4, "
                    "editable=False)`.",
                    obj=self,
                    id="privacy.E001",
                )
            )
        if self.primary_key or self.unique or self.db_index:
            errors.append(
                checks.Error(
                    "Encrypted fields cannot be primary keys, unique or indexed: every "
                    "ciphertext is different, even for equal values.",
                    hint="Index a blind-index token instead.",
                    obj=self,
                    id="privacy.E002",
                )
            )
        return errors


class EncryptedTextField(EncryptedFieldMixin, models.TextField):
    """Text stored as an ``enc1$`` token in a text column. ``""`` is encrypted too."""

    description = "Encrypted text"

    def to_bytes(self, value) -> bytes:
        return self.to_python(value).encode("utf-8")

    def from_bytes(self, data: bytes) -> str:
        return data.decode("utf-8")


class EncryptedJSONField(EncryptedFieldMixin, models.Field):
    """A JSON document stored as an ``enc1$`` token in a text column. Python ``None`` is NULL."""

    description = "Encrypted JSON"
    empty_strings_allowed = False

    def __init__(self, *args, encoder=None, decoder=None, **kwargs):
        self.encoder = encoder
        self.decoder = decoder
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.encoder is not None:
            kwargs["encoder"] = self.encoder
        if self.decoder is not None:
            kwargs["decoder"] = self.decoder
        return name, path, args, kwargs

    def get_internal_type(self):
        return "TextField"

    def to_bytes(self, value) -> bytes:
        text = json.dumps(
            value, cls=self.encoder, ensure_ascii=False, separators=(",", ":"), allow_nan=False
        )
        return text.encode("utf-8")

    def from_bytes(self, data: bytes):
        return json.loads(data.decode("utf-8"), cls=self.decoder)

    def value_to_string(self, obj):
        return self.value_from_object(obj)

    def formfield(self, **kwargs):
        return super().formfield(
            **{
                "form_class": forms.JSONField,
                "encoder": self.encoder,
                "decoder": self.decoder,
                **kwargs,
            }
        )


# ------------------------------------------------------------------- rotation helpers


def encrypted_fields_of(model) -> list[EncryptedFieldMixin]:
    """Encrypted fields stored in ``model``'s own table (not inherited through a parent link)."""
    return [f for f in model._meta.local_concrete_fields if isinstance(f, EncryptedFieldMixin)]


def models_with_encrypted_fields() -> list[type[models.Model]]:
    """Every installed concrete model that owns at least one encrypted column."""
    return [
        model for model in apps.get_models() if not model._meta.proxy and encrypted_fields_of(model)
    ]
