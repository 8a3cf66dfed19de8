"""Two districts move a transfer request step by step; each step only by its owner."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.models import AuditEvent
from jobs.models import OutboxMessage
from tests.privacy.stored import assert_ciphertext, raw_rows
from tests.transfers.factories import transfer_world
from transfers.models import TransferRequest, TransferStatus, TransferStep
from transfers.services import change_transfer_status
from transfers.topics import TRANSFER_STEP
from transfers.workflow import InvalidTransferTransition

pytestmark = pytest.mark.django_db
T = TransferStatus


def _move(world, *path):
    """Walk `path` as (status, who) pairs, `who` naming a world attribute."""
    transfer = TransferRequest.objects.get(pk=world.transfer.pk)  # as a page opened now
    for status, who, *reason in path:
        transfer = change_transfer_status(
            transfer=transfer,
            expected_version=transfer.version,
            to_status=status,
            actor=getattr(world, who),
            reason=reason[0] if reason else "",
        )
    return transfer


HAPPY_PATH = [
    (T.SENDING_REVIEW, "sending_transfer"),
    (T.RELEASED, "sending_officer"),
    (T.RECEIVING_REVIEW, "receiving_transfer"),
    (T.ACCEPTED, "receiving_transfer"),
    (T.RECORDS_REQUESTED, "receiving_transfer"),
    (T.RECORDS_SENT, "sending_transfer"),
    (T.ENROLLED, "receiving_transfer"),
]


def test_a_request_goes_from_submitted_to_enrolled_with_each_step_owned_and_dated():
    world = transfer_world()
    assert world.transfer.status == T.SUBMITTED
    assert world.transfer.owner_district == world.case.district
    assert world.transfer.step_due == timezone.localdate() + timedelta(days=14)

    transfer = _move(world, *HAPPY_PATH)

    assert transfer.status == T.ENROLLED
    assert transfer.step_due is None
    steps = list(TransferStep.objects.filter(transfer=transfer))
    assert [s.status for s in steps] == [T.SUBMITTED] + [s for s, _ in HAPPY_PATH]
    assert all(s.left_at for s in steps[:-1])
    assert steps[-1].left_at is None
    audited = AuditEvent.objects.filter(action="transfer.status_changed", target_id=transfer.pk)
    # Each move is recorded in both districts' audit trails.
    assert audited.count() == 2 * len(HAPPY_PATH)


@pytest.mark.parametrize("index", range(len(HAPPY_PATH)))
def test_each_step_refuses_the_other_districts_officer(index):
    world = transfer_world()
    _move(world, *HAPPY_PATH[:index])
    status, who = HAPPY_PATH[index]
    wrong = "receiving_transfer" if who.startswith("sending") else "sending_transfer"
    world.transfer.refresh_from_db()
    with pytest.raises(PermissionDenied, match="only its officers can act"):
        change_transfer_status(
            transfer=world.transfer,
            expected_version=world.transfer.version,
            to_status=status,
            actor=getattr(world, wrong),
        )
    world.transfer.refresh_from_db()
    assert world.transfer.status != status


def test_a_step_the_workflow_does_not_allow_is_refused_with_the_allowed_moves():
    world = transfer_world()
    with pytest.raises(InvalidTransferTransition, match="Allowed next"):
        change_transfer_status(
            transfer=world.transfer,
            expected_version=world.transfer.version,
            to_status=T.ENROLLED,
            actor=world.sending_transfer,
        )
    with pytest.raises(InvalidTransferTransition):
        change_transfer_status(
            transfer=world.transfer,
            expected_version=world.transfer.version,
            to_status=T.ACCEPTED,
            actor=world.receiving_transfer,
        )


def test_officers_of_a_third_district_and_equity_officers_of_the_receiving_one_cannot_act():
    world = transfer_world()
    for who in ("other_transfer", "receiving_equity", "sending_admin", "nobody"):
        with pytest.raises(PermissionDenied):
            change_transfer_status(
                transfer=world.transfer,
                expected_version=world.transfer.version,
                to_status=T.WITHDRAWN,
                actor=getattr(world, who),
            )


def test_either_district_may_withdraw_and_a_withdrawn_request_is_final():
    world = transfer_world()
    transfer = _move(
        world, (T.SENDING_REVIEW, "sending_transfer"), (T.WITHDRAWN, "receiving_transfer")
    )
    assert transfer.status == T.WITHDRAWN
    assert transfer.owner_district is None
    with pytest.raises(InvalidTransferTransition):
        change_transfer_status(
            transfer=transfer,
            expected_version=transfer.version,
            to_status=T.SENDING_REVIEW,
            actor=world.sending_transfer,
        )


def test_a_denial_needs_a_reason_kept_encrypted_and_can_be_appealed_once():
    world = transfer_world()
    _move(world, (T.SENDING_REVIEW, "sending_transfer"))
    world.transfer.refresh_from_db()
    with pytest.raises(ValidationError, match="reason"):
        change_transfer_status(
            transfer=world.transfer,
            expected_version=world.transfer.version,
            to_status=T.DENIED_BY_SENDING,
            actor=world.sending_transfer,
        )
    transfer = _move(world, (T.DENIED_BY_SENDING, "sending_transfer", "Capacity rules"))
    assert transfer.sending_decision_reason == "Capacity rules"
    assert transfer.owner_district == transfer.sending_district
    (stored,) = raw_rows(TransferRequest, "sending_decision_reason")[transfer.pk]
    assert_ciphertext(stored, "Capacity rules")

    transfer = _move(world, (T.APPEALED, "sending_officer", "Family appeals: safety"))
    assert transfer.appealed_from == T.DENIED_BY_SENDING
    assert transfer.appeal_reason == "Family appeals: safety"
    (stored_appeal,) = raw_rows(TransferRequest, "appeal_reason")[transfer.pk]
    assert_ciphertext(stored_appeal, "Family appeals: safety")
    # The appeal belongs to the district that denied: the receiving one cannot decide it.
    with pytest.raises(PermissionDenied):
        change_transfer_status(
            transfer=transfer,
            expected_version=transfer.version,
            to_status=T.RELEASED,
            actor=world.receiving_transfer,
        )
    transfer = _move(world, (T.DENIED_BY_SENDING, "sending_transfer", "Upheld"))
    (upheld,) = raw_rows(TransferRequest, "sending_decision_reason")[transfer.pk]
    assert_ciphertext(upheld, "Upheld")
    assert upheld != stored  # the new reason, sealed again
    with pytest.raises(InvalidTransferTransition):
        change_transfer_status(
            transfer=transfer,
            expected_version=transfer.version,
            to_status=T.APPEALED,
            actor=world.sending_transfer,
            reason="again",
        )


def test_a_receiving_denial_appealed_can_end_in_acceptance():
    world = transfer_world()
    transfer = _move(
        world,
        (T.SENDING_REVIEW, "sending_transfer"),
        (T.RELEASED, "sending_transfer"),
        (T.RECEIVING_REVIEW, "receiving_transfer"),
        (T.DENIED_BY_RECEIVING, "receiving_transfer", "Programme full"),
        (T.APPEALED, "receiving_transfer", "Seat opened"),
        (T.ACCEPTED, "receiving_transfer"),
    )
    assert transfer.status == T.ACCEPTED
    assert transfer.owner_district == transfer.receiving_district


def test_each_move_tells_the_other_district(django_capture_on_commit_callbacks):
    world = transfer_world()
    _move(world, (T.SENDING_REVIEW, "sending_transfer"))
    job = OutboxMessage.objects.filter(topic=TRANSFER_STEP.code).order_by("pk").last()
    assert job.payload["district"] == world.transfer.receiving_district_id
    _move(world, (T.RELEASED, "sending_transfer"), (T.RECEIVING_REVIEW, "receiving_transfer"))
    job = OutboxMessage.objects.filter(topic=TRANSFER_STEP.code).order_by("pk").last()
    assert job.payload["district"] == world.transfer.sending_district_id
    assert "STU-4471" not in str(job.payload)
