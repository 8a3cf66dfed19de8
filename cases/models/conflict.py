"""An officer's declared conflict of interest on a case.

From the declaration on, the officer no longer sees the case anywhere, whatever their role
(cases.selectors.cases.cases_for_user excludes it). The reason may name people, so it is
sealed like the narrative; the audit event records only that a conflict was declared.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from privacy.fields import EncryptedTextField


class ConflictDeclaration(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="conflicts")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_conflicts"
    )
    reason = EncryptedTextField()
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["declared_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "officer"], name="conflict_once_per_officer")
        ]

    def __str__(self) -> str:
        return f"Conflict on {self.case_id}"
