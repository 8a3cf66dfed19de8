"""Per-staff-user notification preferences."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestFrequency(models.TextChoices):
    NONE = "none", _("No email")
    EACH = "each", _("An email for each new item")
    DAILY = "daily", _("One daily digest")


class StaffPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_preferences"
    )
    digest = models.CharField(
        _("new work emails"),
        max_length=8,
        choices=DigestFrequency.choices,
        default=DigestFrequency.EACH,
    )

    def __str__(self) -> str:
        return f"{self.user_id}: {self.digest}"
