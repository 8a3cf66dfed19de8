"""Celery's side of the outbox: publishing due rows and running them.

A failed job is retried by Celery after the outbox's own backoff (so the row and the broker
agree on when it runs next). A database outage while claiming a job is retried by
`autoretry_for` with exponential backoff. With eager tasks (dev, no broker) a failed job
is not retried inline: it waits for the sweep, so a request never loops on a failing handler.
The task names are those the tasks had in the `cases` app, so messages already queued under
them still run after an upgrade.
"""

import logging
import time
from datetime import datetime

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnreachable

from jobs.models import OutboxMessage
from jobs.runner import (
    due_for_dispatch,
    mark_dispatched,
    process_outbox_message,
    unmark_dispatched,
)

logger = logging.getLogger(__name__)


@shared_task(
    name="cases.tasks.run_outbox_message",
    bind=True,
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=10,
)
def run_outbox_message(self, message_id: int) -> str:
    outcome = process_outbox_message(message_id=message_id)
    if outcome.retry_in is not None and not self.request.is_eager:
        mark_dispatched(message_ids=[message_id])
        raise self.retry(countdown=outcome.retry_in.total_seconds(), max_retries=None)
    return outcome.status


# After a failed publish, the jobs a request commits next skip the broker for this long and
# wait for the sweep: a report makes several jobs, and a reporter must not wait one connect
# timeout per job while the broker is down. The sweep always tries, and a success ends it.
BROKER_BACKOFF_SECONDS = 30.0
_broker_unreachable_until = 0.0


def _send(task, args: list, *, jobs: str) -> bool:
    """Publish one task. Never raises: a broker outage leaves the rows for the sweep."""
    global _broker_unreachable_until
    try:
        task.apply_async(args=args, retry=False)
    except Exception as exc:  # broker down, DNS, timeout, or an eager run failing
        if isinstance(exc, BrokerUnreachable | OSError):
            _broker_unreachable_until = time.monotonic() + BROKER_BACKOFF_SECONDS
        logger.warning(
            "outbox job %s not dispatched (%s); the sweep will retry", jobs, type(exc).__name__
        )
        return False
    _broker_unreachable_until = 0.0
    return True


def dispatch_outbox_message(*, message_id: int) -> bool:
    """Publish one job to Celery. Never raises: a broker outage leaves the row for the sweep."""
    if not _send(run_outbox_message, [message_id], jobs=str(message_id)):
        return False
    mark_dispatched(message_ids=[message_id])
    return True


@shared_task(name="jobs.tasks.dispatch_outbox_messages")
def dispatch_outbox_messages(message_ids: list[int]) -> int:
    """On a worker: publish each job of one commit as its own task (they run, retry and fail
    apart). A lost fan-out loses nothing: the rows stay pending and the sweep sends them."""
    return sum(dispatch_outbox_message(message_id=message_id) for message_id in message_ids)


def dispatch_after_commit(*, message_ids: list[int]) -> bool:
    """What a committed write calls: publish now, unless a publish failed moments ago.

    The write's own transaction already marked the rows dispatched (`jobs.outbox`), so a
    successful publish costs no UPDATE; a failed or skipped one clears the mark, and the
    sweep sends the rows on its next pass. Several jobs of one commit (a new report makes
    four) go to the broker as one message, fanned out by a worker
    (`dispatch_outbox_messages`), so the request pays one broker round trip. If the process
    dies between commit and publish, the sweep sends the rows once the dispatch lease
    (`OUTBOX_DISPATCH_LEASE_SECONDS`) has run out.
    """
    jobs = ",".join(map(str, message_ids))
    if time.monotonic() < _broker_unreachable_until:
        sent = False
    elif len(message_ids) == 1:
        sent = _send(run_outbox_message, [message_ids[0]], jobs=jobs)
    else:
        sent = _send(dispatch_outbox_messages, [list(message_ids)], jobs=jobs)
    if not sent:
        unmark_dispatched(message_ids=message_ids)
    return sent


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


@shared_task(name="jobs.tasks.sweep_outbox")
def sweep_outbox_task() -> int:
    return sweep_outbox()
