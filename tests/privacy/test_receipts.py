"""As a reporter, I keep a 16-digit receipt; the server keeps only a slow keyed hash of it."""

import re

import pytest

from privacy import receipts
from privacy.receipts import (
    contains_receipt,
    format_receipt,
    generate_receipt,
    hash_receipt,
    normalise_receipt,
)

CODE = "0123456789012345"


def test_receipts_are_16_random_digits():
    codes = {generate_receipt() for _ in range(50)}
    assert len(codes) == 50
    assert all(re.fullmatch(r"\d{16}", code) for code in codes)


def test_format_and_normalise_round_trip():
    assert format_receipt(CODE) == "0123 4567 8901 2345"
    assert normalise_receipt(format_receipt(CODE)) == CODE
    for typed in (
        "0123-4567-8901-2345",
        " 0123.4567.8901.2345 ",
        "０１２３ ４５６７ ８９０１ ２３４５",
    ):
        assert normalise_receipt(typed) == CODE


@pytest.mark.parametrize(
    "typed", ["", "012345678901234", "01234567890123456", "0123 4567 89O1 2345", None]
)
def test_anything_but_16_digits_is_not_a_receipt(typed):
    assert normalise_receipt(typed) is None
    with pytest.raises(ValueError, match="Not a receipt code"):
        format_receipt(typed or "")


def test_hash_is_deterministic_keyed_and_not_the_code(settings):
    stored = hash_receipt(CODE)
    assert stored == hash_receipt("0123 4567 8901 2345")
    assert stored.startswith("r1$")
    assert len(stored) == 3 + 64
    assert CODE not in stored
    settings.PRIVACY_RECEIPT_KEY = bytes(range(1, 33))
    assert hash_receipt(CODE) != stored


def test_only_the_right_code_hashes_to_the_stored_hash():
    # What report_for_receipt looks up: the typed code's hash, compared by the index.
    stored = hash_receipt(CODE)
    assert hash_receipt("0123-4567-8901-2345") == stored
    assert hash_receipt("0123456789012346") != stored
    with pytest.raises(ValueError, match="Not a receipt code"):
        hash_receipt("not a code")


def test_a_message_quoting_the_receipt_is_detected():
    stored = hash_receipt(CODE)
    assert contains_receipt("my code is 0123 4567 8901 2345, please help", stored)
    assert contains_receipt("code:0123-4567-8901-2345.", stored)
    assert contains_receipt("x90123456789012345", stored)  # inside a longer digit run
    assert not contains_receipt("call me at 555-123-4567 after 3pm", stored)
    assert not contains_receipt("", stored)


def test_too_many_candidate_numbers_fail_closed(monkeypatch):
    monkeypatch.setattr(receipts, "MAX_CANDIDATES", 2)
    stored = hash_receipt(CODE)
    assert contains_receipt("1111222233334444 5555666677778888 9999000011112222", stored)
