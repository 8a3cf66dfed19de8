"""Anonymous rate limits: fixed-window counters with no client identity at all.

The portal never sees who is asking (no IP, no user agent), so limits are global, per
receipt bucket, or per single-use form token. See README, "Receipts and rate limits".
"""

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from privacy.keyring import receipt_key
from reporting.models import RateCounter

GLOBAL_RECEIPT_FAILURES = "global:receipt-failures"
GLOBAL_SUBMISSIONS = "global:submissions"
GLOBAL_DRAFTS = "global:drafts"


@dataclass(frozen=True)
class Limits:
    """Defaults sized for one county office; each can be overridden in settings."""

    window: timedelta
    code_attempts: int
    free_failures: int
    failures_per_doubling: int
    max_wait_seconds: int
    submissions: int
    drafts: int


def limits() -> Limits:
    return Limits(
        window=timedelta(seconds=getattr(settings, "REPORTING_RATE_WINDOW_SECONDS", 900)),
        code_attempts=getattr(settings, "REPORTING_ATTEMPTS_PER_RECEIPT", 10),
        free_failures=getattr(settings, "REPORTING_FREE_RECEIPT_FAILURES", 50),
        failures_per_doubling=getattr(settings, "REPORTING_FAILURES_PER_DOUBLING", 25),
        max_wait_seconds=getattr(settings, "REPORTING_MAX_WAIT_SECONDS", 60),
        submissions=getattr(settings, "REPORTING_SUBMISSIONS_PER_WINDOW", 200),
        drafts=getattr(settings, "REPORTING_DRAFTS_PER_WINDOW", 1000),
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


def required_wait_seconds() -> int:
    """How long a status form must have been open before it may be used: 0 normally,
    doubling as failed receipt checks pile up across the whole site."""
    policy = limits()
    excess = current(GLOBAL_RECEIPT_FAILURES) - policy.free_failures
    if excess <= 0:
        return 0
    doublings = (excess - 1) // max(1, policy.failures_per_doubling) + 1
    return min(policy.max_wait_seconds, int(math.pow(2, min(doublings, 16))))


def token_spent(nonce: str) -> bool:
    """Mark a single-use form token as used; True if it had been used before."""
    return hit(f"spent:{nonce}", window=timedelta(hours=2)) > 1


def submissions_exhausted() -> bool:
    return hit(GLOBAL_SUBMISSIONS) > limits().submissions


def drafts_exhausted() -> bool:
    return hit(GLOBAL_DRAFTS) > limits().drafts


def delete_expired_counters() -> int:
    deleted, _ = RateCounter.objects.filter(window_ends_at__lte=timezone.now()).delete()
    return deleted
