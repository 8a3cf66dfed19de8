"""The transactional outbox: a write and the work it causes commit together, or not at all.

A service calls `enqueue_side_effect` (one topic), `publish` (an event, one job per
subscribed topic) or `enqueue_side_effects` (several jobs at once) inside its own
transaction. After commit the rows are published to Celery, several in one broker message
(`jobs.tasks.dispatch_after_commit`); if the broker is down the request still succeeds and
the rows stay pending, and the periodic sweep (`jobs.tasks.sweep_outbox`) publishes them later.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from jobs.models import OutboxMessage, OutboxStatus
from jobs.registry import Event, Topic, is_registered, subscribers
from jobs.runner import UnknownTopic
from jobs.tasks import dispatch_after_commit

_SAFE_VALUE = re.compile(r"^[\w.:-]{0,64}$")


class UnsafeOutboxPayload(ValueError):
    """Raised when a caller tries to put content (not ids) into an outbox payload."""


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


@dataclass(frozen=True)
class Job:
    """One job to record: what runs, on which ids, and how long after the commit."""

    topic: Topic
    payload: dict[str, Any] = field(default_factory=dict)
    delay: timedelta | None = None


def enqueue_side_effects(*, jobs: Iterable[Job]) -> list[OutboxMessage]:
    """Record several jobs in the caller's transaction with one INSERT; those without a delay
    are published together after commit (one broker message), the others by the sweep when due.
    The rows published after commit are recorded as dispatched already, so the sweep leaves
    them alone and a successful publish needs no second write (`dispatch_after_commit`).

    Deliberately not atomic itself: it must join the caller's transaction, never commit alone.
    """
    jobs = list(jobs)
    for job in jobs:
        if not is_registered(job.topic.code):
            raise UnknownTopic(job.topic.code)
    now = timezone.now()
    messages = OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(
                topic=job.topic.code,
                payload=_check_payload(dict(job.payload)),
                next_attempt_at=now + (job.delay or timedelta()),
                last_dispatched_at=None if job.delay else now,
            )
            for job in jobs
        ]
    )
    now_ids = [message.pk for message, job in zip(messages, jobs, strict=True) if not job.delay]
    if now_ids:
        transaction.on_commit(lambda: dispatch_after_commit(message_ids=now_ids))
    return messages


def enqueue_side_effect(
    *, topic: Topic, payload: dict[str, Any], delay: timedelta | None = None
) -> OutboxMessage:
    """Record one job in the caller's transaction; it is published only if that transaction
    commits. Deliberately not atomic itself (see `enqueue_side_effects`)."""
    return enqueue_side_effects(jobs=[Job(topic=topic, payload=payload, delay=delay)])[0]


def jobs_for(*, event: Event, payload: dict[str, Any]) -> list[Job]:
    """One job per topic subscribed to `event`."""
    return [Job(topic=topic, payload=payload) for topic in subscribers(event)]


def publish(*, event: Event, payload: dict[str, Any]) -> list[OutboxMessage]:
    """One job per topic subscribed to `event`, in the caller's transaction."""
    jobs = jobs_for(event=event, payload=payload)
    return enqueue_side_effects(jobs=jobs) if jobs else []


def requeue_outbox_message(*, message: OutboxMessage) -> OutboxMessage:
    """A failed (or stuck) job gets a fresh set of attempts.

    A pending job keeps `send_started_at`: if it is stuck mid-send, the next claim fails it
    for a check instead of mailing twice.

    Deliberately not atomic itself: the caller checks who may do it and audits it in the
    same transaction (`cases.services.jobs.retry_background_job`)."""
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.status == OutboxStatus.DONE:
        return message
    if message.status == OutboxStatus.FAILED:
        # Staff checked the mail log of an interrupted send: this retry may send again.
        message.send_started_at = None
    message.status = OutboxStatus.PENDING
    message.attempts = 0
    message.next_attempt_at = timezone.now()
    message.last_dispatched_at = timezone.now()  # published after commit (dispatch_after_commit)
    message.save(
        update_fields=[
            "status",
            "attempts",
            "next_attempt_at",
            "last_dispatched_at",
            "send_started_at",
        ]
    )
    message_ids = [message.pk]
    transaction.on_commit(lambda: dispatch_after_commit(message_ids=message_ids))
    return message
