"""The audit trail: who did what to which object, and when. Never any content."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    STAFF = "staff", _("Staff user")
    REPORTER = "reporter", _("Reporter via receipt")
    SYSTEM = "system", _("System")


class AuditEvent(models.Model):
    # The district's day of every event; the time only of events staff or the system
    # caused. An event a reporter caused has no time (None): it would date their action.
    # Events of one day are ordered by id.
    on = models.DateField(default=timezone.localdate, db_index=True)
    at = models.DateTimeField(default=timezone.now, null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who the staff actor was when they acted, copied at write time: deleting the account
    # nulls `actor`, and renaming it must not rewrite history, so an auditor reads these.
    actor_username = models.CharField(max_length=150, blank=True, default="")
    actor_name = models.CharField(max_length=300, blank=True, default="")
    actor_kind = models.CharField(max_length=16, choices=ActorKind.choices)
    action = models.CharField(max_length=64)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    district = models.ForeignKey(
        "cases.District", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "on"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.action} {self.target_type}:{self.target_id}"
