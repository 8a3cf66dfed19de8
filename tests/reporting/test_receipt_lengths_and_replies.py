"""New receipts have 20 digits, a reporter with an older 16-digit receipt still gets in, and a
reply full of long numbers is accepted without costing a scrypt hash per number (F11)."""

import pytest

from cases.models import ReporterMessage
from privacy import receipts
from privacy.receipts import hash_receipt, receipt_tag
from tests.api.client import ApiClient, proof
from tests.factories import submit_report
from tests.reporting.portal import check_receipt

pytestmark = pytest.mark.django_db

OLD_RECEIPT = "4821 0937 5564 1209"


def _report_with_an_old_receipt():
    """A report filed before 20-digit receipts and receipt tags existed."""
    report = submit_report().report
    report.receipt_hash, report.receipt_tag = hash_receipt(OLD_RECEIPT), ""
    report.save(update_fields=["receipt_hash", "receipt_tag"])
    return report


def test_a_new_receipt_has_20_digits_in_five_groups():
    result = submit_report()
    assert len(result.receipt) == 20
    assert receipts.format_receipt(result.receipt).count(" ") == 4


def test_an_old_16_digit_receipt_opens_its_report_and_gets_its_tag(client):
    report = _report_with_an_old_receipt()

    response = check_receipt(client, OLD_RECEIPT)

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.receipt_tag == receipt_tag(OLD_RECEIPT)


def test_the_api_accepts_an_old_16_digit_receipt(client):
    _report_with_an_old_receipt()
    api = ApiClient(client)

    response = api.post("/api/public/status", {"receipt": OLD_RECEIPT, **proof(api, "status")})

    assert response.status_code == 200


def test_a_reply_full_of_long_numbers_is_sent(client):
    result = submit_report()
    check_receipt(client, result.receipt)
    numbers = " ".join(f"{n:020d}"[::-1] for n in range(1, 65))
    body = f"Here are the order numbers you asked for: {numbers}"

    page = client.post("/report/status/", {"action": "reply", "body": body}).content.decode()

    assert "Your message was sent." in page
    assert ReporterMessage.objects.get().body == body
    assert len(receipts.scrypt_candidates(body, result.report.receipt_tag)) <= 2


def test_a_reply_quoting_an_old_receipt_is_refused_and_kept(client):
    _report_with_an_old_receipt()
    check_receipt(client, OLD_RECEIPT)
    body = f"my code is {OLD_RECEIPT.replace(' ', '-')}"

    page = client.post("/report/status/", {"action": "reply", "body": body}).content.decode()

    assert "Your message contains your receipt code." in page
    assert body in page
    assert ReporterMessage.objects.count() == 0
