"""Reporter receipt codes: the only key to an anonymous report.

A receipt is 20 random decimal digits from ``secrets`` (10**20 codes, about 66.4 bits), shown
once as ``1234 5678 9012 3456 7890``. Receipts issued before 2026-12 have 16 digits; they keep
working everywhere (normalise, format, hash and lookup accept both lengths). SECURITY.md,
"Receipt strength", explains why new codes are longer. Digits survive being read aloud,
written on paper or typed on a phone keypad; the first digit may be 0, so codes are always
handled as text.

The server stores only ``hash_receipt(code)``::

    salt = HMAC-SHA256(PRIVACY_RECEIPT_KEY, b"receipt-salt-v1")
    slow = scrypt(code, salt, n=2**14, r=8, p=1, dklen=32)      # ~16 MiB, tens of ms
    hash = "r1$" + HMAC-SHA256(PRIVACY_RECEIPT_KEY, slow).hex()

It is deterministic (one salt per installation) so a report can be found by an indexed
lookup on the hash; it is keyed, so a stolen database alone cannot be brute-forced without
the key kept outside it; and it is memory-hard, so even with the key each guess is costly.
Online guessing must additionally be rate-limited by the caller (growing delay on failures).

Receipts are never logged, and a reporter's message containing their own receipt is refused
(``contains_receipt``), so it cannot leak into a thread staff read. To keep that check cheap,
each report also stores ``receipt_tag(code)``: 16 bits of a keyed HMAC, which lets all but about
one in 65,536 digit runs of a message be ruled out without any scrypt.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata

from privacy.keyring import receipt_key

DIGITS = 20
#: Receipts issued before 20-digit codes; still accepted everywhere.
LEGACY_DIGITS = 16
LENGTHS = (DIGITS, LEGACY_DIGITS)
HASH_PREFIX = "r1$"
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1

#: Without a stored tag (a report whose reporter has not signed in since tags were added),
#: ``contains_receipt`` hashes at most this many windows per text; a text with more candidate
#: digit runs is treated as containing the receipt (fail closed: refuse, not leak).
MAX_CANDIDATES = 64
#: With a tag, at most this many windows that pass it are hashed; more is treated as containing
#: the receipt. Each window passes by chance with probability 2**-16, so three chance passes
#: in one message of 20,000 characters happen about once in 10**5 messages of pure digits.
MAX_SCRYPT_AFTER_TAG = 2
TAG_HEX = 4  # 16 bits

# Separators people type inside a code: spaces, hyphens/dashes, dots.
_SEPARATORS = " \t\u00a0-\u2010\u2011\u2012\u2013\u2014\u2015\u2212."
_SEPARATOR_RE = re.compile(f"[{re.escape(_SEPARATORS)}]")
_RUN_RE = re.compile(rf"\d(?:[{re.escape(_SEPARATORS)}]{{0,3}}\d)*")


def generate_receipt() -> str:
    """A new 20-digit receipt code (plain digits, no separators)."""
    return f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"


def _ascii_digits(text: str) -> str | None:
    """Map any Unicode decimal digits to ASCII; ``None`` if anything else is present."""
    if not text or not all(ch.isdecimal() for ch in text):
        return None
    return "".join(str(unicodedata.decimal(ch)) for ch in text)


def normalise_receipt(text: str) -> str | None:
    """The ASCII digits of a typed receipt, or ``None`` unless it has exactly 20 or 16 digits.

    Accepts spaces, dashes and dots between digits and full-width or other Unicode digits.
    """
    if not isinstance(text, str):
        return None
    digits = _ascii_digits(_SEPARATOR_RE.sub("", unicodedata.normalize("NFKC", text).strip()))
    if digits is None or len(digits) not in LENGTHS:
        return None
    return digits


def format_receipt(code: str) -> str:
    """``"1234 5678 9012 3456 7890"`` (or four groups for an old code), for display."""
    digits = normalise_receipt(code)
    if digits is None:
        raise ValueError("Not a receipt code.")
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def _hash_digits(digits: str, key: bytes) -> str:
    salt = hmac.new(key, b"receipt-salt-v1", hashlib.sha256).digest()
    slow = hashlib.scrypt(
        digits.encode("ascii"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    return HASH_PREFIX + hmac.new(key, slow, hashlib.sha256).hexdigest()


def hash_receipt(code: str, *, key: bytes | None = None) -> str:
    """The stored, indexable form of a receipt (see module doc). Raises ``ValueError`` if the
    code is not 20 or 16 digits."""
    digits = normalise_receipt(code)
    if digits is None:
        raise ValueError("Not a receipt code.")
    return _hash_digits(digits, key if key is not None else receipt_key())


def receipt_tag(code: str, *, key: bytes | None = None) -> str:
    """A short keyed tag of a receipt, stored with the report for ``contains_receipt``.

    16 bits only: it rules out almost every digit run of a message with one HMAC, yet
    narrows a guess at the receipt by no more than 16 bits, and only for a holder of the key.
    """
    digits = normalise_receipt(code)
    if digits is None:
        raise ValueError("Not a receipt code.")
    return _tag_digits(digits, key if key is not None else receipt_key())


def _tag_digits(digits: str, key: bytes) -> str:
    return hmac.new(key, b"receipt-tag-v1:" + digits.encode("ascii"), hashlib.sha256).hexdigest()[
        :TAG_HEX
    ]


def _candidates(text: str):
    """Every window of a receipt's length in each digit run of ``text``, once each."""
    seen: set[str] = set()
    for match in _RUN_RE.finditer(unicodedata.normalize("NFKC", text)):
        digits = _ascii_digits(_SEPARATOR_RE.sub("", match.group()))
        if digits is None:
            continue
        for length in LENGTHS:
            for start in range(len(digits) - length + 1):
                window = digits[start : start + length]
                if window not in seen:
                    seen.add(window)
                    yield window


def scrypt_candidates(text: str, tag: str, *, key: bytes | None = None) -> list[str]:
    """The windows of ``text`` that pass the stored tag: the only ones worth a scrypt.

    Stops after ``MAX_SCRYPT_AFTER_TAG + 1``, since ``contains_receipt`` then refuses anyway.
    """
    key = key if key is not None else receipt_key()
    passed = []
    for digits in _candidates(text):
        if hmac.compare_digest(_tag_digits(digits, key), tag):
            passed.append(digits)
            if len(passed) > MAX_SCRYPT_AFTER_TAG:
                break
    return passed


def contains_receipt(
    text: str, stored_hash: str, *, tag: str = "", key: bytes | None = None
) -> bool:
    """True if any 20- or 16-digit run in ``text`` (spaces, dashes, dots allowed inside) is the
    receipt.

    Used to refuse a reporter's message that quotes their own receipt. With the report's
    ``tag`` at most ``MAX_SCRYPT_AFTER_TAG`` windows cost a scrypt, so ordinary numbers are
    accepted cheaply; without one each window costs a scrypt, so after ``MAX_CANDIDATES``
    windows we stop and answer True (fail closed).
    """
    if not text or not isinstance(stored_hash, str):
        return False
    key = key if key is not None else receipt_key()
    expected = stored_hash.encode("utf-8", "replace")
    if tag:
        passed = scrypt_candidates(text, tag, key=key)
        if len(passed) > MAX_SCRYPT_AFTER_TAG:
            return True
        return any(
            hmac.compare_digest(_hash_digits(digits, key).encode(), expected) for digits in passed
        )
    for count, digits in enumerate(_candidates(text)):
        if count >= MAX_CANDIDATES:
            return True
        if hmac.compare_digest(_hash_digits(digits, key).encode(), expected):
            return True
    return False
