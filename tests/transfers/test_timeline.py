"""A district administrator reads how long each transfer step took, and by which district,
for the requests their own district sent or received, and for no other district."""

import pytest

from cases.roles import Role
from tests.factories import DistrictFactory, staff_user
from tests.transfers.factories import transfer_world
from tests.transfers.history_factories import transfer_with_history
from transfers.models import TransferStatus
from transfers.services import change_transfer_status
from transfers.trends import (
    transfer_step_times,
    transfer_timeline_for_administrator,
)

pytestmark = pytest.mark.django_db
T = TransferStatus


def _by_step(step_times):
    return {(s.owner_district_id, s.status): s for s in step_times}


def test_an_administrator_sees_the_steps_of_a_request_as_the_districts_worked_it():
    world = transfer_world()
    transfer = world.transfer
    for actor, status in [
        (world.sending_transfer, T.SENDING_REVIEW),
        (world.sending_transfer, T.RELEASED),
    ]:
        transfer = change_transfer_status(
            transfer=transfer,
            expected_version=transfer.version,
            to_status=status,
            actor=actor,
        )
    sending = world.transfer.sending_district

    timeline = _by_step(
        transfer_timeline_for_administrator(user=world.sending_admin, district=sending)
    )

    submitted = timeline[(sending.pk, T.SUBMITTED)]
    assert submitted.completed_stays == 1
    assert submitted.open_stays == 0
    assert timeline[(sending.pk, T.SENDING_REVIEW)].completed_stays == 1
    # Released: the receiving district now owns the step, and it is still open.
    released = timeline[(world.transfer.receiving_district_id, T.RELEASED)]
    assert released.completed_stays == 0
    assert released.open_stays == 1
    assert released.median_days is None


def test_time_is_attributed_to_the_district_that_owned_each_step():
    northvale, riverbend, lakeside = (DistrictFactory() for _ in range(3))
    transfer_with_history(
        sending=northvale,
        receiving=riverbend,
        days_in_steps={T.SUBMITTED: 2, T.SENDING_REVIEW: 5, T.RELEASED: 1, T.RECEIVING_REVIEW: 9},
        ends_in=T.ACCEPTED,
    )
    transfer_with_history(
        sending=lakeside,
        receiving=northvale,
        days_in_steps={T.SUBMITTED: 4, T.SENDING_REVIEW: 3, T.RELEASED: 1, T.RECEIVING_REVIEW: 6},
        ends_in=T.ACCEPTED,
    )

    steps = transfer_step_times(district=northvale)

    timeline = _by_step(steps)
    assert timeline[(northvale.pk, T.SUBMITTED)].durations_days == (2.0,)
    assert timeline[(northvale.pk, T.SENDING_REVIEW)].total_days == 5.0
    assert timeline[(northvale.pk, T.RECEIVING_REVIEW)].durations_days == (6.0,)
    assert timeline[(riverbend.pk, T.RECEIVING_REVIEW)].durations_days == (9.0,)
    assert timeline[(lakeside.pk, T.SENDING_REVIEW)].durations_days == (3.0,)
    assert steps[0].owner_district_id == northvale.pk  # the district's own figures first


def test_an_administrator_sees_only_their_own_districts_requests():
    northvale, riverbend, lakeside, hillcrest = (DistrictFactory() for _ in range(4))
    transfer_with_history(sending=northvale, receiving=riverbend, ends_in=T.RELEASED)
    # Between two other districts: never part of Northvale's timeline.
    transfer_with_history(
        sending=lakeside,
        receiving=hillcrest,
        days_in_steps={T.SUBMITTED: 30},
        ends_in=T.SENDING_REVIEW,
    )
    northvale_admin = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=northvale)

    timeline = transfer_timeline_for_administrator(user=northvale_admin, district=northvale)

    owners = {step.owner_district_id for step in timeline}
    assert owners == {northvale.pk, riverbend.pk}
    assert lakeside.pk not in owners
    assert hillcrest.pk not in owners
    assert all(step.durations_days != (30.0,) for step in timeline)


def test_an_administrator_of_another_district_sees_nothing_of_it():
    northvale, riverbend = DistrictFactory(), DistrictFactory()
    transfer_with_history(sending=northvale, receiving=riverbend, ends_in=T.RECEIVING_REVIEW)
    elsewhere_admin = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=DistrictFactory())
    transfer_officer = staff_user(role=Role.TRANSFER_OFFICER, district=northvale)

    assert transfer_timeline_for_administrator(user=elsewhere_admin, district=northvale) == []
    # Handling transfers is not reading a district's trends.
    assert transfer_timeline_for_administrator(user=transfer_officer, district=northvale) == []
