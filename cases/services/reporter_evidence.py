"""Files a reporter adds later through their receipt: new entries, never edits of the report."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from cases.evidence_rules import MAX_FILES_PER_REPORT
from cases.models import EvidenceFile, Report
from cases.models.audit import ActorKind
from cases.services.audit import record_audit_event
from cases.services.evidence import attach_evidence

MAX_FILES_IN_TOTAL = 4 * MAX_FILES_PER_REPORT


@transaction.atomic
def add_reporter_evidence(*, report: Report, uploads: list[UploadedFile]) -> list[EvidenceFile]:
    """Attach every file or none: one refused file rolls the others back, so the reporter
    never wonders which of their files arrived."""
    if len(uploads) > MAX_FILES_PER_REPORT:
        raise ValidationError(
            _("Add at most %(count)s files at a time.") % {"count": MAX_FILES_PER_REPORT},
            code="too_many",
        )
    # Hold the report so that two uploads cannot draw the same place in its file list.
    Report.objects.select_for_update().filter(pk=report.pk).values_list("pk").first()
    if EvidenceFile.objects.filter(report=report).count() + len(uploads) > MAX_FILES_IN_TOTAL:
        raise ValidationError(
            _("This report already has the most files it can hold (%(count)s).")
            % {"count": MAX_FILES_IN_TOTAL},
            code="too_many",
        )
    added: list[EvidenceFile] = []
    try:
        for upload in uploads:
            added.append(attach_evidence(report=report, upload=upload))
    except Exception:
        for evidence in added:  # the rows roll back; their encrypted files must go too
            evidence.file.delete(save=False)
        raise
    record_audit_event(
        action="evidence.added_by_reporter",
        actor_kind=ActorKind.REPORTER,
        target=report.case,
        district=report.case.district,
        detail={"report": str(report.pk), "files": len(added)},
    )
    return added
