"""Requests filed at the same moment, on real threads and real connections, each get their own
number. Needs PostgreSQL: the test SQLite database lives in one connection's memory, which
threads cannot share."""

import threading

import pytest
from django.db import connection

from tests.transfers.factories import transfer_world
from transfers.models import TransferNumberSequence, TransferReason, TransferRequest
from transfers.services import enter_transfer

pytestmark = [
    # serialized_rollback: each test gets the seeded choices back after the one before flushed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite's in-memory test database cannot be shared by threads; "
        "test_transfer_screen covers the numbering one request after another",
    ),
]

AT_ONCE = 5


def test_requests_filed_at_once_never_share_a_number():
    world = transfer_world()
    # As on the first day of a year: no counter row yet, so the first numbers race too.
    TransferRequest.objects.filter(pk=world.transfer.pk).update(number="TR-1999-00001")
    TransferNumberSequence.objects.all().delete()
    barrier = threading.Barrier(AT_ONCE)
    errors: list[Exception] = []

    def file(i: int) -> None:
        try:
            barrier.wait()
            enter_transfer(
                actor=world.receiving_transfer,
                sending_district=world.transfer.sending_district,
                sending_school=None,
                receiving_district=world.transfer.receiving_district,
                receiving_school=None,
                student_reference=f"STU-{i}",
                reason_category=TransferReason.OTHER,
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=file, args=(i,)) for i in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    filed = TransferRequest.objects.exclude(pk=world.transfer.pk)
    numbers = sorted(filed.values_list("number", flat=True))
    assert len(numbers) == AT_ONCE
    assert [int(number.rsplit("-", 1)[1]) for number in numbers] == list(range(1, AT_ONCE + 1))
