"""Reads over the outbox."""

from jobs.models import OutboxMessage
from jobs.registry import Topic


def already_queued(*, topic: Topic, **keys) -> bool:
    """Whether a job of `topic` with these payload values exists: keeps reminders to one each."""
    lookups = {f"payload__{key}": value for key, value in keys.items()}
    return OutboxMessage.objects.filter(topic=topic.code, **lookups).exists()
