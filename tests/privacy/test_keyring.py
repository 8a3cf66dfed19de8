"""As an operator, I keep keys outside the database; bad or missing keys are refused."""

import base64
import subprocess
import sys
import warnings

import pytest

from privacy import keygen
from privacy.keyring import (
    KeyConfigError,
    KeyRing,
    UnknownKeyError,
    generate_env_lines,
    get_keyring,
    key_settings_from_env,
    parse_keys,
)
from tests.privacy.keys import K1, K2


def b64(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode()


def full_env(**overrides):
    env = {
        "PRIVACY_ENCRYPTION_KEYS": f"k2:{b64(K2)},k1:{b64(K1)}",
        "PRIVACY_BLIND_INDEX_KEY": b64(bytes(32)),
        "PRIVACY_RECEIPT_KEY": b64(bytes([1]) * 32),
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def test_keys_parse_in_order_newest_first():
    assert parse_keys(f"k2:{b64(K2)}, k1:{b64(K1)}") == {"k2": K2, "k1": K1}
    assert list(parse_keys(f"k2:{b64(K2)},k1:{b64(K1)}")) == ["k2", "k1"]


@pytest.mark.parametrize(
    "spec",
    [
        "",
        "k1",
        f"bad id!:{b64(K1)}",
        f"{'x' * 17}:{b64(K1)}",
        f"k1:{b64(K1)},k1:{b64(K2)}",
        "k1:not*base64*at*all",
    ],
)
def test_malformed_key_specs_are_refused(spec):
    with pytest.raises(KeyConfigError):
        parse_keys(spec)


def test_a_key_of_the_wrong_length_is_refused_without_echoing_it():
    short = b64(b"sixteen byte key")
    with pytest.raises(KeyConfigError) as caught:
        parse_keys(f"k1:{short}")
    assert short not in str(caught.value)
    assert "32 bytes" in str(caught.value)
    with pytest.raises(KeyConfigError) as caught:
        key_settings_from_env(full_env(PRIVACY_RECEIPT_KEY=short), allow_ephemeral=False)
    assert short not in str(caught.value)
    assert "PRIVACY_RECEIPT_KEY" in str(caught.value)


def test_production_refuses_to_start_without_keys_and_names_the_variable():
    with pytest.raises(KeyConfigError, match="PRIVACY_ENCRYPTION_KEYS is not set"):
        key_settings_from_env({}, allow_ephemeral=False)
    with pytest.raises(KeyConfigError, match="PRIVACY_BLIND_INDEX_KEY is not set"):
        key_settings_from_env(full_env(PRIVACY_BLIND_INDEX_KEY=None), allow_ephemeral=False)
    with pytest.raises(KeyConfigError, match="PRIVACY_RECEIPT_KEY is not set"):
        key_settings_from_env(full_env(PRIVACY_RECEIPT_KEY=""), allow_ephemeral=False)


def test_development_uses_throwaway_keys_but_says_so_loudly(capsys):
    with pytest.warns(RuntimeWarning, match="PRIVACY_ENCRYPTION_KEYS is not set"):
        result = key_settings_from_env({}, allow_ephemeral=True)
    stderr = capsys.readouterr().err
    assert (
        "WARNING: PRIVACY_ENCRYPTION_KEYS is not set; using a throwaway key. "
        "Data encrypted now is unreadable after a restart." in stderr
    )
    assert "PRIVACY_BLIND_INDEX_KEY" in stderr
    assert "PRIVACY_RECEIPT_KEY" in stderr
    assert len(result["PRIVACY_ENCRYPTION_KEYS"][result["PRIVACY_ACTIVE_KEY_ID"]]) == 32
    assert len(result["PRIVACY_BLIND_INDEX_KEY"]) == 32
    assert len(result["PRIVACY_RECEIPT_KEY"]) == 32


def test_configured_keys_produce_settings_and_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = key_settings_from_env(full_env(), allow_ephemeral=True)
    assert result["PRIVACY_ENCRYPTION_KEYS"] == {"k2": K2, "k1": K1}
    assert result["PRIVACY_ACTIVE_KEY_ID"] == "k2"  # the first listed
    result = key_settings_from_env(full_env(PRIVACY_ACTIVE_KEY_ID="k1"), allow_ephemeral=False)
    assert result["PRIVACY_ACTIVE_KEY_ID"] == "k1"


def test_inconsistent_key_settings_are_refused():
    with pytest.raises(KeyConfigError, match="PRIVACY_ACTIVE_KEY_ID"):
        key_settings_from_env(full_env(PRIVACY_ACTIVE_KEY_ID="k9"), allow_ephemeral=False)
    with pytest.raises(KeyConfigError, match="must differ"):
        key_settings_from_env(full_env(PRIVACY_BLIND_INDEX_KEY=b64(K1)), allow_ephemeral=False)
    same = b64(bytes(32))
    with pytest.raises(KeyConfigError, match="must differ"):
        key_settings_from_env(
            full_env(PRIVACY_BLIND_INDEX_KEY=same, PRIVACY_RECEIPT_KEY=same),
            allow_ephemeral=False,
        )


def test_generated_env_lines_are_accepted_by_production():
    lines = generate_env_lines()
    env = dict(line.split("=", 1) for line in lines.splitlines())
    result = key_settings_from_env(env, allow_ephemeral=False)
    assert result["PRIVACY_ACTIVE_KEY_ID"] == "k1"
    assert generate_env_lines() != lines  # fresh every time


def test_keygen_module_prints_env_lines_and_rotation_entries():
    out = subprocess.run(
        [sys.executable, "-m", "privacy.keygen", "--with-secret-key"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = [line.split("=", 1)[0] for line in out.splitlines()]
    assert names == [
        "DJANGO_SECRET_KEY",
        "PRIVACY_ENCRYPTION_KEYS",
        "PRIVACY_ACTIVE_KEY_ID",
        "PRIVACY_BLIND_INDEX_KEY",
        "PRIVACY_RECEIPT_KEY",
    ]


def test_keygen_add_key_prints_one_entry_to_prepend(capsys, monkeypatch):
    monkeypatch.setenv("PRIVACY_ENCRYPTION_KEYS", f"k1:{b64(K1)}")
    assert keygen.main(["--add-key", "k2"]) == 0
    entry = capsys.readouterr().out.strip()
    assert list(parse_keys(f"{entry},k1:{b64(K1)}")) == ["k2", "k1"]
    assert keygen.main(["--add-key", "k1"]) == 2  # already in use
    assert keygen.main(["--add-key", "not valid!"]) == 2


def test_the_ring_follows_settings_changes(settings):
    assert get_keyring().active_id == "k1"
    settings.PRIVACY_ENCRYPTION_KEYS = {"k2": K2, "k1": K1}
    settings.PRIVACY_ACTIVE_KEY_ID = "k2"
    ring = get_keyring()
    assert ring.active_id == "k2"
    assert ring.active_key() == K2
    assert ring.key("k1") == K1
    with pytest.raises(UnknownKeyError):
        ring.key("k9")


def test_the_ring_never_shows_key_bytes():
    ring = KeyRing(keys={"k1": K1}, active_id="k1")
    assert "k1" in repr(ring)
    assert repr(K1) not in repr(ring)
    assert b64(K1) not in repr(ring)
    with pytest.raises(KeyConfigError):
        KeyRing(keys={"k1": K1}, active_id="k2")
    with pytest.raises(KeyConfigError):
        KeyRing(keys={"k1": b"short"}, active_id="k1")
