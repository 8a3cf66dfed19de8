"""Periodic trend work. The per-case recount runs through the outbox (`trends.topics`)."""

from celery import shared_task
from django.db import DatabaseError

from trends.counts import rebuild_trend_counts


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def rebuild_all_trend_counts() -> int:
    """Nightly: recount every trend cell, repairing any a lost or late job left stale."""
    return rebuild_trend_counts()
