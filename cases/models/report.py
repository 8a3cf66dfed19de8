"""What a reporter submitted. Immutable once submitted: later additions are messages or files."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import (
    Channel,
    GradeBand,
    Language,
    LocationType,
    ReporterRelation,
    StaffInvolvement,
    TransferInterest,
)
from cases.languages import language_choices
from cases.models.arrival import DaySequenced
from privacy.fields import EncryptedJSONField, EncryptedTextField


def evidence_storage():
    return storages["evidence"]


class Report(DaySequenced):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="reports")
    receipt_hash = models.CharField(max_length=80, unique=True, editable=False)
    # 16 bits of a keyed HMAC of the receipt (privacy.receipts.receipt_tag): lets a reply be
    # checked for the receipt without a scrypt per number. Empty for reports filed before it
    # existed until their reporter next signs in.
    receipt_tag = models.CharField(max_length=8, blank=True, default="", editable=False)
    # The district's day only (see cases.models.arrival); `sequence` orders the district's
    # reports within a day.
    submitted_on = models.DateField(default=timezone.localdate)
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.WEB)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Staff member who entered a phone or paper report."),
    )
    # The language the report was written in (settings.LANGUAGES); the officer sees it.
    language = models.CharField(max_length=16, choices=language_choices, default=Language.ENGLISH)

    school = models.ForeignKey("cases.School", on_delete=models.PROTECT, related_name="+")
    location_type = models.CharField(max_length=20, choices=LocationType.choices)
    incident_date = models.DateField(null=True, blank=True)
    incident_date_is_approximate = models.BooleanField(default=False)
    incident_types = models.ManyToManyField("cases.IncidentType", related_name="reports")
    bias_bases = models.ManyToManyField("cases.BiasBasis", related_name="reports")
    reporter_relation = models.CharField(max_length=20, choices=ReporterRelation.choices)
    grade_band = models.CharField(max_length=10, choices=GradeBand.choices)
    transfer_interest = models.CharField(
        max_length=12, choices=TransferInterest.choices, default=TransferInterest.NO
    )
    life_safety = models.BooleanField(default=False)
    # "Is an adult who works at the school involved?": "" when the reporter skipped it.
    staff_involved = models.CharField(
        max_length=10, choices=StaffInvolvement.choices, blank=True, default=""
    )

    narrative = EncryptedTextField()
    people_involved = EncryptedTextField(blank=True, default="")
    # {"email": ..., "phone": ..., "consent": true}; null when the reporter left none.
    contact = EncryptedJSONField(null=True, blank=True)

    # Keyed blind-index tokens (never plaintext) computed at intake, for keyword search
    # and for suggesting related cases that name the same people.
    text_tokens = models.JSONField(default=list, editable=False)
    people_tokens = models.JSONField(default=list, editable=False)

    class Meta:
        ordering = ["submitted_on", "sequence"]
        indexes = [models.Index(fields=["submitted_on", "school"], name="report_day_school")]

    def __str__(self) -> str:
        return f"Report {str(self.pk)[:8]}"

    def sequence_scope(self) -> models.QuerySet:
        return Report.objects.filter(
            school__district_id=self.school.district_id, submitted_on=self.submitted_on
        )


class EvidenceFile(DaySequenced):
    """An uploaded file. Name, type and size are encrypted with the content."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=evidence_storage, upload_to="evidence", max_length=200)
    # {"name": ..., "content_type": ..., "size": ..., "metadata_stripped": bool}
    meta = EncryptedJSONField()
    added_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["added_on", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["report", "sequence"], name="evidence_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"Evidence {str(self.pk)[:8]}"

    def sequence_scope(self) -> models.QuerySet:
        return EvidenceFile.objects.filter(report_id=self.report_id)


class MessageDirection(models.TextChoices):
    TO_REPORTER = "to_reporter", _("To the reporter")
    FROM_REPORTER = "from_reporter", _("From the reporter")


class ReporterMessage(DaySequenced):
    """One message on a report's anonymous thread (officer <-> reporter via receipt)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=16, choices=MessageDirection.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Days only, both ways: a reply's time, or when the reporter read a message, would tell
    # staff when the reporter was online. `sequence` orders the report's thread.
    created_on = models.DateField(default=timezone.localdate, db_index=True)
    read_on = models.DateField(null=True, blank=True)
    body = EncryptedTextField()
    text_tokens = models.JSONField(default=list, editable=False)

    class Meta:
        ordering = ["created_on", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["report", "sequence"], name="message_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"Message {str(self.pk)[:8]}"

    def sequence_scope(self) -> models.QuerySet:
        return ReporterMessage.objects.filter(report_id=self.report_id)
