"""A staff-entered report's receipt, waiting to be shown once to the officer who recorded it.

The receipt itself is never stored in clear and never in a URL: the row holds it encrypted
for a few minutes, the receipt page takes it off the row on its first visit, and the row
goes once it expires (cleared by the next staff entry).
"""

import uuid

from django.conf import settings
from django.db import models

from privacy.fields import EncryptedTextField


class ReceiptHandover(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    # The reporter's language: the receipt is printed in it.
    language = models.CharField(max_length=16)
    received_on = models.DateField()
    life_safety = models.BooleanField(default=False)
    # Emptied when shown: the page that shows it is the only place it ever appears.
    receipt = EncryptedTextField(blank=True, default="")
    shown = models.BooleanField(default=False)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Receipt hand-over {str(self.pk)[:8]}"
