"""The demo's planted campaign: four near-identical reports at one Northvale school, as a
copied text sent by several families looks, so the queue shows "part of a group of 4 similar
reports" and the "Similar reports" screen has a group to merge or assign.

They go through intake like any report (encrypted, tokenised, audited, with the outbox jobs
that sign and group them). Each gets a receipt derived from the installation's receipt key,
so seeding again finds them instead of adding copies. Every narrative says it is demo data.
"""

import hashlib
import hmac

from django.db import transaction

from campaigns.grouping import refresh_case_signatures
from cases.models import Report, School
from cases.services.intake import ReportSubmission, open_case_from_report
from privacy.keyring import receipt_key
from privacy.receipts import hash_receipt, receipt_tag

SCHOOL = "northvale-middle-school"
BASE = (
    "Demo campaign: the new assistant principal keeps telling students from immigrant "
    "families that they should go back where they came from, mocks their accents in "
    "assemblies and takes phones only from Somali students"
)
COPIES = [
    BASE,
    BASE.replace("in assemblies", "during every assembly"),
    BASE.replace("the new assistant principal", "our assistant principal"),
    BASE + ". Please do something.",
]


def _receipt(index: int) -> str:
    digest = hmac.new(receipt_key(), f"demo-campaign-{index}".encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10**16:016d}"


@transaction.atomic
def seed_demo_campaign() -> int:
    """Write the copies that do not exist yet and group them; returns how many were added."""
    school = School.objects.filter(slug=SCHOOL).first()
    if school is None:
        return 0
    added = []
    for index, narrative in enumerate(COPIES):
        receipt = _receipt(index)
        receipt_hash = hash_receipt(receipt)
        if Report.objects.filter(receipt_hash=receipt_hash).exists():
            continue
        result = open_case_from_report(
            submission=ReportSubmission(
                school=school,
                location_type="classroom",
                reporter_relation="parent",
                grade_band="6_8",
                narrative=narrative,
                incident_type_codes=["harassment"],
                bias_basis_codes=["national_origin"],
            )
        )
        result.report.receipt_hash, result.report.receipt_tag = receipt_hash, receipt_tag(receipt)
        result.report.save(update_fields=["receipt_hash", "receipt_tag"])
        added.append(result.case.pk)
    # What the outbox jobs do after commit, done now so the demo shows the group at once.
    refresh_case_signatures(case_ids=added)
    return len(added)
