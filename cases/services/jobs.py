"""What staff may do to background jobs: run a failed or stuck one again."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from cases.selectors.outbox import jobs_for_user
from cases.services.audit import record_audit_event
from jobs.models import OutboxMessage
from jobs.outbox import requeue_outbox_message


@transaction.atomic
def retry_background_job(*, job: OutboxMessage, actor: AbstractBaseUser) -> OutboxMessage:
    """A superuser, or an administrator of the job's district, gives it fresh attempts."""
    if not jobs_for_user(user=actor).filter(pk=job.pk).exists():
        raise PermissionDenied
    job = requeue_outbox_message(message=job)
    record_audit_event(
        action="outbox.retried", actor=actor, target=job, detail={"topic": job.topic}
    )
    return job
