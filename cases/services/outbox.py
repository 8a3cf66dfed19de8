"""The transactional outbox: a write and the work it causes commit together, or not at all.

A service calls `enqueue_side_effect` inside its own transaction. After commit the row is
published to Celery; if the broker is down the request still succeeds and the row stays
pending, and the periodic `sweep_outbox` publishes it later. A job runs at least once: handlers
must be safe to run twice, and a done row is never run again.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases.models import OutboxMessage, OutboxStatus
from cases.services.audit import record_audit_event

logger = logging.getLogger(__name__)

_SAFE_VALUE = re.compile(r"^[\w.:-]{0,64}$")
# A task that arrives a little before its row is due (clock skew) still runs.
_CLOCK_TOLERANCE = timedelta(seconds=2)
# How long a claimed job may run before the sweep considers its worker lost.
_RUN_LEASE = timedelta(minutes=10)


class UnsafeOutboxPayload(ValueError):
    """Raised when a caller tries to put content (not ids) into an outbox payload."""


class UnknownTopic(LookupError):
    """No handler is registered for a topic: retrying cannot help."""


@dataclass(frozen=True)
class JobOutcome:
    """What one run of a job did; `retry_in` is set when it should run again."""

    status: str
    retry_in: timedelta | None = None


SKIPPED = JobOutcome("skipped")
DONE = JobOutcome("done")


def _check_payload(payload: dict[str, Any]) -> dict[str, Any]:
    for key, value in payload.items():
        if not _SAFE_VALUE.match(str(key)):
            raise UnsafeOutboxPayload(f"outbox payload key {key!r} is not an identifier")
        if isinstance(value, bool | int) or value is None:
            continue
        if isinstance(value, str) and _SAFE_VALUE.match(value):
            continue
        raise UnsafeOutboxPayload(f"outbox payload {key!r} must be an id, code or number")
    return payload


def enqueue_side_effect(
    *, topic: str, payload: dict[str, Any], delay: timedelta | None = None
) -> OutboxMessage:
    """Record work in the caller's transaction; it is published only if that transaction commits.

    Deliberately not atomic itself: it must join the caller's transaction, never commit alone.
    """
    from cases.services.side_effects import HANDLERS

    if topic not in HANDLERS:
        raise UnknownTopic(topic)
    message = OutboxMessage.objects.create(
        topic=topic,
        payload=_check_payload(dict(payload)),
        next_attempt_at=timezone.now() + (delay or timedelta()),
    )
    if not delay:
        message_id = message.pk
        transaction.on_commit(lambda: dispatch_outbox_message(message_id=message_id))
    return message


def dispatch_outbox_message(*, message_id: int) -> bool:
    """Publish one job to Celery. Never raises: a broker outage leaves the row for the sweep."""
    from cases.tasks import run_outbox_message

    try:
        run_outbox_message.apply_async(args=[message_id], retry=False)
    except Exception as exc:  # broker down, DNS, timeout, or an eager run failing
        logger.warning(
            "outbox job %s not dispatched (%s); the sweep will retry",
            message_id,
            type(exc).__name__,
        )
        return False
    mark_dispatched(message_id=message_id)
    return True


def mark_dispatched(*, message_id: int) -> None:
    """Tell the sweep a delivery is on its way, so it waits a lease before sending another."""
    OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).update(
        last_dispatched_at=timezone.now()
    )


def due_for_dispatch(*, now: datetime) -> Q:
    """Pending, due, and either never published or published so long ago it must be lost."""
    lease = timedelta(seconds=settings.OUTBOX_DISPATCH_LEASE_SECONDS)
    return Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now) & (
        Q(last_dispatched_at__isnull=True) | Q(last_dispatched_at__lt=now - lease)
    )


def sweep_outbox(*, now: datetime | None = None, limit: int = 500) -> int:
    """Publish every due job that is not known to be on its way. Returns how many were sent."""
    now = now or timezone.now()
    ids = list(
        OutboxMessage.objects.filter(due_for_dispatch(now=now))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for message_id in ids:
        if not dispatch_outbox_message(message_id=message_id):
            break  # the broker is down: the rest would fail the same way
        sent += 1
    return sent


def retry_delay(*, attempts: int) -> timedelta:
    """Exponential backoff: base, 2x base, 4x base... capped."""
    seconds = settings.OUTBOX_RETRY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.OUTBOX_RETRY_BACKOFF_MAX_SECONDS))


@transaction.atomic
def _claim(*, message_id: int) -> OutboxMessage | None:
    """Take a due pending job, so that two deliveries of one job never run it side by side."""
    now = timezone.now()
    message = (
        OutboxMessage.objects.select_for_update()
        .filter(
            pk=message_id, status=OutboxStatus.PENDING, next_attempt_at__lte=now + _CLOCK_TOLERANCE
        )
        .first()
    )
    if message is None:
        return None
    message.attempts += 1
    message.next_attempt_at = now + _RUN_LEASE
    message.save(update_fields=["attempts", "next_attempt_at"])
    return message


def _record_failure(*, message: OutboxMessage, error: BaseException) -> JobOutcome:
    # The class name only: exception texts can quote addresses or content.
    message.last_error = type(error).__name__[:200]
    gave_up = isinstance(error, UnknownTopic) or message.attempts >= settings.OUTBOX_MAX_ATTEMPTS
    delay = retry_delay(attempts=message.attempts)
    if gave_up:
        message.status = OutboxStatus.FAILED
    else:
        message.next_attempt_at = timezone.now() + delay
    message.save(update_fields=["status", "last_error", "next_attempt_at"])
    logger.warning(
        "outbox job %s (%s) failed on attempt %s: %s%s",
        message.pk,
        message.topic,
        message.attempts,
        message.last_error,
        "; giving up" if gave_up else "",
    )
    if gave_up:
        return JobOutcome(OutboxStatus.FAILED)
    return JobOutcome("retry", retry_in=delay)


def process_outbox_message(*, message_id: int) -> JobOutcome:
    """Run one job: its handler's writes and the done mark commit together."""
    from cases.services.side_effects import HANDLERS

    message = _claim(message_id=message_id)
    if message is None:
        return SKIPPED
    handler: Callable[[dict], None] | None = HANDLERS.get(message.topic)
    try:
        if handler is None:
            raise UnknownTopic(message.topic)
        with transaction.atomic():
            handler(message.payload)
            OutboxMessage.objects.filter(pk=message.pk).update(
                status=OutboxStatus.DONE, done_at=timezone.now(), last_error=""
            )
    except Exception as exc:
        return _record_failure(message=message, error=exc)
    return DONE


@transaction.atomic
def retry_outbox_message(*, message: OutboxMessage, actor: AbstractBaseUser) -> OutboxMessage:
    """An administrator gives a failed (or stuck) job a fresh set of attempts."""
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.status == OutboxStatus.DONE:
        return message
    message.status = OutboxStatus.PENDING
    message.attempts = 0
    message.next_attempt_at = timezone.now()
    message.last_dispatched_at = None
    message.save(update_fields=["status", "attempts", "next_attempt_at", "last_dispatched_at"])
    record_audit_event(
        action="outbox.retried",
        actor=actor,
        target=message,
        detail={"topic": message.topic},
    )
    message_id = message.pk
    transaction.on_commit(lambda: dispatch_outbox_message(message_id=message_id))
    return message
