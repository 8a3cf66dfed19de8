"""What is left of a purged case: an id, dates and the audit trail, nothing else."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PurgedCase(models.Model):
    case_id = models.UUIDField(unique=True)
    number = models.CharField(max_length=32)
    district = models.ForeignKey("cases.District", on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField()
    closed_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField()

    class Meta:
        ordering = ["-purged_at"]
        verbose_name = _("purged case")
        verbose_name_plural = _("purged cases")

    def __str__(self) -> str:
        return f"{self.number} (purged {self.purged_at:%Y-%m-%d})"
