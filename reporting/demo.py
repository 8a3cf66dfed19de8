"""Sample reports for the demo: English and Spanish, several schools and bases, one thread.

Each sample's receipt is derived from the installation's receipt key (kept in .env, never in
the repository), so seeding again finds the same reports instead of adding copies, and a demo
user can be shown the codes to try the status page.
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from cases.models import District, Report, School
from cases.services.intake import ReportSubmission, open_case_from_report
from cases.services.messages import record_reporter_message, send_message_to_reporter
from outcomes.demo import seed_closed_sample, seed_district_wordings
from privacy.keyring import receipt_key
from privacy.receipts import format_receipt, hash_receipt, receipt_tag
from transfers.models import TransferReason, TransferRequest
from transfers.services import start_transfer_from_case

SAMPLES = [
    {
        "school": "northvale-middle-school",
        "language": "en",
        "location_type": "hallway",
        "reporter_relation": "parent",
        "grade_band": "6_8",
        "incident_type_codes": ["harassment"],
        "bias_basis_codes": ["race"],
        "narrative": "Sample report: students repeated a racial slur at my son near the lockers.",
        "people_involved": "Sample: two students from his homeroom",
        "transfer_interest": "requesting",
        "thread": True,
    },
    {
        "school": "cedar-elementary",
        "language": "es",
        "location_type": "playground",
        "reporter_relation": "parent",
        "grade_band": "3_5",
        "incident_type_codes": ["exclusion"],
        "bias_basis_codes": ["national_origin"],
        "narrative": "Ejemplo: no dejan jugar a mi hija en el recreo porque habla español.",
        "people_involved": "",
        "thread": False,
    },
    {
        "school": "riverbend-high-school",
        "language": "en",
        "location_type": "online",
        "reporter_relation": "targeted_student",
        "grade_band": "9_12",
        "incident_type_codes": ["bullying"],
        "bias_basis_codes": ["sexual_orientation"],
        "narrative": "Sample report: a group chat keeps posting memes mocking me for being gay.",
        "people_involved": "",
        "thread": False,
        # Closed with an outcome notice; its first check-in is asked today (outcomes/demo.py).
        "outcome": True,
    },
]


@dataclass(frozen=True)
class SampleReceipt:
    label: str
    receipt: str


def _demo_receipt(index: int) -> str:
    digest = hmac.new(receipt_key(), f"demo-report-{index}".encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10**16:016d}"


@transaction.atomic
def seed_sample_reports() -> list[SampleReceipt]:
    """Create the sample reports that do not exist yet; return every sample's receipt."""
    officer = get_user_model().objects.filter(username="officer.northvale").first()
    receipts = []
    for index, sample in enumerate(SAMPLES):
        receipt = _demo_receipt(index)
        receipt_hash = hash_receipt(receipt)
        school = School.objects.filter(slug=sample["school"]).first()
        if school is None:
            continue
        label = f"{school.name} ({sample['language']})"
        receipts.append(SampleReceipt(label=label, receipt=format_receipt(receipt)))
        if Report.objects.filter(receipt_hash=receipt_hash).exists():
            continue
        values = {k: v for k, v in sample.items() if k not in ("school", "thread", "outcome")}
        result = open_case_from_report(submission=ReportSubmission(school=school, **values))
        result.report.receipt_hash, result.report.receipt_tag = receipt_hash, receipt_tag(receipt)
        result.report.save(update_fields=["receipt_hash", "receipt_tag"])
        if sample["thread"] and officer is not None:
            send_message_to_reporter(
                report=result.report,
                body="Thank you for reporting. Which days of the week did this happen?",
                author=officer,
            )
            record_reporter_message(report=result.report, body="Mostly on Mondays and Fridays.")
    seed_sample_transfer()
    seed_sample_outcome()
    return receipts


def seed_sample_transfer() -> None:
    """The first sample family asks to move from Northvale to Riverbend: a submitted request
    that transfer.northvale and transfer.riverbend can take to enrollment."""
    officer = get_user_model().objects.filter(username="officer.northvale").first()
    report = Report.objects.filter(receipt_hash=hash_receipt(_demo_receipt(0))).first()
    receiving = District.objects.filter(slug="riverbend").first()
    if officer is None or report is None or receiving is None:
        return
    if TransferRequest.objects.filter(linked_cases=report.case_id).exists():
        return
    start_transfer_from_case(
        case=report.case,
        actor=officer,
        receiving_district=receiving,
        receiving_school=School.objects.filter(slug="riverbend-high-school").first(),
        student_reference="DEMO-STUDENT-0001",
        reason_category=TransferReason.DISCRIMINATION,
    )


def seed_sample_outcome() -> None:
    """Northvale's outcome wordings, and the Riverbend sample closed with an outcome notice
    whose reporter finds the check-in question waiting (README, "Outcome notices")."""
    seed_district_wordings()
    officer = get_user_model().objects.filter(username="officer.riverbend").first()
    for index, sample in enumerate(SAMPLES):
        if not sample.get("outcome") or officer is None:
            continue
        report = Report.objects.filter(receipt_hash=hash_receipt(_demo_receipt(index))).first()
        if report is not None:
            seed_closed_sample(case=report.case, officer=officer)
