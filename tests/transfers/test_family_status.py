"""A family follows its transfer request on the receipt status page, in plain words."""

import pytest
from django.utils import timezone

from tests.factories import submit_report
from tests.reporting.portal import check_receipt
from tests.transfers.factories import transfer_world
from transfers.models import TransferStatus
from transfers.services import change_transfer_status

pytestmark = pytest.mark.django_db


def _open_status(client, receipt: str, prefix: str = "") -> str:
    check_receipt(client, receipt, prefix=prefix)
    return client.get(f"{prefix}/report/status/").content.decode()


def test_the_family_sees_the_transfer_step_and_next_deadline(client):
    world = transfer_world()
    change_transfer_status(
        transfer=world.transfer,
        expected_version=world.transfer.version,
        to_status=TransferStatus.SENDING_REVIEW,
        actor=world.sending_transfer,
    )
    world.transfer.refresh_from_db()
    page = _open_status(client, world.receipt)
    assert "Your current district is reviewing" in page
    due = timezone.localdate() + timezone.timedelta(days=14)
    assert "Next deadline" in page
    assert str(due.year) in page
    # Neither the student reference nor the receiving district's name is shown.
    assert "STU-4471" not in page
    assert world.transfer.receiving_district.name not in page


def test_a_family_without_a_transfer_request_sees_no_transfer_section(client):
    page = _open_status(client, submit_report().receipt)
    assert "Transfer request:" not in page


def test_the_transfer_status_reads_in_spanish(client):
    world = transfer_world()
    page = _open_status(client, world.receipt, prefix="/es")
    assert "Solicitud de traslado:" in page
