"""Periodic case work, run by Celery beat: each task calls a service."""

from celery import shared_task
from django.db import DatabaseError

from cases.services.reminders import queue_daily_digests as queue_digests_service
from cases.services.reminders import send_deadline_reminders as reminders_service
from cases.services.scheduled_retention import run_scheduled_retention


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
