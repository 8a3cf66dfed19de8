"""Server-side drafts of a report: what the reporter typed, encrypted, for a short while.

Why not cookies or the browser: a shared or searched phone must not hold the report, and a
stolen draft id alone is useless after it expires. Why not the session: a draft must not be
linked to a cookie that outlives it.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.utils import timezone

from cases.evidence_rules import MAX_FILES_PER_REPORT, prepare_evidence, too_many_files_message
from reporting.models import DraftEvidence, ReportDraft


def draft_lifetime() -> timedelta:
    return timedelta(seconds=getattr(settings, "REPORTING_DRAFT_SECONDS", 2 * 60 * 60))


def start_draft() -> ReportDraft:
    now = timezone.now()
    return ReportDraft.objects.create(answers={}, created_at=now, expires_at=now + draft_lifetime())


def find_draft(draft_id: str) -> ReportDraft | None:
    """The live draft with this id, or None if it is malformed, unknown or expired."""
    try:
        pk = uuid.UUID(str(draft_id))
    except (ValueError, TypeError, AttributeError):
        return None
    return ReportDraft.objects.filter(pk=pk, expires_at__gt=timezone.now()).first()


def save_step(*, draft: ReportDraft, step: str, values: dict[str, list[str]]) -> None:
    """Keep what was typed on a step, valid or not, and give the draft a fresh lifetime."""
    answers = dict(draft.answers)
    answers[step] = values
    draft.answers = answers
    draft.expires_at = timezone.now() + draft_lifetime()
    draft.save(update_fields=["answers", "expires_at"])


@transaction.atomic
def stage_evidence(*, draft: ReportDraft, upload: UploadedFile) -> DraftEvidence:
    """Check, strip and store one file on the draft; raises ValidationError if refused."""
    if draft.files.count() >= MAX_FILES_PER_REPORT:
        raise ValidationError(too_many_files_message(), code="too_many")
    data, meta = prepare_evidence(upload)
    staged = DraftEvidence(draft=draft, meta=meta)
    staged.file.save("upload", ContentFile(data), save=False)
    staged.save()
    return staged


def remove_evidence(*, draft: ReportDraft, evidence_id: str) -> None:
    try:
        pk = uuid.UUID(str(evidence_id))
    except (ValueError, TypeError):
        return
    for staged in draft.files.filter(pk=pk):
        staged.file.delete(save=False)
        staged.delete()


def staged_uploads(draft: ReportDraft) -> list[UploadedFile]:
    """The draft's files as uploads the intake service accepts."""
    uploads = []
    for staged in draft.files.all():
        with staged.file.open("rb") as handle:
            data = handle.read()
        uploads.append(
            SimpleUploadedFile(staged.meta["name"], data, content_type=staged.meta["content_type"])
        )
    return uploads


def discard_draft(draft: ReportDraft) -> None:
    for staged in draft.files.all():
        staged.file.delete(save=False)
    draft.delete()


def delete_expired_drafts() -> int:
    expired = ReportDraft.objects.filter(expires_at__lte=timezone.now())
    count = 0
    for draft in expired.iterator():
        discard_draft(draft)
        count += 1
    return count
