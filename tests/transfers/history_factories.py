"""Transfer requests with a crafted step history, for figures that depend on how long each
step took (the workflow services always stamp "now", so trend tests build the history here).

Each step's owner district follows the real workflow table (`transfers.workflow`).
"""

from datetime import datetime, timedelta

import factory
from django.utils import timezone

from tests.factories import DistrictFactory
from transfers.models import TransferReason, TransferRequest, TransferStatus, TransferStep
from transfers.services import next_transfer_number
from transfers.workflow import FINAL_STATUSES, RECEIVING, SENDING, step_owner
from trends.reports import school_year_bounds, school_year_of

T = TransferStatus
ENROLLMENT_PATH = (
    T.SUBMITTED,
    T.SENDING_REVIEW,
    T.RELEASED,
    T.RECEIVING_REVIEW,
    T.ACCEPTED,
    T.RECORDS_REQUESTED,
    T.RECORDS_SENT,
    T.ENROLLED,
)


def start_of_this_school_year() -> datetime:
    """A moment inside the current school year (the trends page's default year)."""
    start, _end = school_year_bounds(school_year_of(timezone.localdate()))
    return start + timedelta(days=1)


class TransferRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransferRequest

    sending_district = factory.SubFactory(DistrictFactory)
    receiving_district = factory.SubFactory(DistrictFactory)
    student_reference = factory.Sequence(lambda n: f"STU-{9000 + n}")
    reason_category = TransferReason.DISCRIMINATION
    created_at = factory.LazyFunction(start_of_this_school_year)
    number = factory.LazyAttribute(
        lambda request: next_transfer_number(year=request.created_at.year)
    )


class TransferStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransferStep

    transfer = factory.SubFactory(TransferRequestFactory)
    status = T.SUBMITTED


def transfer_with_history(
    *,
    sending,
    receiving,
    days_in_steps: dict[str, float] | None = None,
    ends_in: str = T.SUBMITTED,
    linked_cases=(),
    created_at: datetime | None = None,
) -> TransferRequest:
    """A request that went along the enrollment path up to `ends_in` (or, for a denial or a
    withdrawal, ended there after the steps before it). `days_in_steps` gives the length of
    each finished step (one day when not given); the last step is still open."""
    days_in_steps = days_in_steps or {}
    if ends_in in ENROLLMENT_PATH:
        path = list(ENROLLMENT_PATH[: ENROLLMENT_PATH.index(ends_in) + 1])
    elif ends_in == T.DENIED_BY_SENDING:
        path = [T.SUBMITTED, T.SENDING_REVIEW, ends_in]
    elif ends_in == T.DENIED_BY_RECEIVING:
        path = [*ENROLLMENT_PATH[:4], ends_in]
    else:  # withdrawn from the first review
        path = [T.SUBMITTED, T.SENDING_REVIEW, ends_in]
    created_at = created_at or start_of_this_school_year()
    transfer = TransferRequestFactory(
        sending_district=sending,
        receiving_district=receiving,
        created_at=created_at,
        status=ends_in,
    )
    transfer.linked_cases.set(linked_cases)
    owners = {SENDING: sending, RECEIVING: receiving}
    entered = created_at
    for index, status in enumerate(path):
        last = index == len(path) - 1
        left = None if last else entered + timedelta(days=days_in_steps.get(status, 1))
        TransferStepFactory(
            transfer=transfer,
            status=status,
            owner_district=None if status in FINAL_STATUSES else owners.get(step_owner(status)),
            entered_at=entered,
            left_at=left,
        )
        entered = left
    owner = None if ends_in in FINAL_STATUSES else owners.get(step_owner(ends_in))
    TransferRequest.objects.filter(pk=transfer.pk).update(owner_district=owner)
    return transfer
