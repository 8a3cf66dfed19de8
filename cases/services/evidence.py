"""Evidence files: checked, stripped of photo metadata, stored encrypted."""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from cases.evidence_rules import check_evidence, strip_image_metadata
from cases.models import EvidenceFile, Report


@transaction.atomic
def attach_evidence(*, report: Report, upload: UploadedFile) -> EvidenceFile:
    data = upload.read()
    content_type = check_evidence(data)
    data, stripped = strip_image_metadata(data, content_type)
    evidence = EvidenceFile(
        report=report,
        meta={
            "name": (upload.name or "file")[-120:],
            "content_type": content_type,
            "size": len(data),
            "metadata_stripped": stripped,
        },
    )
    evidence.file.save("upload", ContentFile(data), save=False)
    evidence.save()
    return evidence
