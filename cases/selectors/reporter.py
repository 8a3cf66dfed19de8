"""What a reporter sees through their receipt: their own report only, in plain language."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import CaseStatus, EvidenceFile, Report, ReporterMessage
from privacy.receipts import hash_receipt, normalise_receipt


@dataclass(frozen=True)
class PlainStatus:
    label: Promise
    meaning: Promise
    next_step: Promise
    due: date | None


def _plain_status(report: Report) -> PlainStatus:
    case = report.case
    status = case.status
    if status == CaseStatus.NEW:
        return PlainStatus(
            _("Received"),
            _("Your report has arrived and is waiting for the district's equity officer."),
            _("An officer will read it and acknowledge it."),
            case.acknowledge_due,
        )
    if status in (CaseStatus.TRIAGE, CaseStatus.REOPENED):
        return PlainStatus(
            _("Being reviewed"),
            _("An officer has read your report and is deciding what to do next."),
            _(
                "The officer decides whether to open an investigation. They may send you "
                "questions here."
            ),
            case.investigation_due,
        )
    if status == CaseStatus.INVESTIGATING:
        return PlainStatus(
            _("Under investigation"),
            _("The district is looking into what happened."),
            _("The investigation should finish by the date below. Check here for questions."),
            case.investigation_due,
        )
    if status == CaseStatus.FINDING_ISSUED:
        return PlainStatus(
            _("Decision made"),
            _("The district has finished its investigation and reached a decision."),
            _("The officer will explain the outcome here, then close the case."),
            None,
        )
    if status == CaseStatus.REFERRED_OUT:
        return PlainStatus(
            _("Passed to another office"),
            _("Your report was sent to another office that handles this kind of matter."),
            _("The officer may write to you here with details."),
            None,
        )
    if status == CaseStatus.WITHDRAWN:
        return PlainStatus(
            _("Withdrawn"),
            _("This report was withdrawn."),
            _("You can still write here if something new happens."),
            None,
        )
    return PlainStatus(
        _("Closed"),
        _("The district has finished with this report."),
        _("If anything new happens, or someone retaliates, tell us here."),
        None,
    )


@dataclass(frozen=True)
class ReporterView:
    report: Report
    status: PlainStatus
    messages: list[ReporterMessage]
    evidence_count: int
    unread_count: int


def report_for_receipt(receipt: str) -> Report | None:
    """The report this receipt opens, by an indexed lookup on the keyed hash."""
    digits = normalise_receipt(receipt)
    if digits is None:
        return None
    return Report.objects.filter(receipt_hash=hash_receipt(digits)).first()


def report_for_session(report_id) -> Report | None:
    if not report_id:
        return None
    try:
        return Report.objects.select_related("case").filter(pk=report_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def messages_for_reporter(report: Report) -> QuerySet[ReporterMessage]:
    return ReporterMessage.objects.filter(report=report).order_by("created_on", "sequence")


def reporter_view(report: Report) -> ReporterView:
    messages = list(messages_for_reporter(report))
    return ReporterView(
        report=report,
        status=_plain_status(report),
        messages=messages,
        evidence_count=EvidenceFile.objects.filter(report=report).count(),
        unread_count=sum(1 for m in messages if m.direction == "to_reporter" and m.read_on is None),
    )
