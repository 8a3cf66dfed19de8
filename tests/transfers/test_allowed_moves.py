"""The moves offered to a user (back office buttons, the API's `allowed_moves`) come from one
selector, and it offers exactly the moves the status service accepts from that user."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tests.api.client import ApiClient, token_for
from tests.staff import login_staff
from tests.transfers.factories import transfer_world
from transfers.models import TransferRequest, TransferStatus
from transfers.selectors import allowed_transfer_moves
from transfers.services import change_transfer_status
from transfers.workflow import InvalidTransferTransition

pytestmark = pytest.mark.django_db

T = TransferStatus
USERS = ("sending_officer", "sending_transfer", "receiving_transfer", "other_transfer", "nobody")
STATES = [
    (T.SUBMITTED, ""),
    (T.RELEASED, ""),
    (T.DENIED_BY_SENDING, ""),
    (T.APPEALED, T.DENIED_BY_SENDING),
    (T.ENROLLED, ""),
]


def _put_in(transfer: TransferRequest, status: str, appealed_from: str) -> TransferRequest:
    rows = TransferRequest.objects.filter(pk=transfer.pk)
    rows.update(status=status, appealed_from=appealed_from)
    return TransferRequest.objects.get(pk=transfer.pk)


def _accepted_by_service(transfer: TransferRequest, user) -> list[str]:
    """Every status the service lets `user` move to now; each try is rolled back."""
    accepted = []
    for status in T.values:
        try:
            with transaction.atomic():
                change_transfer_status(
                    transfer=transfer,
                    expected_version=transfer.version,
                    to_status=status,
                    actor=user,
                    reason="Stated reason.",
                )
                transaction.set_rollback(True)
        except (PermissionDenied, ValidationError, InvalidTransferTransition):
            continue
        accepted.append(status)
    return accepted


@pytest.mark.parametrize(("status", "appealed_from"), STATES)
def test_the_offered_moves_are_exactly_those_the_service_accepts(status, appealed_from):
    world = transfer_world()
    transfer = _put_in(world.transfer, status, appealed_from)
    for who in USERS:
        user = getattr(world, who)
        offered = allowed_transfer_moves(user=user, transfer=transfer)
        assert offered == _accepted_by_service(transfer, user), (status, who)


def test_the_owning_district_moves_the_step_and_either_may_withdraw():
    world = transfer_world()
    transfer = world.transfer

    assert allowed_transfer_moves(user=world.sending_transfer, transfer=transfer) == [
        T.SENDING_REVIEW,
        T.WITHDRAWN,
    ]
    assert allowed_transfer_moves(user=world.receiving_transfer, transfer=transfer) == [T.WITHDRAWN]
    assert allowed_transfer_moves(user=world.other_transfer, transfer=transfer) == []
    assert allowed_transfer_moves(user=world.nobody, transfer=transfer) == []


def test_the_back_office_and_the_api_offer_the_selectors_moves(client):
    world = transfer_world()
    user = world.receiving_transfer
    login_staff(client, user)

    page = client.get(f"/admin/transfers/{world.transfer.pk}/")
    api = ApiClient(client, token_for(user)).transfer(world.transfer.pk)

    assert [value for value, _label in page.context["moves"]] == [T.WITHDRAWN]
    assert api["allowed_moves"] == [T.WITHDRAWN]
