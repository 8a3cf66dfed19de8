"""As a security reviewer, I see every encrypted value fail loudly rather than degrade silently."""

import pytest

from privacy.crypto import DecryptionError, decrypt_bytes, encrypt_bytes, token_key_id
from tests.privacy.keys import K1, K2, use_ring
from tests.privacy.stored import flip_byte

AAD = b"privacy_testapp.secret.note.1"


def test_round_trip_with_a_fresh_nonce_each_time():
    first = encrypt_bytes(b"she was called a slur", aad=AAD)
    second = encrypt_bytes(b"she was called a slur", aad=AAD)
    assert first != second
    assert first.startswith("enc1$k1$")
    assert token_key_id(first) == "k1"
    assert b"slur" not in first.encode()
    assert decrypt_bytes(first, aad=AAD) == decrypt_bytes(second, aad=AAD)


def test_empty_plaintext_is_still_encrypted():
    token = encrypt_bytes(b"", aad=AAD)
    assert token.startswith("enc1$k1$")
    assert decrypt_bytes(token, aad=AAD) == b""


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: flip_byte(t, -1),  # tag
        lambda t: flip_byte(t, 0),  # nonce
        lambda t: flip_byte(t, 14),  # ciphertext
        lambda t: t.replace("enc1$", "enc9$"),
        lambda t: t.replace("$k1$", "$k 1$"),
        lambda t: t[:20],
        lambda t: t + "$extra",
        lambda t: t[:-3] + "***",
        lambda t: None,
    ],
)
def test_tampered_or_malformed_tokens_raise(mangle):
    token = encrypt_bytes(b"secret words", aad=AAD)
    with pytest.raises(DecryptionError) as caught:
        decrypt_bytes(mangle(token), aad=AAD)
    assert "secret words" not in repr(caught.value)


def test_a_value_moved_to_another_place_does_not_decrypt():
    token = encrypt_bytes(b"secret words", aad=AAD)
    with pytest.raises(DecryptionError):
        decrypt_bytes(token, aad=b"privacy_testapp.secret.note.2")


def test_unknown_or_wrong_keys_fail_loudly(settings):
    token = encrypt_bytes(b"secret words", aad=AAD)
    use_ring(settings, {"k2": K2}, "k2")
    with pytest.raises(DecryptionError, match="'k1'"):
        decrypt_bytes(token, aad=AAD)
    use_ring(settings, {"k1": K2}, "k1")  # same id, different key material
    with pytest.raises(DecryptionError) as caught:
        decrypt_bytes(token, aad=AAD)
    assert repr(K2) not in str(caught.value)
    assert repr(K1) not in str(caught.value)


def test_an_explicit_key_id_can_be_chosen(settings):
    use_ring(settings, {"k2": K2, "k1": K1}, "k2")
    assert token_key_id(encrypt_bytes(b"x", aad=AAD)) == "k2"
    assert token_key_id(encrypt_bytes(b"x", aad=AAD, key_id="k1")) == "k1"
