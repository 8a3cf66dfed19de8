"""Consent-gated summary sharing, the records checklist and the cross-district thread."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import AuditEvent
from jobs.models import OutboxMessage, OutboxStatus
from jobs.runner import process_outbox_message
from tests.evidence_files import pdf_with_author
from tests.privacy.stored import assert_ciphertext, raw_rows
from tests.transfers.factories import transfer_world
from transfers.models import TransferMessage, TransferStatus
from transfers.selectors import active_summary
from transfers.services import (
    change_transfer_status,
    mark_record_sent,
    request_record,
    send_transfer_message,
    share_incident_summary,
    withdraw_summary_share,
)
from transfers.side_effects import send_transfer_step_reminders

pytestmark = pytest.mark.django_db


def run_pending_side_effects():
    """Run the transfer jobs recorded so far, as the worker would (fan-outs add more)."""
    while True:
        pending = OutboxMessage.objects.filter(
            topic__startswith="transfer.", status=OutboxStatus.PENDING
        ).values_list("pk", flat=True)
        if not pending:
            return
        for message_id in pending:
            process_outbox_message(message_id=message_id)


PDF = pdf_with_author()


def test_no_summary_is_shared_without_the_familys_recorded_consent():
    world = transfer_world()
    with pytest.raises(ValidationError, match="consent"):
        share_incident_summary(
            transfer=world.transfer,
            expected_version=world.transfer.version,
            summary="Slurs at lockers.",
            consent_recorded=False,
            actor=world.sending_officer,
        )
    assert active_summary(transfer=world.transfer) is None


def test_only_the_sending_district_shares_a_summary():
    world = transfer_world()
    with pytest.raises(PermissionDenied):
        share_incident_summary(
            transfer=world.transfer,
            expected_version=world.transfer.version,
            summary="x",
            consent_recorded=True,
            actor=world.receiving_transfer,
        )


def test_a_shared_summary_can_be_withdrawn_and_is_then_erased_and_audited():
    world = transfer_world()
    share = share_incident_summary(
        transfer=world.transfer,
        expected_version=world.transfer.version,
        summary="Repeated slurs at lockers.",
        consent_recorded=True,
        actor=world.sending_officer,
    )
    assert share.consent_recorded_by == world.sending_officer
    assert active_summary(transfer=world.transfer) == share
    with pytest.raises(PermissionDenied):
        withdraw_summary_share(share=share, actor=world.receiving_transfer)

    withdraw_summary_share(share=share, actor=world.sending_transfer)

    share.refresh_from_db()
    assert share.withdrawn_at is not None
    assert share.summary == ""
    assert active_summary(transfer=world.transfer) is None
    actions = set(
        AuditEvent.objects.filter(target_id=world.transfer.pk).values_list("action", flat=True)
    )
    assert {"transfer.summary_shared", "transfer.summary_withdrawn"} <= actions
    with pytest.raises(ValidationError):
        withdraw_summary_share(share=share, actor=world.sending_transfer)


def test_records_are_requested_by_the_receiving_side_and_sent_by_the_sending_side():
    world = transfer_world()
    with pytest.raises(PermissionDenied):
        request_record(transfer=world.transfer, kind="transcript", actor=world.sending_transfer)
    item = request_record(
        transfer=world.transfer, kind="transcript", actor=world.receiving_transfer
    )
    with pytest.raises(ValidationError, match="already"):
        request_record(transfer=world.transfer, kind="transcript", actor=world.receiving_transfer)
    with pytest.raises(PermissionDenied):
        mark_record_sent(item=item, actor=world.receiving_transfer)
    mark_record_sent(item=item, actor=world.sending_transfer)
    item.refresh_from_db()
    assert item.requested_by == world.receiving_transfer
    assert item.sent_by == world.sending_transfer
    assert item.sent_at is not None


def test_messages_and_attachments_are_encrypted_and_signed_by_district():
    world = transfer_world()
    upload = SimpleUploadedFile("records.pdf", PDF, content_type="application/pdf")
    message = send_transfer_message(
        transfer=world.transfer,
        actor=world.receiving_transfer,
        body="Seat available in grade 7.",
        attachment=upload,
    )
    message = TransferMessage.objects.get(pk=message.pk)
    assert message.body == "Seat available in grade 7."
    assert message.author_district == world.transfer.receiving_district
    assert message.attachment_meta["name"] == "records.pdf"
    body, meta = raw_rows(TransferMessage, "body", "attachment_meta")[message.pk]
    assert_ciphertext(body, "Seat available in grade 7.")
    assert_ciphertext(meta, "records.pdf", "application/pdf")
    with message.attachment.open("rb") as handle:
        assert handle.read().startswith(b"%PDF")
    with open(message.attachment.path, "rb") as handle:
        on_disk = handle.read()
    assert on_disk.startswith(b"enc1")
    assert b"%PDF" not in on_disk
    assert b"records" not in on_disk
    with pytest.raises(ValidationError):
        send_transfer_message(transfer=world.transfer, actor=world.sending_transfer, body="  ")
    with pytest.raises(PermissionDenied):
        send_transfer_message(transfer=world.transfer, actor=world.other_transfer, body="hi")


def test_the_other_districts_transfer_officers_are_emailed_when_a_step_changes():
    world = transfer_world()
    run_pending_side_effects()
    mail.outbox.clear()
    change_transfer_status(
        transfer=world.transfer,
        expected_version=world.transfer.version,
        to_status=TransferStatus.SENDING_REVIEW,
        actor=world.sending_transfer,
    )
    run_pending_side_effects()
    assert [m.to for m in mail.outbox] == [[world.receiving_transfer.email]]
    assert "STU-4471" not in mail.outbox[0].body


def test_an_overdue_step_reminds_the_owning_districts_transfer_officers_once():
    world = transfer_world()
    later = world.transfer.step_due + timedelta(days=1)
    assert send_transfer_step_reminders(today=later) >= 1
    assert send_transfer_step_reminders(today=later) == 0
    run_pending_side_effects()
    overdue = [m.to[0] for m in mail.outbox if "overdue" in m.subject]
    assert overdue == [world.sending_transfer.email]
