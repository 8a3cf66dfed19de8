"""Intake: a submitted report becomes a stored, encrypted Report and a new Case."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import DISTRICT_ONLY_ANSWERS, Channel, TransferInterest
from cases.deadlines import acknowledge_due, investigation_due
from cases.life_safety import mentions_imminent_harm
from cases.models import (
    BiasBasis,
    Case,
    CaseNumberSequence,
    IncidentType,
    Priority,
    Report,
    School,
)
from cases.models.audit import ActorKind
from cases.selectors.organisation import schools_for_case_handling
from cases.services.audit import record_audit_event
from cases.services.evidence import attach_evidence
from cases.services.side_effects import case_opened_from_report
from privacy.blind_index import blind_tokens
from privacy.receipts import generate_receipt, hash_receipt, receipt_tag


@dataclass(frozen=True)
class ReportSubmission:
    """Everything a reporter (or a staff member taking a phone report) entered."""

    school: School
    location_type: str
    reporter_relation: str
    grade_band: str
    narrative: str
    incident_type_codes: list[str]
    bias_basis_codes: list[str]
    incident_date: date | None = None
    incident_date_is_approximate: bool = False
    people_involved: str = ""
    transfer_interest: str = TransferInterest.NO
    # "Is an adult who works at the school involved?": "" when skipped.
    staff_involved: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_consent: bool = False
    language: str = "en"
    channel: str = Channel.WEB
    evidence: list[UploadedFile] = field(default_factory=list)


@dataclass(frozen=True)
class IntakeResult:
    report: Report
    case: Case
    receipt: str  # shown to the reporter once; only its keyed hash is stored


def next_case_number(*, district, year: int) -> str:
    sequence, _ = CaseNumberSequence.objects.select_for_update().get_or_create(
        district=district, year=year
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{district.code}-{year}-{sequence.last:05d}"


def _link(row: Case | Report, name: str, targets: list) -> None:
    """Link a new `row` to `targets` through its many-to-many `name`: one INSERT."""
    relation = row._meta.get_field(name)
    through = relation.remote_field.through
    source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    through.objects.bulk_create(
        [through(**{f"{source}_id": row.pk, f"{target}_id": item.pk}) for item in targets]
    )


def _contact(submission: ReportSubmission) -> dict | None:
    if not submission.contact_consent or not (submission.contact_email or submission.contact_phone):
        return None
    return {
        "email": submission.contact_email,
        "phone": submission.contact_phone,
        "consent": True,
    }


def open_case_from_report(
    *,
    submission: ReportSubmission,
    entered_by: AbstractBaseUser | None = None,
    received_on: date | None = None,
    receipt_declined: bool = False,
) -> IntakeResult:
    """Store the report encrypted, open its case with due dates, and return the receipt.

    `entered_by`, a staff member taking a report by phone or on paper, must handle cases of
    the report's school; otherwise PermissionDenied and nothing is stored. Only such a report
    may name `received_on`, the district's day it was received (a letter opened today, a
    voicemail from last week; the caller checks it is no later than today): the report is
    dated that day and the case's due dates run from it. `receipt_declined` records, in the
    audit event, that the reporter did not want the receipt.

    The receipt's hash (scrypt, ~40 ms on purpose) is computed before the transaction: inside
    it, the district's case-number row stays locked while it runs, and every other report to
    the same district waits (docs/benchmarks.md, intake).
    """
    if entered_by is not None and not (
        schools_for_case_handling(user=entered_by).filter(pk=submission.school.pk).exists()
    ):
        raise PermissionDenied(_("You cannot take reports for this school."))
    if entered_by is None and (received_on is not None or receipt_declined):
        raise ValueError(
            "Only a report recorded by staff has a received date or a declined receipt."
        )
    receipt = generate_receipt()
    return _store_report(
        submission=submission,
        entered_by=entered_by,
        receipt=receipt,
        receipt_hash=hash_receipt(receipt),
        received_on=received_on,
        receipt_declined=receipt_declined,
    )


@transaction.atomic
def _store_report(
    *,
    submission: ReportSubmission,
    entered_by: AbstractBaseUser | None,
    receipt: str,
    receipt_hash: str,
    received_on: date | None,
    receipt_declined: bool,
) -> IntakeResult:
    school = submission.school
    district = school.district
    # The district's day, never the time: see cases.models.arrival. The district's
    # case-number row, locked below, serialises the day's sequence of cases and reports.
    today = received_on or timezone.localdate()
    urgent = mentions_imminent_harm(submission.narrative, submission.people_involved)
    incident_types = list(IncidentType.objects.filter(code__in=submission.incident_type_codes))
    bias_bases = list(BiasBasis.objects.filter(code__in=submission.bias_basis_codes))

    case = Case.objects.create(
        number=next_case_number(district=district, year=today.year),
        district=district,
        school=school,
        channel=submission.channel,
        opened_on=today,
        acknowledge_due=acknowledge_due(district=district, opened_on=today),
        investigation_due=investigation_due(district=district, opened_on=today),
        incident_date=submission.incident_date,
        location_type=submission.location_type,
        grade_band=submission.grade_band,
        transfer_interest=submission.transfer_interest,
        life_safety=urgent,
        priority=Priority.URGENT if urgent else Priority.NORMAL,
        district_only=submission.staff_involved in DISTRICT_ONLY_ANSWERS,
    )
    # `auto_now` stamped the arrival time: a new case has not been changed by anyone yet.
    Case.objects.filter(pk=case.pk).update(updated_at=None)
    case.updated_at = None
    # A new row has no links yet: insert them, without the read `set()` makes first.
    _link(case, "incident_types", incident_types)
    _link(case, "bias_bases", bias_bases)

    report = Report.objects.create(
        case=case,
        receipt_hash=receipt_hash,
        receipt_tag=receipt_tag(receipt),
        submitted_on=today,
        channel=submission.channel,
        entered_by=entered_by,
        language=submission.language,
        school=school,
        location_type=submission.location_type,
        incident_date=submission.incident_date,
        incident_date_is_approximate=submission.incident_date_is_approximate,
        reporter_relation=submission.reporter_relation,
        grade_band=submission.grade_band,
        transfer_interest=submission.transfer_interest,
        life_safety=urgent,
        staff_involved=submission.staff_involved,
        narrative=submission.narrative,
        people_involved=submission.people_involved,
        contact=_contact(submission),
        text_tokens=sorted(blind_tokens(f"{submission.narrative}\n{submission.people_involved}")),
        people_tokens=sorted(blind_tokens(submission.people_involved)),
    )
    _link(report, "incident_types", incident_types)
    _link(report, "bias_bases", bias_bases)
    for upload in submission.evidence:
        attach_evidence(report=report, upload=upload)

    detail = {"report": str(report.pk), "channel": submission.channel}
    if entered_by is not None:
        detail["received_on"] = today.isoformat()
        detail["receipt"] = "declined" if receipt_declined else "handed_over"
    record_audit_event(
        action="report.recorded_by_staff" if entered_by else "report.submitted",
        actor=entered_by,
        actor_kind=ActorKind.STAFF if entered_by else ActorKind.REPORTER,
        target=case,
        district=district,
        detail=detail,
    )
    case_opened_from_report(case=case)
    return IntakeResult(report=report, case=case, receipt=receipt)
