"""Reporter receipt codes: the only key to an anonymous report.

A receipt is 16 random decimal digits from ``secrets`` (10**16 codes, about 53.2 bits), shown
once as ``1234 5678 9012 3456``. Digits survive being read aloud, written on paper or typed on
a phone keypad; the first digit may be 0, so codes are always handled as text.

The server stores only ``hash_receipt(code)``::

    salt = HMAC-SHA256(PRIVACY_RECEIPT_KEY, b"receipt-salt-v1")
    slow = scrypt(code, salt, n=2**14, r=8, p=1, dklen=32)      # ~16 MiB, tens of ms
    hash = "r1$" + HMAC-SHA256(PRIVACY_RECEIPT_KEY, slow).hex()

It is deterministic (one salt per installation) so a report can be found by an indexed
lookup on the hash; it is keyed, so a stolen database alone cannot be brute-forced without
the key kept outside it; and it is memory-hard, so even with the key each guess is costly.
Online guessing must additionally be rate-limited by the caller (growing delay on failures).

Receipts are never logged, and a reporter's message containing their own receipt is refused
(``contains_receipt``), so it cannot leak into a thread staff read.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata

from privacy.keyring import receipt_key

DIGITS = 16
HASH_PREFIX = "r1$"
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1

#: ``contains_receipt`` hashes at most this many 16-digit windows per text; a text with more
#: candidate digit runs is treated as containing the receipt (fail closed: refuse, not leak).
MAX_CANDIDATES = 64

# Separators people type inside a code: spaces, hyphens/dashes, dots.
_SEPARATORS = " \t\u00a0-\u2010\u2011\u2012\u2013\u2014\u2015\u2212."
_SEPARATOR_RE = re.compile(f"[{re.escape(_SEPARATORS)}]")
_RUN_RE = re.compile(rf"\d(?:[{re.escape(_SEPARATORS)}]{{0,3}}\d)*")


def generate_receipt() -> str:
    """A new 16-digit receipt code (plain digits, no separators)."""
    return f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"


def _ascii_digits(text: str) -> str | None:
    """Map any Unicode decimal digits to ASCII; ``None`` if anything else is present."""
    if not text or not all(ch.isdecimal() for ch in text):
        return None
    return "".join(str(unicodedata.decimal(ch)) for ch in text)


def normalise_receipt(text: str) -> str | None:
    """The 16 ASCII digits of a typed receipt, or ``None`` if it is not exactly 16 digits.

    Accepts spaces, dashes and dots between digits and full-width or other Unicode digits.
    """
    if not isinstance(text, str):
        return None
    digits = _ascii_digits(_SEPARATOR_RE.sub("", unicodedata.normalize("NFKC", text).strip()))
    if digits is None or len(digits) != DIGITS:
        return None
    return digits


def format_receipt(code: str) -> str:
    """``"1234 5678 9012 3456"`` for display and printing."""
    digits = normalise_receipt(code)
    if digits is None:
        raise ValueError("Not a receipt code.")
    return " ".join(digits[i : i + 4] for i in range(0, DIGITS, 4))


def _hash_digits(digits: str, key: bytes) -> str:
    salt = hmac.new(key, b"receipt-salt-v1", hashlib.sha256).digest()
    slow = hashlib.scrypt(
        digits.encode("ascii"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    return HASH_PREFIX + hmac.new(key, slow, hashlib.sha256).hexdigest()


def hash_receipt(code: str, *, key: bytes | None = None) -> str:
    """The stored, indexable form of a receipt (see module doc). Raises ``ValueError`` if the
    code is not 16 digits."""
    digits = normalise_receipt(code)
    if digits is None:
        raise ValueError("Not a receipt code.")
    return _hash_digits(digits, key if key is not None else receipt_key())


def _candidates(text: str):
    for match in _RUN_RE.finditer(unicodedata.normalize("NFKC", text)):
        digits = _ascii_digits(_SEPARATOR_RE.sub("", match.group()))
        if digits is None:
            continue
        for start in range(len(digits) - DIGITS + 1):
            yield digits[start : start + DIGITS]


def contains_receipt(text: str, stored_hash: str, *, key: bytes | None = None) -> bool:
    """True if any 16-digit run in ``text`` (spaces, dashes, dots allowed inside) is the receipt.

    Used to refuse a reporter's message that quotes their own receipt. Each candidate costs one
    scrypt, so after ``MAX_CANDIDATES`` distinct windows we stop and answer True (fail closed).
    """
    if not text or not isinstance(stored_hash, str):
        return False
    key = key if key is not None else receipt_key()
    expected = stored_hash.encode("utf-8", "replace")
    seen: set[str] = set()
    for digits in _candidates(text):
        if digits in seen:
            continue
        if len(seen) >= MAX_CANDIDATES:
            return True
        seen.add(digits)
        if hmac.compare_digest(_hash_digits(digits, key).encode(), expected):
            return True
    return False
