"""The transactional outbox: side effects recorded in the same transaction as the write.

A row is dispatched to Celery after commit; a periodic sweep re-dispatches rows that were
never confirmed done (broker down, worker crash), so no side effect of a report is lost.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# `last_error` of an at-most-once job whose worker stopped after it began sending.
INTERRUPTED_WHILE_SENDING = "InterruptedWhileSending"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to run")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class OutboxMessage(models.Model):
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    topic = models.CharField(max_length=64)
    # Ids and codes only (JSON), never content.
    payload = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_dispatched_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    # The claim of the run in progress: a new token per claim, so a worker whose lease ran out
    # (and whose job another worker took) can neither renew nor finish it.
    run_token = models.CharField(max_length=32, blank=True)
    # Set, committed, before an at-most-once job (an email) starts sending; a job found claimed
    # again with it set may have sent already, so it fails for a person to check, not resend.
    send_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "cases_outboxmessage"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.topic} #{self.pk} ({self.status})"

    @property
    def error_text(self) -> str:
        """What went wrong, in words where the runner knows them; else the error's class name."""
        if self.last_error == INTERRUPTED_WHILE_SENDING:
            return str(
                _(
                    "Interrupted while sending; check the mail log before retrying "
                    "(it may have been sent)."
                )
            )
        return self.last_error
