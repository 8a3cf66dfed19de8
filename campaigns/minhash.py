"""MinHash signatures and LSH bands over a report's blind-index tokens.

The input is the set of keyed blind-index tokens intake already stores for a report
(`Report.text_tokens`, HMAC-SHA256 of each normalised word under PRIVACY_BLIND_INDEX_KEY), never
the words: no plaintext is read, decrypted or hashed here.

* **Signature**: `NUM_PERM` values; value i is the minimum over the tokens of
  `(A_i * t + B_i) mod P` (P = 2**61 - 1, t = the token's first 64 bits). The share of equal
  values between two signatures estimates the Jaccard similarity of the two token sets
  (standard error about sqrt(J(1-J)/128), 0.035 at J = 0.8).
* **Bands**: the first 126 values cut into `BANDS` = 21 bands of `ROWS` = 6, each band hashed
  to one 64-bit bucket. Two cases share a bucket with probability 1 - (1 - J**6)**21: 0.9996 at
  J = 0.8, 0.93 at 0.7, 0.28 at 0.5, 0.015 at 0.3. A shared bucket only makes a candidate; the
  group needs the estimated Jaccard to reach `THRESHOLD`. Measured on the benchmark's
  narratives, 4 rows in 32 bands made 15 times more candidates of unrelated reports (5.6% of
  all pairs, read and compared by every job) for 0.2% more campaign pairs found.

The constants A_i, B_i are public and fixed (`SIGNATURE_VERSION` names them): every signature
in the database must be comparable with every other.
"""

from __future__ import annotations

import hashlib
import random
import struct
from collections.abc import Iterable

SIGNATURE_VERSION = 1
NUM_PERM = 128
BANDS = 21
ROWS = 6
#: Estimated Jaccard similarity of two cases' token sets at or above which they are grouped.
#: Measured on the benchmark's narratives (docs/benchmarks.md, "Campaign grouping"): no pair
#: of unrelated narratives reached 0.6, while 98% of pairs of a planted campaign's copies
#: (0 to 2 word edits each, and each naming its own people) reach 0.7 and only 84% reach 0.8.
THRESHOLD = 0.7
#: A case with fewer distinct indexed words is never grouped: short reports ("they called my
#: son names in the hallway") coincide by chance, and 0.7 of ten words is three words apart.
MIN_TOKENS = 15

_P = (1 << 61) - 1
_MAX = (1 << 64) - 1
# Fixed public permutation constants, not a secret: every installation must use the same.
_rng = random.Random(20261130)  # noqa: S311  # nosec B311
_PERMS = [(_rng.randrange(1, _P), _rng.randrange(0, _P)) for _ in range(NUM_PERM)]
_PACK = struct.Struct(f">{NUM_PERM}Q")


def _token_int(token: str) -> int:
    return int(token[:16], 16) % _P


def signature(tokens: Iterable[str]) -> tuple[int, ...] | None:
    """The MinHash signature of a set of blind-index tokens; None for fewer than MIN_TOKENS."""
    values = {_token_int(token) for token in tokens}
    if len(values) < MIN_TOKENS:
        return None
    return tuple(min((a * t + b) % _P for t in values) for a, b in _PERMS)


def pack(sig: tuple[int, ...]) -> bytes:
    return _PACK.pack(*sig)


def unpack(data: bytes) -> tuple[int, ...]:
    return _PACK.unpack(bytes(data))


def buckets(sig: tuple[int, ...]) -> list[int]:
    """One signed 64-bit bucket per band; the band's number is hashed in, so one column and
    one index hold every band."""
    result = []
    for band in range(BANDS):
        rows = sig[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(
            struct.pack(f">H{ROWS}Q", band, *rows), digest_size=8, person=b"campaign-lsh"
        ).digest()
        result.append(int.from_bytes(digest, "big", signed=True))
    return result


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the two token sets."""
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / NUM_PERM


def is_similar(a: tuple[int, ...], b: tuple[int, ...], threshold: float = THRESHOLD) -> bool:
    """Whether two cases belong together: `threshold` is only changed by the benchmark, which
    measures precision and recall around the stated one."""
    return similarity(a, b) >= threshold
