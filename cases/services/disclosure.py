"""Recording every time staff see a reporter's words or files: reading is an audited act.

Only someone who may handle the case is recorded: anyone else is refused (PermissionDenied)
before the words or the file are shown."""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Case, EvidenceFile, Report
from cases.selectors.cases import check_can_handle_case
from cases.services.audit import record_audit_event, record_audit_events


@transaction.atomic
def record_narrative_views(
    *, case: Case, reports: Iterable[Report], actor: AbstractBaseUser
) -> None:
    """One event per report shown, before its narrative is rendered."""
    check_can_handle_case(user=actor, case=case)
    if any(report.case_id != case.pk for report in reports):
        raise PermissionDenied(_("This report belongs to another case."))
    record_audit_events(
        action="case.narrative_viewed",
        actor=actor,
        target=case,
        district=case.district,
        details=[{"report": str(report.pk)} for report in reports],
    )


@transaction.atomic
def record_evidence_download(
    *, case: Case, evidence: EvidenceFile, actor: AbstractBaseUser
) -> None:
    check_can_handle_case(user=actor, case=case)
    if not EvidenceFile.objects.filter(pk=evidence.pk, report__case=case).exists():
        raise PermissionDenied(_("This file belongs to another case."))
    record_audit_event(
        action="evidence.downloaded",
        actor=actor,
        target=case,
        district=case.district,
        detail={"report": str(evidence.report_id), "evidence": str(evidence.pk)},
    )
