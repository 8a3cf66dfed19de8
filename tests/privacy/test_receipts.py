"""As a reporter, I keep a 20-digit receipt (older ones have 16); the server keeps only a slow
keyed hash of it, and a 16-bit keyed tag that keeps checking my replies for it cheap."""

import re

import pytest

from privacy import receipts
from privacy.receipts import (
    contains_receipt,
    format_receipt,
    generate_receipt,
    hash_receipt,
    normalise_receipt,
    receipt_tag,
    scrypt_candidates,
)

CODE = "0123456789012345"  # an older, 16-digit receipt
NEW_CODE = "01234567890123456789"


def test_new_receipts_are_20_random_digits_in_five_groups():
    codes = {generate_receipt() for _ in range(50)}
    assert len(codes) == 50
    assert all(re.fullmatch(r"\d{20}", code) for code in codes)
    assert format_receipt(NEW_CODE) == "0123 4567 8901 2345 6789"
    assert normalise_receipt("0123-4567-8901-2345-6789") == NEW_CODE


def test_older_16_digit_receipts_keep_working():
    assert normalise_receipt("0123 4567 8901 2345") == CODE
    assert format_receipt(CODE) == "0123 4567 8901 2345"
    assert hash_receipt(CODE) != hash_receipt(NEW_CODE)
    assert contains_receipt(f"code {CODE}", hash_receipt(CODE), tag=receipt_tag(CODE))


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
    "typed",
    [
        "",
        "012345678901234",
        "01234567890123456",
        "0123456789012345678",
        "012345678901234567890",
        "0123 4567 89O1 2345",
        None,
    ],
)
def test_anything_but_20_or_16_digits_is_not_a_receipt(typed):
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


# F11: a reply full of long numbers is cheap to check and is not refused


def _long_numbers(count: int) -> str:
    return " ".join(f"{n:020d}"[::-1] for n in range(1, count + 1))


@pytest.mark.parametrize("code", [NEW_CODE, CODE])
def test_a_reply_with_64_long_numbers_costs_at_most_two_scrypt_hashes(code):
    text = _long_numbers(64)

    reaching_scrypt = scrypt_candidates(text, receipt_tag(code))

    assert len(reaching_scrypt) <= receipts.MAX_SCRYPT_AFTER_TAG
    assert not contains_receipt(text, hash_receipt(code), tag=receipt_tag(code))


def test_ordinary_numbers_are_accepted_and_the_receipt_among_them_is_found():
    stored, tag = hash_receipt(NEW_CODE), receipt_tag(NEW_CODE)
    ordinary = "Order 4411 2233 5566 7788 9900, phone 555-123-4567, student id 20250314123456"

    assert not contains_receipt(ordinary, stored, tag=tag)
    assert contains_receipt(ordinary + " my code 0123.4567.8901.2345.6789", stored, tag=tag)
    assert contains_receipt(_long_numbers(64) + " " + NEW_CODE, stored, tag=tag)


def test_the_tag_is_short_keyed_and_not_the_code(settings):
    tags = [receipt_tag(f"{n:020d}") for n in range(8)]
    assert all(re.fullmatch(r"[0-9a-f]{4}", tag) for tag in tags)
    assert not any(tag in f"{n:020d}" for n, tag in enumerate(tags))
    settings.PRIVACY_RECEIPT_KEY = bytes(range(1, 33))
    assert [receipt_tag(f"{n:020d}") for n in range(8)] != tags  # keyed
