"""Periodic transfer work, run by Celery beat."""

from celery import shared_task
from django.db import DatabaseError

from transfers.side_effects import send_transfer_step_reminders as reminders_service


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def send_transfer_step_reminders() -> int:
    return reminders_service()
