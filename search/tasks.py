"""Periodic search work. The per-case work runs through the outbox (`search.indexing`)."""

from celery import shared_task
from django.db import DatabaseError

from search.trend_counts import rebuild_trend_counts


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def rebuild_all_trend_counts() -> int:
    """Nightly: recount every trend cell, repairing any a lost or late job left stale."""
    return rebuild_trend_counts()
