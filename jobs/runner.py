"""Running one outbox job: claim it, run its handler, record the outcome.

A job runs at least once: handlers must be safe to run twice, and a done row is never run
again. Recovery after a crash is bounded by short leases, not by a long fixed wait:

- A claim is a conditional UPDATE that takes the row only if it is pending and unclaimed (or
  its run lease ran out), and writes a fresh `run_token`; of two deliveries one wins.
- The run lease (`OUTBOX_RUN_LEASE_SECONDS`, 60 s) is renewed by a heartbeat thread every
  `OUTBOX_HEARTBEAT_SECONDS` (20 s) while the handler runs, so a long job keeps it and a dead
  worker loses it within one lease.
- Renewing, finishing and failing apply only while the row still carries our token: a worker
  that stalled past its lease (a "zombie") cannot mark a job another worker took as done.
- The sweep (every 30 s) re-dispatches a pending job whose lease and dispatch lease
  (`OUTBOX_DISPATCH_LEASE_SECONDS`, 45 s) have run out. Worst case from a worker's death to
  the job running again: lease 60 s + sweep period 30 s, about 90 s (measured: README).
- At-most-once topics (emails) commit `send_started_at` before the handler runs. A job claimed
  again with it set may have sent already: it fails with `INTERRUPTED_WHILE_SENDING` for staff
  to check the mail log and retry from the jobs screen, instead of mailing twice.
"""

import logging
import secrets
import threading
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from jobs.models import INTERRUPTED_WHILE_SENDING, OutboxMessage, OutboxStatus
from jobs.registry import handler_for, is_at_most_once

logger = logging.getLogger(__name__)

# A task that arrives a little before its row is due (clock skew) still runs.
_CLOCK_TOLERANCE = timedelta(seconds=2)


class UnknownTopic(LookupError):
    """No handler is registered for a topic: retrying cannot help."""


class LeaseLost(RuntimeError):
    """Another worker claimed the job while this one ran: this run's writes are rolled back."""


@dataclass(frozen=True)
class JobOutcome:
    """What one run of a job did; `retry_in` is set when it should run again."""

    status: str
    retry_in: timedelta | None = None


SKIPPED = JobOutcome("skipped")
DONE = JobOutcome("done")
LOST = JobOutcome("lost")
INTERRUPTED = JobOutcome(OutboxStatus.FAILED)


@dataclass(frozen=True)
class Claim:
    """One worker's hold on one job: the token proves the hold in every later write."""

    message: OutboxMessage
    token: str


def run_lease() -> timedelta:
    return timedelta(seconds=settings.OUTBOX_RUN_LEASE_SECONDS)


def mark_dispatched(*, message_ids: list[int]) -> None:
    """Tell the sweep a delivery is on its way, so it waits a lease before sending another."""
    OutboxMessage.objects.filter(pk__in=message_ids, status=OutboxStatus.PENDING).update(
        last_dispatched_at=timezone.now()
    )


def unmark_dispatched(*, message_ids: list[int]) -> None:
    """A publish failed: the sweep must send these rows on its next pass, not a lease later."""
    OutboxMessage.objects.filter(pk__in=message_ids, status=OutboxStatus.PENDING).update(
        last_dispatched_at=None
    )


def due_for_dispatch(*, now: datetime) -> Q:
    """Pending, due (a running job's lease counts as not due), and either never published or
    published so long ago that the delivery must be lost."""
    lease = timedelta(seconds=settings.OUTBOX_DISPATCH_LEASE_SECONDS)
    return Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now) & (
        Q(last_dispatched_at__isnull=True) | Q(last_dispatched_at__lt=now - lease)
    )


def retry_delay(*, attempts: int) -> timedelta:
    """Exponential backoff: base, 2x base, 4x base... capped."""
    seconds = settings.OUTBOX_RETRY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.OUTBOX_RETRY_BACKOFF_MAX_SECONDS))


def claim_job(*, message_id: int) -> Claim | None:
    """Take a due pending job (never claimed, or its lease ran out) in one conditional UPDATE,
    so two deliveries of one job never run it side by side. None if someone else holds it."""
    now = timezone.now()
    token = secrets.token_hex(16)
    taken = OutboxMessage.objects.filter(
        pk=message_id, status=OutboxStatus.PENDING, next_attempt_at__lte=now + _CLOCK_TOLERANCE
    ).update(
        run_token=token,
        attempts=F("attempts") + 1,
        next_attempt_at=now + run_lease(),
    )
    if not taken:
        return None
    return Claim(message=OutboxMessage.objects.get(pk=message_id), token=token)


