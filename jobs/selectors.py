"""Reads over the outbox."""

from django.db.models import Count, Min
from django.utils import timezone

from jobs.models import OutboxMessage, OutboxStatus
from jobs.registry import Topic


def already_queued(*, topic: Topic, **keys) -> bool:
    """Whether a job of `topic` with these payload values exists: keeps reminders to one each."""
    lookups = {f"payload__{key}": value for key, value in keys.items()}
    return OutboxMessage.objects.filter(topic=topic.code, **lookups).exists()


def pending_jobs_summary() -> tuple[int, float | None]:
    """How many jobs wait to run and how long the oldest has waited (seconds), for monitoring
    to alert on stuck work; no job's content."""
    summary = OutboxMessage.objects.filter(status=OutboxStatus.PENDING).aggregate(
        count=Count("pk"), oldest=Min("created_at")
    )
    if summary["oldest"] is None:
        return summary["count"], None
    return summary["count"], max(0.0, (timezone.now() - summary["oldest"]).total_seconds())
