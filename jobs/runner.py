"""Running one outbox job: claim it, run its handler, record the outcome.

A job runs at least once: handlers must be safe to run twice, and a done row is never run
again. The claim is a short lease (`OUTBOX_RUN_LEASE_SECONDS`): a worker that dies mid-job
leaves the row to be run again once the lease ends.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jobs.models import OutboxMessage, OutboxStatus
from jobs.registry import handler_for

logger = logging.getLogger(__name__)

# A task that arrives a little before its row is due (clock skew) still runs.
_CLOCK_TOLERANCE = timedelta(seconds=2)
# How long a claimed job may run before the sweep considers its worker lost.
_RUN_LEASE = timedelta(minutes=10)


class UnknownTopic(LookupError):
    """No handler is registered for a topic: retrying cannot help."""


@dataclass(frozen=True)
class JobOutcome:
    """What one run of a job did; `retry_in` is set when it should run again."""

    status: str
    retry_in: timedelta | None = None


SKIPPED = JobOutcome("skipped")
DONE = JobOutcome("done")


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
    message = _claim(message_id=message_id)
    if message is None:
        return SKIPPED
    handler = handler_for(message.topic)
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
