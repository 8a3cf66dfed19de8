"""A district's student information system moves a transfer request through every step
using only the API, the receiving district acting with its own token."""

import pytest

from cases.models import AuditEvent
from tests.api.client import ApiClient, token_for
from tests.transfers.factories import transfer_world
from transfers.models import TransferStatus

pytestmark = pytest.mark.django_db
T = TransferStatus


def test_two_district_systems_move_a_request_from_submitted_to_enrolled(client):
    world = transfer_world()
    sending = ApiClient(client, token_for(world.sending_transfer, name="Sending SIS"))
    receiving = ApiClient(client, token_for(world.receiving_transfer, name="Receiving SIS"))
    transfer_id = str(world.transfer.pk)

    listed = receiving.get("/api/staff/transfers", status="submitted").json()
    assert [item["id"] for item in listed["items"]] == [transfer_id]
    seen = receiving.transfer(transfer_id)
    assert seen["status"] == "submitted"
    assert seen["acting_for"] == ["receiving"]
    assert seen["allowed_moves"] == ["withdrawn"]  # the sending district owns this step

    sending.move(transfer_id, T.SENDING_REVIEW)
    released = sending.move(transfer_id, T.RELEASED)
    assert released["owner_district"] == world.transfer.receiving_district.code

    receiving.move(transfer_id, T.RECEIVING_REVIEW)
    receiving.move(transfer_id, T.ACCEPTED)
    asked = receiving.post(f"/api/staff/transfers/{transfer_id}/records", {"kind": "transcript"})
    assert asked.status_code == 201
    receiving.move(transfer_id, T.RECORDS_REQUESTED)
    question = receiving.post(
        f"/api/staff/transfers/{transfer_id}/messages", {"body": "Please include the IEP."}
    )
    assert question.status_code == 201

    inbox = sending.get(f"/api/staff/transfers/{transfer_id}/messages").json()
    assert [m["body"] for m in inbox] == ["Please include the IEP."]
    record_id = asked.json()["id"]
    sent = sending.post(f"/api/staff/transfers/{transfer_id}/records/{record_id}/sent")
    assert sent.status_code == 200
    assert sent.json()["sent_at"]
    sending.move(transfer_id, T.RECORDS_SENT)
    enrolled = receiving.move(transfer_id, T.ENROLLED)

    assert enrolled["status"] == "enrolled"
    assert enrolled["allowed_moves"] == []
    assert [step["status"] for step in enrolled["steps"]] == [
        "submitted",
        "sending_review",
        "released",
        "receiving_review",
        "accepted",
        "records_requested",
        "records_sent",
        "enrolled",
    ]
    moves = AuditEvent.objects.filter(action="transfer.status_changed", target_id=transfer_id)
    assert moves.count() == 2 * 7  # each move in both districts' trails, by the services
    reads = AuditEvent.objects.filter(action="api.transfer_viewed", target_id=transfer_id)
    assert reads.exists()
    assert all(event.detail["via"] == "api" for event in reads)


def test_the_receiving_district_never_sees_the_linked_case(client):
    world = transfer_world()
    receiving = ApiClient(client, token_for(world.receiving_transfer))
    sending_officer = ApiClient(client, token_for(world.sending_officer))

    assert receiving.transfer(world.transfer.pk)["linked_cases"] == []
    assert receiving.get(f"/api/staff/cases/{world.case.pk}").status_code == 404
    assert receiving.get("/api/staff/cases").json() == {"count": 0, "items": []}
    assert sending_officer.transfer(world.transfer.pk)["linked_cases"] == [world.case.number]


def test_a_step_owned_by_the_other_district_is_refused_with_a_reason(client):
    world = transfer_world()
    receiving = ApiClient(client, token_for(world.receiving_transfer))

    response = receiving.post(
        f"/api/staff/transfers/{world.transfer.pk}/status", {"to_status": "sending_review"}
    )

    assert response.status_code == 403
    assert "only its officers can act" in response.json()["detail"]
    world.transfer.refresh_from_db()
    assert world.transfer.status == T.SUBMITTED


def test_a_denial_without_a_reason_names_the_missing_field(client):
    world = transfer_world()
    sending = ApiClient(client, token_for(world.sending_transfer))
    sending.move(world.transfer.pk, T.SENDING_REVIEW)

    response = sending.post(
        f"/api/staff/transfers/{world.transfer.pk}/status", {"to_status": "denied_sending"}
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"__all__": ["Give the reason for this decision."]}
