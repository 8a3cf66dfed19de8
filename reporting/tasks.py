"""Periodic clean-up of the portal's short-lived state."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from reporting.drafts import delete_expired_drafts
from reporting.throttle import delete_expired_counters


def delete_expired_sessions() -> int:
    """Django never deletes an expired session row by itself; each one left behind says when
    a browser was last here. Reporters no longer get one, but older rows and staff's go."""
    deleted, _ = Session.objects.filter(expire_date__lte=timezone.now()).delete()
    return deleted


@shared_task(name="reporting.tasks.purge_expired_drafts")
def purge_expired_drafts() -> dict[str, int]:
    """Abandoned drafts hold encrypted answers and files, sent ones a receipt for a few
    minutes: keep them no longer than promised."""
    return {
        "drafts": delete_expired_drafts(),
        "counters": delete_expired_counters(),
        "sessions": delete_expired_sessions(),
    }
