"""Recording every time staff see a reporter's words or files: reading is an audited act."""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from cases.models import Case, EvidenceFile, Report
from cases.services.audit import record_audit_event


@transaction.atomic
def record_narrative_views(
    *, case: Case, reports: Iterable[Report], actor: AbstractBaseUser
) -> None:
    """One event per report shown, before its narrative is rendered."""
    for report in reports:
        record_audit_event(
            action="case.narrative_viewed",
            actor=actor,
            target=case,
            district=case.district,
            detail={"report": str(report.pk)},
        )


@transaction.atomic
def record_evidence_download(
    *, case: Case, evidence: EvidenceFile, actor: AbstractBaseUser
) -> None:
    record_audit_event(
        action="evidence.downloaded",
        actor=actor,
        target=case,
        district=case.district,
        detail={"report": str(evidence.report_id), "evidence": str(evidence.pk)},
    )
