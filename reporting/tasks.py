"""Periodic clean-up of the portal's short-lived state."""

from celery import shared_task

from reporting.drafts import delete_expired_drafts
from reporting.throttle import delete_expired_counters


@shared_task(name="reporting.tasks.purge_expired_drafts")
def purge_expired_drafts() -> dict[str, int]:
    """Abandoned drafts hold encrypted answers and files: keep them no longer than promised."""
    return {"drafts": delete_expired_drafts(), "counters": delete_expired_counters()}
