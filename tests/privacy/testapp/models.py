import uuid

from django.db import models

from privacy.fields import EncryptedJSONField, EncryptedTextField


class Secret(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    label = models.CharField(max_length=50, blank=True)
    note = EncryptedTextField()
    details = EncryptedJSONField(null=True, blank=True)

    def __str__(self) -> str:
        return self.label
