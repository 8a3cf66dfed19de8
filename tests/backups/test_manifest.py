"""The manifest names what a restore needs (key ids, check values, schema, counts), never a key."""

import base64
import json
import re

import pytest
from django.conf import settings

from backups.manifest import KeyMissingAtBackup, Manifest, build_manifest, database_facts
from backups.services import key_problems
from privacy.keyring import encode_key, new_key
from tests.factories import submit_report

pytestmark = pytest.mark.django_db

NARRATIVE = "A teacher kept calling my daughter by a slur for her accent in front of the class."


def manifest_of_this_database() -> Manifest:
    return build_manifest(
        created_at="2026-11-30T04:00:00+00:00",
        app_version="test",
        facts=database_facts(using="default"),
        file_key_ids={settings.PRIVACY_ACTIVE_KEY_ID: 1},
        evidence_bytes=65_600,
        members={"database.pgdump": "0" * 64},
    )


def every_key() -> list[bytes]:
    return [
        *settings.PRIVACY_ENCRYPTION_KEYS.values(),
        settings.PRIVACY_BLIND_INDEX_KEY,
        settings.PRIVACY_RECEIPT_KEY,
    ]


def test_the_manifest_names_the_key_ids_the_data_needs_and_never_a_key_or_a_word_of_a_report():
    submit_report(narrative=NARRATIVE)

    document = manifest_of_this_database().to_json()

    parsed = json.loads(document)
    needed = parsed["keys"]["encryption"][settings.PRIVACY_ACTIVE_KEY_ID]
    assert needed["values"] >= 1
    assert needed["files"] == 1
    assert re.fullmatch(r"[0-9a-f]{16}", needed["check_value"])
    assert re.fullmatch(r"[0-9a-f]{16}", parsed["keys"]["blind_index"]["check_value"])
    assert parsed["database"]["rows"]["cases.Report"] == 1
    assert parsed["schema"]["cases"][:4].isdigit()
    assert parsed["evidence"] == {"files": 1, "bytes": 65_600}
    assert NARRATIVE.encode() not in document
    for key in every_key():
        for form in (key, encode_key(key).encode(), base64.b64encode(key), key.hex().encode()):
            assert form not in document


def test_a_manifest_reads_back_as_it_was_written():
    submit_report()
    manifest = manifest_of_this_database()

    assert Manifest.from_json(manifest.to_json()) == manifest


def test_the_same_keys_pass_and_a_lost_or_replaced_key_is_named(settings):
    submit_report()
    manifest = manifest_of_this_database()
    active = settings.PRIVACY_ACTIVE_KEY_ID
    assert key_problems(manifest) == []

    settings.PRIVACY_ENCRYPTION_KEYS = {active: new_key()}
    settings.PRIVACY_BLIND_INDEX_KEY = new_key()
    assert key_problems(manifest) == [
        f"Key id {active} in PRIVACY_ENCRYPTION_KEYS is not the key the backup was made with "
        "(its check value differs): restore the escrowed key under that id.",
        "PRIVACY_BLIND_INDEX_KEY is not the key the backup was made with (its check value "
        "differs): restore the escrowed key.",
    ]

    settings.PRIVACY_ENCRYPTION_KEYS = {"k9": new_key()}
    settings.PRIVACY_ACTIVE_KEY_ID = "k9"
    assert f"Key id {active} in the backup" in key_problems(manifest)[0]
    assert "restore it from escrow first" in key_problems(manifest)[0]


def test_no_backup_is_made_of_data_whose_key_has_left_the_ring(settings):
    submit_report()
    active = settings.PRIVACY_ACTIVE_KEY_ID
    settings.PRIVACY_ENCRYPTION_KEYS = {"k9": new_key()}
    settings.PRIVACY_ACTIVE_KEY_ID = "k9"

    with pytest.raises(KeyMissingAtBackup, match=f"{active} seal data but are not in"):
        manifest_of_this_database()
