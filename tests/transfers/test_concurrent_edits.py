"""Two transfer officers act on one request from pages opened at the same time: the first save
wins, the second is refused with what is there now and keeps what its officer typed."""

import re

import pytest
from django.test import Client

from cases.models import AuditEvent
from cases.services.versions import StaleVersion
from tests.api.client import ApiClient, token_for
from tests.staff import login_staff
from tests.transfers.factories import transfer_world
from transfers.models import TransferRequest, TransferStatus
from transfers.services import change_transfer_status, share_incident_summary

pytestmark = pytest.mark.django_db
T = TransferStatus


def _client_for(user) -> Client:
    client = Client()
    login_staff(client, user)
    return client


def _url(transfer, suffix=""):
    return f"/admin/transfers/{transfer.pk}/{suffix}"


def _open_page(client, transfer) -> int:
    page = client.get(_url(transfer)).content.decode()
    versions = set(re.findall(r'name="version" value="(\d+)"', page))
    assert len(versions) == 1, versions
    return int(versions.pop())


def test_a_move_from_an_old_page_is_refused_naming_the_new_step_and_keeping_the_reason():
    world = transfer_world()
    first, second = _client_for(world.sending_transfer), _client_for(world.sending_officer)
    first_opened, second_opened = (
        _open_page(first, world.transfer),
        _open_page(second, world.transfer),
    )

    moved = first.post(
        _url(world.transfer, "status/"), {"to_status": T.SENDING_REVIEW, "version": first_opened}
    )
    refused = second.post(
        _url(world.transfer, "status/"),
        {
            "to_status": T.DENIED_BY_SENDING,
            "reason": "The receiving school has no place this term.",
            "version": second_opened,
        },
    )

    assert moved.status_code == 302
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "it is now at the step Sending district review" in page
    assert "The receiving school has no place this term." in page
    transfer = TransferRequest.objects.get(pk=world.transfer.pk)
    assert transfer.status == T.SENDING_REVIEW
    assert transfer.sending_decision_reason == ""
    assert AuditEvent.objects.filter(action="transfer.status_changed").count() == 2  # 1 per side


def test_a_summary_shared_from_an_old_page_is_refused_showing_the_shared_one():
    world = transfer_world()
    first, second = _client_for(world.sending_transfer), _client_for(world.sending_officer)
    first_opened, second_opened = (
        _open_page(first, world.transfer),
        _open_page(second, world.transfer),
    )

    first.post(
        _url(world.transfer, "summary/"),
        {"summary": "Slurs at the lockers.", "consent_recorded": "on", "version": first_opened},
    )
    refused = second.post(
        _url(world.transfer, "summary/"),
        {
            "summary": "Repeated exclusion at lunch.",
            "consent_recorded": "on",
            "version": second_opened,
        },
    )

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "The summary shared now is shown above" in page
    assert "<blockquote>Slurs at the lockers.</blockquote>" in page  # the newer value
    assert "Repeated exclusion at lunch." in page  # the typed text, kept in the form
    shares = world.transfer.summary_shares.filter(withdrawn_at__isnull=True)
    assert [share.summary for share in shares] == ["Slurs at the lockers."]


def test_the_services_refuse_a_stale_move_or_share_and_write_nothing():
    world = transfer_world()
    opened = world.transfer.version

    change_transfer_status(
        transfer=world.transfer,
        to_status=T.SENDING_REVIEW,
        actor=world.sending_transfer,
        expected_version=opened,
    )
    with pytest.raises(StaleVersion) as refused:
        change_transfer_status(
            transfer=world.transfer,
            to_status=T.WITHDRAWN,
            actor=world.receiving_transfer,
            expected_version=opened,
        )
    with pytest.raises(StaleVersion):
        share_incident_summary(
            transfer=world.transfer,
            summary="Slurs at the lockers.",
            consent_recorded=True,
            actor=world.sending_officer,
            expected_version=opened,
        )

    assert refused.value.current.status == T.SENDING_REVIEW
    assert TransferRequest.objects.get(pk=world.transfer.pk).status == T.SENDING_REVIEW
    assert not world.transfer.summary_shares.exists()


def test_an_api_move_with_the_version_it_read_is_refused_when_someone_moved_first(client):
    world = transfer_world()
    sending = ApiClient(client, token_for(world.sending_transfer, name="Sending SIS"))
    transfer_id = str(world.transfer.pk)
    read = sending.transfer(transfer_id)

    change_transfer_status(
        transfer=world.transfer,
        to_status=T.SENDING_REVIEW,
        actor=world.sending_officer,
        expected_version=read["version"],
    )
    stale = sending.post(
        f"/api/staff/transfers/{transfer_id}/status",
        {"to_status": T.WITHDRAWN, "version": read["version"]},
    )
    fresh = sending.post(
        f"/api/staff/transfers/{transfer_id}/status",
        {"to_status": T.RELEASED, "version": sending.transfer(transfer_id)["version"]},
    )

    assert stale.status_code == 409
    assert "Someone else changed this since you read it" in stale.json()["detail"]
    assert fresh.status_code == 200
    assert fresh.json()["status"] == T.RELEASED
