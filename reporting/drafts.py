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
from django.db.models import Q
from django.utils import timezone

from cases.evidence_rules import MAX_FILES_PER_REPORT, prepare_evidence, too_many_files_message
from reporting.models import DraftEvidence, DraftState, ReportDraft

# A Send that claimed a draft and then died (process killed) gives it back after this long;
# a live Send takes well under a second.
STALE_CLAIM = timedelta(minutes=2)


def draft_lifetime() -> timedelta:
    return timedelta(seconds=getattr(settings, "REPORTING_DRAFT_SECONDS", 2 * 60 * 60))


def receipt_handoff_lifetime() -> timedelta:
    """How long a sent draft keeps its receipt for the one-time receipt page."""
    return timedelta(seconds=getattr(settings, "REPORTING_RECEIPT_HANDOFF_SECONDS", 10 * 60))


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


def find_draft_any_state(draft_id) -> ReportDraft | None:
    """Like find_draft, for the receipt page, which also reads drafts whose life has ended."""
    try:
        pk = uuid.UUID(str(draft_id))
    except (ValueError, TypeError, AttributeError):
        return None
    return ReportDraft.objects.filter(pk=pk).first()


def claim_draft(draft: ReportDraft) -> bool:
    """Mark the draft as being sent; True for exactly one caller, whatever the timing.

    One conditional UPDATE: PostgreSQL makes a second one wait on the row and re-check the
    condition, SQLite runs writes one at a time, so two Sends can never both win."""
    now = timezone.now()
    claimable = Q(state=DraftState.OPEN) | Q(
        state=DraftState.SENDING, claimed_at__lt=now - STALE_CLAIM
    )
    won = ReportDraft.objects.filter(claimable, pk=draft.pk, expires_at__gt=now).update(
        state=DraftState.SENDING, claimed_at=now, expires_at=now + draft_lifetime()
    )
    if won:
        draft.state, draft.claimed_at = DraftState.SENDING, now
    return bool(won)


def release_draft(draft: ReportDraft) -> None:
    """Nothing was filed: the draft is open again for the reporter to fix or send again."""
    ReportDraft.objects.filter(pk=draft.pk, state=DraftState.SENDING).update(
        state=DraftState.OPEN, claimed_at=None
    )
    draft.state, draft.claimed_at = DraftState.OPEN, None


def mark_sent(*, draft: ReportDraft, receipt: str, life_safety: bool) -> None:
    """Call inside the transaction that stores the report: the draft turns into the receipt
    hand-over, its answers and files go, and it lasts only as long as the hand-over."""
    for staged in list(draft.files.all()):
        transaction.on_commit(
            lambda name=staged.file.name, storage=staged.file.storage: storage.delete(name)
        )
        staged.delete()
    draft.answers = {}
    draft.outcome = (
        {"receipt": receipt, "life_safety": life_safety}
        if receipt
        else {"life_safety": life_safety}
    )
    draft.state = DraftState.SENT
    draft.expires_at = timezone.now() + receipt_handoff_lifetime()
    draft.save(update_fields=["answers", "outcome", "state", "expires_at"])


def take_receipt(draft: ReportDraft) -> str:
    """The receipt of a sent draft, once: the first caller gets it, every later one ""."""
    receipt = (draft.outcome or {}).get("receipt", "")
    if draft.state != DraftState.SENT or not receipt:
        return ""
    if not ReportDraft.objects.filter(pk=draft.pk, state=DraftState.SENT).update(
        state=DraftState.SHOWN
    ):
        return ""
    draft.state = DraftState.SHOWN
    draft.outcome = {"life_safety": bool(draft.outcome.get("life_safety"))}
    draft.save(update_fields=["outcome"])
    return receipt


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
