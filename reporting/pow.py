"""Proof of work: each draft and each receipt check costs the client real work, with no
identity at all (no address, no device, no cookie), as GlobaLeaks does.

The server issues a signed, single-use challenge naming a difficulty of `bits`; the browser
(reporting/static/reporting/pow-worker.js) finds a `work` string such that
sha256(challenge + ":" + work) starts with `bits` zero bits, about 2**bits hashes, and sends
it with the form. Verifying costs one hash. The difficulty rises one bit (double the cost)
each time the site-wide load doubles past a free level, so a flood slows everyone down a
little instead of closing the door.

Without JavaScript there is no work, so the same challenge doubles as a form-open timer: it
must be older than a short wait, which grows with no-JavaScript use across the site; and
because waiting in parallel costs nothing, no-JavaScript uses have a site-wide budget per
window. The numbers and what they mean for an attacker and a reporter are in SECURITY.md,
"Abuse limits"; bench/pow.py measures them.
"""

import enum
import hashlib
import math
import re
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from reporting import throttle

SALT = "reporting.pow.v1"
LIFE_SECONDS = 10 * 60
_WORK_RE = re.compile(r"[0-9A-Za-z]{1,32}")


class Purpose(enum.StrEnum):
    DRAFT = "draft"
    CHECK = "check"


@dataclass(frozen=True)
class Policy:
    bits: int
    max_bits: int
    free_drafts: int
    free_failures: int
    nojs_wait_seconds: int
    nojs_free: int
    nojs_per_doubling: int
    nojs_max_wait_seconds: int
    nojs_per_window: int


def policy() -> Policy:
    """Defaults sized for one county office (SECURITY.md); each can be set in settings."""
    return Policy(
        bits=getattr(settings, "REPORTING_POW_BITS", 18),
        max_bits=getattr(settings, "REPORTING_POW_MAX_BITS", 24),
        free_drafts=getattr(settings, "REPORTING_POW_FREE_DRAFTS", 200),
        free_failures=getattr(settings, "REPORTING_POW_FREE_FAILURES", 50),
        nojs_wait_seconds=getattr(settings, "REPORTING_NOJS_WAIT_SECONDS", 5),
        nojs_free=getattr(settings, "REPORTING_NOJS_FREE", 20),
        nojs_per_doubling=getattr(settings, "REPORTING_NOJS_PER_DOUBLING", 20),
        nojs_max_wait_seconds=getattr(settings, "REPORTING_NOJS_MAX_WAIT_SECONDS", 120),
        nojs_per_window=getattr(settings, "REPORTING_NOJS_PER_WINDOW", 200),
    )


def _doublings(load: int, free: int) -> int:
    """0 up to `free`, 1 up to twice `free`, 2 up to four times, and so on."""
    if load <= free:
        return 0
    return math.ceil(math.log2(load / max(1, free)))


def difficulty(purpose: Purpose) -> int:
    """Zero bits demanded now: rising with drafts started (DRAFT) or wrong codes (CHECK)."""
    rules = policy()
    if purpose is Purpose.DRAFT:
        extra = _doublings(throttle.current(throttle.GLOBAL_DRAFTS), rules.free_drafts)
    else:
        extra = _doublings(throttle.current(throttle.GLOBAL_RECEIPT_FAILURES), rules.free_failures)
    return min(rules.max_bits, rules.bits + extra)


def nojs_wait_seconds(purpose: Purpose) -> int:
    """How long a form must have been open when it is sent without work."""
    rules = policy()
    used = throttle.current(throttle.nojs_key(purpose))
    wait = rules.nojs_wait_seconds * 2 ** min(16, _doublings(used, rules.nojs_free))
    return min(rules.nojs_max_wait_seconds, wait)


@dataclass(frozen=True)
class Challenge:
    token: str
    bits: int
    wait_seconds: int  # for a client that cannot do the work


def issue(purpose: Purpose) -> Challenge:
    bits = difficulty(purpose)
    data = {"p": str(purpose), "n": secrets.token_urlsafe(12), "t": int(time.time()), "b": bits}
    return Challenge(signing.dumps(data, salt=SALT), bits, nojs_wait_seconds(purpose))


def reissue(token: str, purpose: Purpose) -> Challenge:
    """The same challenge again, for a page that must keep its age (no-JS wait); a new one
    if it is no longer genuine."""
    parsed = _read(token or "", purpose)
    if parsed is None:
        return issue(purpose)
    return Challenge(token, parsed[2], nojs_wait_seconds(purpose))


def leading_zero_bits(digest: bytes) -> int:
    value = int.from_bytes(digest, "big")
    return len(digest) * 8 - value.bit_length()


def work_is_valid(token: str, work: str, bits: int) -> bool:
    """One hash: does `work` solve `token` at `bits`?"""
    digest = hashlib.sha256(f"{token}:{work}".encode("ascii")).digest()
    return leading_zero_bits(digest) >= bits


def solve(token: str, bits: int) -> str:
    """What the browser script does, for API clients in Python and for tests."""
    counter = 0
    while not work_is_valid(token, str(counter), bits):
        counter += 1
    return str(counter)


class Verdict(enum.Enum):
    ACCEPTED = enum.auto()
    EXPIRED = enum.auto()  # missing, forged, for another form, or older than LIFE_SECONDS
    WRONG_WORK = enum.auto()
    MUST_WAIT = enum.auto()  # no work, and the form has not been open long enough
    BUSY = enum.auto()  # no work, and the site-wide no-JavaScript budget is used up
    USED = enum.auto()


@dataclass(frozen=True)
class Check:
    verdict: Verdict
    wait_seconds: int = 0

    @property
    def accepted(self) -> bool:
        return self.verdict is Verdict.ACCEPTED


def _read(token: str, purpose: Purpose) -> tuple[str, int, int] | None:
    try:
        data = signing.loads(str(token), salt=SALT, max_age=LIFE_SECONDS)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None
    if not isinstance(data, dict) or data.get("p") != str(purpose):
        return None
    nonce, issued, bits = data.get("n"), data.get("t"), data.get("b")
    if not isinstance(nonce, str) or len(nonce) > 40:
        return None
    if not isinstance(issued, int) or not isinstance(bits, int):
        return None
    return nonce, issued, bits


def verify(*, purpose: Purpose, token: str, work: str) -> Check:
    """Spend `token` once: with valid `work`, or without work after the no-JS wait."""
    parsed = _read(token or "", purpose)
    if parsed is None:
        return Check(Verdict.EXPIRED)
    nonce, issued, bits = parsed
    if work:
        if not _WORK_RE.fullmatch(work) or not work_is_valid(token, work, bits):
            return Check(Verdict.WRONG_WORK)
    else:
        wait = nojs_wait_seconds(purpose) - (int(time.time()) - issued)
        if wait > 0:
            return Check(Verdict.MUST_WAIT, wait_seconds=wait)
        if throttle.hit(throttle.nojs_key(purpose)) > policy().nojs_per_window:
            return Check(Verdict.BUSY)
    if throttle.token_spent(nonce):
        return Check(Verdict.USED)
    return Check(Verdict.ACCEPTED)
