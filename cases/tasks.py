"""Celery tasks: each takes ids, then calls a service. The outbox row is the source of truth.

A failed job is retried by Celery after the outbox's own backoff (so the row and the broker
agree on when it runs next). A database outage while claiming a job is retried by
`autoretry_for` with exponential backoff. With eager tasks (dev, no broker) a failed job
is not retried inline: it waits for the sweep, so a request never loops on a failing handler.
"""

from celery import shared_task
from django.db import DatabaseError

from cases.services import outbox
from cases.services.reminders import queue_daily_digests as queue_digests_service
from cases.services.reminders import send_deadline_reminders as reminders_service
from cases.services.scheduled_retention import run_scheduled_retention


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=10,
)
def run_outbox_message(self, message_id: int) -> str:
    outcome = outbox.process_outbox_message(message_id=message_id)
    if outcome.retry_in is not None and not self.request.is_eager:
        outbox.mark_dispatched(message_id=message_id)
        raise self.retry(countdown=outcome.retry_in.total_seconds(), max_retries=None)
    return outcome.status


@shared_task
def sweep_outbox() -> int:
    return outbox.sweep_outbox()


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def send_deadline_reminders() -> int:
    return reminders_service()


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def queue_daily_digests() -> int:
    return queue_digests_service()


@shared_task
def run_retention() -> dict:
    run = run_scheduled_retention()
    return {"purged": run.purged, "would_purge": run.would_purge, "skipped": run.skipped}
