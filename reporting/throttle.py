"""Anonymous rate limits: fixed-window counters with no client identity at all.

The portal never sees who is asking (no IP, no user agent), so limits are global, per
receipt bucket, or per single-use form token. There is no hard site-wide cap on drafts or
reports any more: one client could fill it and close intake for everyone. Instead the global
counts here raise the proof-of-work difficulty (reporting/pow.py). See README, "Receipts and
rate limits", and SECURITY.md, "Abuse limits".
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from privacy.keyring import receipt_key
from reporting.models import RateCounter

GLOBAL_RECEIPT_FAILURES = "global:receipt-failures"
GLOBAL_DRAFTS = "global:drafts"


@dataclass(frozen=True)
class Limits:
    """Defaults sized for one county office; each can be overridden in settings."""

    window: timedelta
    code_attempts: int


def limits() -> Limits:
    return Limits(
        window=timedelta(seconds=getattr(settings, "REPORTING_RATE_WINDOW_SECONDS", 900)),
        code_attempts=getattr(settings, "REPORTING_ATTEMPTS_PER_RECEIPT", 10),
    )


@transaction.atomic
def hit(key: str, *, window: timedelta | None = None) -> int:
    """Count one event under `key` and return the count in the current window."""
    now = timezone.now()
    window = window or limits().window
    counter, _ = RateCounter.objects.select_for_update().get_or_create(
        key=key, defaults={"window_ends_at": now + window}
    )
    if counter.window_ends_at <= now:
        counter.window_ends_at = now + window
        counter.count = 0
    counter.count += 1
    counter.save(update_fields=["window_ends_at", "count"])
    return counter.count


def current(key: str) -> int:
    counter = RateCounter.objects.filter(key=key, window_ends_at__gt=timezone.now()).first()
    return counter.count if counter else 0


def receipt_bucket(digits: str) -> str:
    """A 40-bit keyed bucket of a typed code: about 9,000 codes share each bucket, so a row
    cannot be turned back into a receipt even with the key, yet one code's tries add up."""
    digest = hmac.new(receipt_key(), b"throttle-v1:" + digits.encode(), hashlib.sha256)
    return "receipt:" + digest.hexdigest()[:10]


def receipt_attempts_exhausted(digits: str) -> bool:
    """Count a try on this code; True once it has had too many in the window."""
    return hit(receipt_bucket(digits)) > limits().code_attempts


def record_receipt_failure() -> None:
    hit(GLOBAL_RECEIPT_FAILURES)


def nojs_key(purpose: str) -> str:
    """Counts forms sent without proof of work (no JavaScript), per kind of form."""
    return f"global:nojs-{purpose}"


def token_spent(nonce: str) -> bool:
    """Mark a single-use challenge as used; True if it had been used before. Kept longer than
    a challenge lives (reporting.pow.LIFE_SECONDS), so it cannot be used again."""
    return hit(f"spent:{nonce}", window=timedelta(minutes=20)) > 1


def record_draft() -> None:
    """One more draft started: raises the work the next ones cost."""
    hit(GLOBAL_DRAFTS)


def delete_expired_counters() -> int:
    deleted, _ = RateCounter.objects.filter(window_ends_at__lte=timezone.now()).delete()
    return deleted
