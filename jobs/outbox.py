"""The transactional outbox: a write and the work it causes commit together, or not at all.

A service calls `enqueue_side_effect` (one topic) or `publish` (an event, one job per
subscribed topic) inside its own transaction. After commit the row is published to Celery;
if the broker is down the request still succeeds and the row stays pending, and the
periodic sweep (`jobs.tasks.sweep_outbox`) publishes it later.
"""

import re
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


def enqueue_side_effect(
    *, topic: Topic, payload: dict[str, Any], delay: timedelta | None = None
) -> OutboxMessage:
    """Record work in the caller's transaction; it is published only if that transaction commits.

    Deliberately not atomic itself: it must join the caller's transaction, never commit alone.
    """
    if not is_registered(topic.code):
        raise UnknownTopic(topic.code)
    message = OutboxMessage.objects.create(
        topic=topic.code,
        payload=_check_payload(dict(payload)),
        next_attempt_at=timezone.now() + (delay or timedelta()),
    )
    if not delay:
        message_id = message.pk
        transaction.on_commit(lambda: dispatch_after_commit(message_id=message_id))
    return message


def publish(*, event: Event, payload: dict[str, Any]) -> list[OutboxMessage]:
    """One job per topic subscribed to `event`, in the caller's transaction."""
    return [enqueue_side_effect(topic=topic, payload=payload) for topic in subscribers(event)]


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
    message.last_dispatched_at = None
    message.save(
        update_fields=[
            "status",
            "attempts",
            "next_attempt_at",
            "last_dispatched_at",
            "send_started_at",
        ]
    )
    message_id = message.pk
    transaction.on_commit(lambda: dispatch_after_commit(message_id=message_id))
    return message
