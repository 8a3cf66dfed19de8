"""Evidence files: checked, stripped of photo metadata, stored encrypted."""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from cases.evidence_rules import prepare_evidence
from cases.models import EvidenceFile, Report


@transaction.atomic
def attach_evidence(*, report: Report, upload: UploadedFile) -> EvidenceFile:
    data, meta = prepare_evidence(upload)
    evidence = EvidenceFile(report=report, meta=meta)
    evidence.file.save("upload", ContentFile(data), save=False)
    evidence.save()
    return evidence
