"""Portal-only state: unfinished drafts and anonymous rate counters. Nothing here names a person
or a device: no IP address, user agent, referrer or session is ever stored with a row."""

import uuid

from django.core.files.storage import storages
from django.db import models
from django.utils import timezone

from privacy.fields import EncryptedJSONField


def evidence_storage():
    return storages["evidence"]


class DraftState(models.TextChoices):
    OPEN = "open"
    # Claimed by one Send: any other Send of the draft waits on its outcome, never files again.
    SENDING = "sending"
    # Filed: the answers and files are gone; `outcome` holds the receipt until it is shown.
    SENT = "sent"
    SHOWN = "shown"


class ReportDraft(models.Model):
    """A report being written. Found only by its random id, carried in a hidden form field
    (never in a URL or cookie, so it stays out of browser history). Expires unless touched.

    Once sent, the row stays a few minutes as the report's one-time receipt hand-over, with
    no link to the report it became."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # {"<step>": {"<field>": value, ...}, ...}: exactly what the reporter typed.
    answers = EncryptedJSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    state = models.CharField(max_length=8, choices=DraftState.choices, default=DraftState.OPEN)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # {"receipt": "<digits>", "life_safety": bool}; the receipt is removed once shown.
    outcome = EncryptedJSONField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Draft {str(self.pk)[:8]}"


class DraftEvidence(models.Model):
    """A file attached to a draft, already checked and stripped, stored encrypted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    draft = models.ForeignKey(ReportDraft, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(storage=evidence_storage, upload_to="drafts", max_length=200)
    # {"name": ..., "content_type": ..., "size": ...}
    meta = EncryptedJSONField()
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at"]

    def __str__(self) -> str:
        return f"Draft file {str(self.pk)[:8]}"


class RateCounter(models.Model):
    """A count within a fixed time window. Keys are fixed names or keyed hashes, never a
    receipt, an address or anything that identifies a device."""

    key = models.CharField(max_length=80, primary_key=True)
    window_ends_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.key
