"""What a reporter's successful sign-in may update: nothing about when or how they looked."""

from django.db import transaction

from cases.models import Report
from privacy.receipts import receipt_tag


@transaction.atomic
def remember_receipt_tag(*, report: Report, receipt: str) -> None:
    """Give a report filed before receipt tags existed its tag, from the receipt just typed.

    Only the reporter ever holds the receipt, so this is the one moment it can be computed;
    without it each of their replies may cost many scrypt hashes (privacy.receipts).
    The caller has already matched `receipt` to `report` by its hash.
    """
    if report.receipt_tag:
        return
    report.receipt_tag = receipt_tag(receipt)
    Report.objects.filter(pk=report.pk, receipt_tag="").update(receipt_tag=report.receipt_tag)
