"""Periodic outcome work, run by Celery beat: each task calls a service."""

from celery import shared_task
from django.db import DatabaseError

from outcomes.services import ask_due_check_ins as ask_due_check_ins_service


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def ask_due_check_ins() -> int:
    """Safe to run twice: each check-in is claimed once (outcomes.services)."""
    return ask_due_check_ins_service()
