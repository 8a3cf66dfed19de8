"""Bookkeeping for the privacy mechanisms. Holds no personal data."""

from django.db import models


class KeyRotationCheckpoint(models.Model):
    """How far ``rotate_encryption_keys`` got for one model, so a stopped run resumes.

    Updated in the same transaction as each batch it records; deleted once the model is done.
    A checkpoint for a different ``target_key_id`` is stale and ignored.
    """

    model_label = models.CharField(max_length=200, unique=True)
    target_key_id = models.CharField(max_length=16)
    last_pk = models.CharField(max_length=64, blank=True)
    rows_done = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "key rotation checkpoint"

    def __str__(self) -> str:
        return f"{self.model_label} -> {self.target_key_id} ({self.rows_done} rows)"
