"""Key check values: prove which key a backup needs without writing the key anywhere.

A check value is ``HMAC-SHA256(key, LABEL)`` cut to 64 bits. HMAC is a pseudo-random function,
so the value reveals nothing about the key, yet two different keys give different values:
a restore can tell "the escrowed key k1" from "some other key that is also called k1" before
it writes a single row. Key ids alone cannot, and a key id reused for a new key would
otherwise surface only later, as values that fail to decrypt.
"""

from __future__ import annotations

import hashlib
import hmac

from privacy.keyring import get_keyring

#: Fixed, public label; changing it changes every check value (bump the manifest format then).
LABEL = b"equity-reports backup key check v1"
CHECK_VALUE_HEX_CHARS = 16


def check_value(key: bytes) -> str:
    """The public check value of one key (hex, 64 bits)."""
    return hmac.new(key, LABEL, hashlib.sha256).hexdigest()[:CHECK_VALUE_HEX_CHARS]


def encryption_key_check_value(key_id: str) -> str | None:
    """Check value of ring key ``key_id``, or ``None`` when this key ring lacks that id."""
    keys = get_keyring().keys
    return check_value(keys[key_id]) if key_id in keys else None