def _held(claim: Claim):
    return OutboxMessage.objects.filter(
        pk=claim.message.pk, status=OutboxStatus.PENDING, run_token=claim.token
    )


def renew_lease(*, claim: Claim) -> bool:
    """Push the lease one period ahead; False once the job is no longer ours (or finished)."""
    return bool(_held(claim).update(next_attempt_at=timezone.now() + run_lease()))


def finish_job(*, claim: Claim) -> bool:
    """Mark the job done, only if it is still ours. Call inside the handler's transaction."""
    return bool(
        _held(claim).update(
            status=OutboxStatus.DONE, done_at=timezone.now(), last_error="", send_started_at=None
        )
    )


class _Heartbeat:
    """Renews a claim's lease from a thread (its own database connection) while a handler runs."""

    def __init__(self, claim: Claim) -> None:
        self._claim = claim
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._beat, name=f"outbox-heartbeat-{claim.message.pk}", daemon=True
        )

    def _beat(self) -> None:
        interval = settings.OUTBOX_HEARTBEAT_SECONDS
        try:
            while not self._stop.wait(interval):
                if not renew_lease(claim=self._claim):
                    return  # finished, or taken by another worker: nothing left to hold
        except Exception as exc:  # a database blip: the next sweep after the lease recovers it
            logger.warning(
                "outbox job %s: lease not renewed (%s)", self._claim.message.pk, type(exc).__name__
            )
        finally:
            connection.close()  # this thread's own connection

    def __enter__(self) -> "_Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()


def _record_failure(*, claim: Claim, error: BaseException) -> JobOutcome:
    message = claim.message
    # The class name only: exception texts can quote addresses or content.
    last_error = type(error).__name__[:200]
    gave_up = isinstance(error, UnknownTopic) or message.attempts >= settings.OUTBOX_MAX_ATTEMPTS
    delay = retry_delay(attempts=message.attempts)
    changes: dict = {"last_error": last_error, "send_started_at": None}
    if gave_up:
        changes["status"] = OutboxStatus.FAILED
    else:
        changes["next_attempt_at"] = timezone.now() + delay
    if not _held(claim).update(**changes):
        return LOST
    logger.warning(
        "outbox job %s (%s) failed on attempt %s: %s%s",
        message.pk,
        message.topic,
        message.attempts,
        last_error,
        "; giving up" if gave_up else "",
    )
    if gave_up:
        return JobOutcome(OutboxStatus.FAILED)
    return JobOutcome("retry", retry_in=delay)


def _fail_interrupted_send(*, claim: Claim) -> JobOutcome:
    """An earlier run began sending and never finished: it may have sent. Do not send again."""
    if not _held(claim).update(status=OutboxStatus.FAILED, last_error=INTERRUPTED_WHILE_SENDING):
        return LOST
    logger.warning(
        "outbox job %s (%s) was interrupted while sending; not sent again, marked failed",
        claim.message.pk,
        claim.message.topic,
    )
    return INTERRUPTED


def process_outbox_message(*, message_id: int) -> JobOutcome:
    """Run one job: its handler's writes and the done mark commit together."""
    claim = claim_job(message_id=message_id)
    if claim is None:
        return SKIPPED
    message = claim.message
    at_most_once = is_at_most_once(message.topic)
    if at_most_once and message.send_started_at is not None:
        return _fail_interrupted_send(claim=claim)
    handler = handler_for(message.topic)
    try:
        if handler is None:
            raise UnknownTopic(message.topic)
        if at_most_once and not _held(claim).update(send_started_at=timezone.now()):
            return LOST
        # Inside a caller's transaction (eager tests) the claim is not visible to other
        # connections, and a heartbeat would wait on our own row lock: no heartbeat then.
        heartbeat = nullcontext() if connection.in_atomic_block else _Heartbeat(claim)
        with heartbeat, transaction.atomic():
            handler(message.payload)
            if not finish_job(claim=claim):
                raise LeaseLost(message.topic)
    except LeaseLost:
        logger.warning("outbox job %s: lease lost to another worker mid-run", message.pk)
        return LOST
    except Exception as exc:
        return _record_failure(claim=claim, error=exc)
    return DONE
