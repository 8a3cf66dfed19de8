"""The staff side of one or more reports."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import Channel, GradeBand, LocationType, TransferInterest
from cases.models.arrival import DaySequenced
from privacy.fields import EncryptedTextField


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    TRIAGE = "triage", _("Triage")
    INVESTIGATING = "investigating", _("Investigating")
    FINDING_ISSUED = "finding_issued", _("Finding issued")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    REFERRED_OUT = "referred_out", _("Referred out")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Priority(models.IntegerChoices):
    LOW = 1, _("Low")
    NORMAL = 2, _("Normal")
    HIGH = 3, _("High")
    URGENT = 4, _("Urgent")


class Case(DaySequenced):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.CharField(_("case number"), max_length=32, unique=True)
    district = models.ForeignKey("cases.District", on_delete=models.PROTECT, related_name="cases")
    school = models.ForeignKey(
        "cases.School", on_delete=models.PROTECT, related_name="cases", null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("assigned to"),
    )
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.WEB)
    # The district's day the case was opened, never the time: a case opened from a report
    # would tell staff when the reporter acted. `sequence` orders one district's cases.
    opened_on = models.DateField(_("opened"), default=timezone.localdate, db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledge_due = models.DateField(_("acknowledge by"), null=True, blank=True)
    investigation_due = models.DateField(_("investigation due"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # When staff last changed the case; empty until then, since the time a case was created
    # from a report is the time the reporter sent it.
    updated_at = models.DateTimeField(auto_now=True, null=True, blank=True)

    # Non-identifying facts copied from the reports, used by queues, search and trends.
    incident_date = models.DateField(_("incident date"), null=True, blank=True)
    location_type = models.CharField(max_length=20, choices=LocationType.choices, blank=True)
    grade_band = models.CharField(max_length=10, choices=GradeBand.choices, blank=True)
    incident_types = models.ManyToManyField("cases.IncidentType", related_name="cases", blank=True)
    bias_bases = models.ManyToManyField("cases.BiasBasis", related_name="cases", blank=True)
    transfer_interest = models.CharField(
        max_length=12, choices=TransferInterest.choices, default=TransferInterest.NO
    )
    life_safety = models.BooleanField(_("possible imminent harm"), default=False)
    # Set when a report says school staff may be involved: the school's own officers never
    # see the case, only district-level ones (cases.selectors.cases.cases_for_user).
    district_only = models.BooleanField(_("kept at district level"), default=False)
    # Set when a reporter answers a retaliation check-in "yes" (outcomes app): the case was
    # reopened for it, or opened as a follow-up of `follow_up_of`. The queue flags it.
    retaliation_follow_up = models.BooleanField(_("retaliation follow-up"), default=False)
    follow_up_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("follow-up of"),
    )

    legal_hold = models.BooleanField(
        _("legal hold"),
        default=False,
        help_text=_("Blocks purge and any change to findings until lifted."),
    )
    findings = EncryptedTextField(_("findings"), blank=True, default="")
    actions_taken = EncryptedTextField(_("actions taken"), blank=True, default="")
    # Optimistic concurrency: every staff edit names the version its form was built from and
    # bumps it (cases/services/versions.py), so a stale save is refused instead of lost.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-life_safety", "-priority", "opened_on", "sequence"]
        indexes = [
            models.Index(fields=["district", "status", "opened_on"]),
            models.Index(fields=["district", "opened_on", "sequence"], name="case_day_sequence"),
            models.Index(fields=["school", "status"]),
            models.Index(fields=["acknowledge_due"]),
            models.Index(fields=["investigation_due"]),
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.number

    def sequence_scope(self) -> models.QuerySet:
        return Case.objects.filter(district_id=self.district_id, opened_on=self.opened_on)


class CaseNumberSequence(models.Model):
    """Per-district, per-year counter so case numbers are short and readable."""

    district = models.ForeignKey("cases.District", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["district", "year"], name="case_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.district_id}/{self.year}: {self.last}"


class CaseNote(models.Model):
    """An internal note: seen by the case team only, encrypted at rest."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    body = EncryptedTextField(_("note"))

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Note {str(self.pk)[:8]}"
