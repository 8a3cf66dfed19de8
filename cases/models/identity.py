"""A reporter who began anonymously may later tell the district who they are.

The name and contact are sealed like the narrative; staff learn only that an identity was
shared. Seeing it takes a reveal request by one officer handling the case and the approval
of a second one (cases.services.identity_reveal), and every step and view is audited.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.fields import EncryptedTextField


class IdentityDisclosure(models.Model):
    """What the reporter shared, one per report; a correction replaces it in place."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.OneToOneField(
        "cases.Report", on_delete=models.CASCADE, related_name="identity_disclosure"
    )
    name = EncryptedTextField()
    email = EncryptedTextField(blank=True, default="")
    phone = EncryptedTextField(blank=True, default="")
    # The day only, as for everything a reporter does (cases.models.arrival).
    shared_on = models.DateField(default=timezone.localdate)
    corrected_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Identity disclosure {str(self.pk)[:8]}"


class RevealStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a second officer")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class IdentityRevealRequest(models.Model):
    """One officer asks to see the identity; a different officer decides.

    Only the requester and the approver of an approved request see the identity: another
    officer who needs it asks, and a colleague agrees, again.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    disclosure = models.ForeignKey(
        IdentityDisclosure, on_delete=models.CASCADE, related_name="reveal_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    # Staff's words can name people too: sealed like a case note.
    reason = EncryptedTextField()
    status = models.CharField(
        max_length=10, choices=RevealStatus.choices, default=RevealStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]

    def __str__(self) -> str:
        return f"Reveal request {str(self.pk)[:8]}"
