"""Transfer requests: a student moving from a sending district to a receiving one.

Both districts work on one request; each step has an owner district and a due date. The
student reference, decision reasons, messages and the shared incident summary are encrypted.

These models began in the `cases` app: their tables keep the `cases_` names and their
ciphertexts keep the `cases.` binding (`encryption_binding`), so moving them copied no data.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from cases.models.report import evidence_storage
from privacy.fields import EncryptedJSONField, EncryptedTextField


class TransferStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SENDING_REVIEW = "sending_review", _("Sending district review")
    RELEASED = "released", _("Released by the sending district")
    DENIED_BY_SENDING = "denied_sending", _("Denied by the sending district")
    RECEIVING_REVIEW = "receiving_review", _("Receiving district review")
    ACCEPTED = "accepted", _("Accepted by the receiving district")
    DENIED_BY_RECEIVING = "denied_receiving", _("Denied by the receiving district")
    RECORDS_REQUESTED = "records_requested", _("Records requested")
    RECORDS_SENT = "records_sent", _("Records sent")
    ENROLLED = "enrolled", _("Enrolled")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    APPEALED = "appealed", _("Appealed")


class TransferReason(models.TextChoices):
    DISCRIMINATION = "discrimination", _("Discrimination or harassment")
    SAFETY = "safety", _("Safety")
    ACADEMIC = "academic", _("Academic program")
    FAMILY = "family", _("Family circumstances")
    OTHER = "other", _("Other")


class TransferRequest(models.Model):
    encryption_binding = "cases.transferrequest"
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # What people say and search for ("TR-2026-00012"); the UUID stays the key in URLs.
    number = models.CharField(_("transfer number"), max_length=32, unique=True, editable=False)
    sending_district = models.ForeignKey(
        "cases.District", on_delete=models.PROTECT, related_name="transfers_out"
    )
    sending_school = models.ForeignKey(
        "cases.School", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    receiving_district = models.ForeignKey(
        "cases.District", on_delete=models.PROTECT, related_name="transfers_in"
    )
    receiving_school = models.ForeignKey(
        "cases.School", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    student_reference = EncryptedTextField(_("student reference"))
    reason_category = models.CharField(_("reason"), max_length=20, choices=TransferReason.choices)
    linked_cases = models.ManyToManyField(
        "cases.Case",
        related_name="transfer_requests",
        blank=True,
        db_table="cases_transferrequest_linked_cases",
    )
    status = models.CharField(
        max_length=20, choices=TransferStatus.choices, default=TransferStatus.SUBMITTED
    )
    owner_district = models.ForeignKey(
        "cases.District", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    step_due = models.DateField(_("step due"), null=True, blank=True, db_index=True)
    # The denial being appealed (one appeal per request).
    appealed_from = models.CharField(max_length=20, choices=TransferStatus.choices, blank=True)
    sending_decision_reason = EncryptedTextField(blank=True, default="")
    receiving_decision_reason = EncryptedTextField(blank=True, default="")
    appeal_reason = EncryptedTextField(blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic concurrency, as on cases.Case: a stale staff edit is refused, not lost.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        db_table = "cases_transferrequest"
        ordering = ["-created_at"]
        verbose_name = _("transfer request")
        verbose_name_plural = _("transfer requests")

    def __str__(self) -> str:
        return self.number


class TransferNumberSequence(models.Model):
    """One counter per year for all transfer numbers: a row claimed with a lock, so two
    requests filed at once never draw the same number."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class TransferRequestUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(TransferRequest, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        db_table = "cases_transferrequestuserobjectpermission"


class TransferRequestGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(TransferRequest, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        db_table = "cases_transferrequestgroupobjectpermission"


class TransferStep(models.Model):
    """One stay of a request in one status: the source of time-in-step figures."""

    transfer = models.ForeignKey(TransferRequest, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(max_length=20, choices=TransferStatus.choices)
    owner_district = models.ForeignKey(
        "cases.District", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    entered_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        db_table = "cases_transferstep"
        ordering = ["entered_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.entered_at:%Y-%m-%d})"


class TransferMessage(models.Model):
    """Officer-to-officer message across the two districts; body and file encrypted."""

    encryption_binding = "cases.transfermessage"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    transfer = models.ForeignKey(TransferRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_district = models.ForeignKey(
        "cases.District", on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    body = EncryptedTextField()
    attachment = models.FileField(
        storage=evidence_storage, upload_to="transfers", max_length=200, blank=True
    )
    # {"name": ..., "content_type": ..., "size": ...}
    attachment_meta = EncryptedJSONField(null=True, blank=True)

    class Meta:
        db_table = "cases_transfermessage"
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Transfer message {str(self.pk)[:8]}"


class RecordKind(models.TextChoices):
    # The stored value keeps its first spelling: the API and existing rows use it.
    ENROLLMENT = "enrolment", _("Enrollment record")
    ATTENDANCE = "attendance", _("Attendance")
    TRANSCRIPT = "transcript", _("Grades and transcript")
    SPECIAL_EDUCATION = "special_education", _("IEP or 504 plan")
    HEALTH = "health", _("Health and immunization")
    DISCIPLINE = "discipline", _("Discipline record")
    OTHER = "other", _("Other records")


class RecordsChecklistItem(models.Model):
    transfer = models.ForeignKey(TransferRequest, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField(_("record"), max_length=20, choices=RecordKind.choices)
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        db_table = "cases_recordschecklistitem"
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["transfer", "kind"], name="transfer_record_unique")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class IncidentSummaryShare(models.Model):
    """A written incident summary the sending district shares after the family consented."""

    encryption_binding = "cases.incidentsummaryshare"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    transfer = models.ForeignKey(
        TransferRequest, on_delete=models.CASCADE, related_name="summary_shares"
    )
    summary = EncryptedTextField(blank=True, default="")
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    consent_recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        db_table = "cases_incidentsummaryshare"
        ordering = ["-consent_recorded_at"]

    def __str__(self) -> str:
        return f"Summary share {str(self.pk)[:8]}"
