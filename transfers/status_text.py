"""What a family reads about its transfer request on the receipt status page."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.selectors.reporter import PlainStatus
from transfers.models import TransferRequest
from transfers.models import TransferStatus as T

_TEXT: dict[str, tuple[Promise, Promise, Promise]] = {
    T.SUBMITTED: (
        _("Transfer request received"),
        _("Your current district has your transfer request."),
        _("Your current district will start reviewing it."),
    ),
    T.SENDING_REVIEW: (
        _("Your current district is reviewing"),
        _("Your current district is deciding whether to release the student."),
        _("They should decide by the date below."),
    ),
    T.RELEASED: (
        _("Released by your current district"),
        _("Your current district agreed to the transfer."),
        _("The new district will start its review."),
    ),
    T.DENIED_BY_SENDING: (
        _("Not released by your current district"),
        _("Your current district did not agree to the transfer."),
        _("You can appeal: ask the officer here how."),
    ),
    T.RECEIVING_REVIEW: (
        _("The new district is reviewing"),
        _("The district you asked to move to is deciding whether to accept the student."),
        _("They should decide by the date below."),
    ),
    T.ACCEPTED: (
        _("Accepted by the new district"),
        _("The new district accepted the student."),
        _("The new district will ask for the school records."),
    ),
    T.DENIED_BY_RECEIVING: (
        _("Not accepted by the new district"),
        _("The new district did not accept the student."),
        _("You can appeal: ask the officer here how."),
    ),
    T.APPEALED: (
        _("Appeal under review"),
        _("Your appeal was recorded and is being reviewed."),
        _("A decision should come by the date below."),
    ),
    T.RECORDS_REQUESTED: (
        _("School records requested"),
        _("The new district asked your current district for the school records."),
        _("Your current district should send them by the date below."),
    ),
    T.RECORDS_SENT: (
        _("School records sent"),
        _("The records have reached the new district."),
        _("The new district will confirm enrollment."),
    ),
    T.ENROLLED: (
        _("Enrolled"),
        _("The student is enrolled in the new district."),
        _("Nothing more to do for the transfer."),
    ),
    T.WITHDRAWN: (
        _("Transfer request withdrawn"),
        _("This transfer request was withdrawn."),
        _("Write here if you want to ask about a new one."),
    ),
}


def plain_transfer_status(status: str) -> tuple[Promise, Promise, Promise]:
    return _TEXT[status]


def family_transfer_status(*, case_id) -> PlainStatus | None:
    """The latest transfer request linked to the reporter's case, in plain words. Districts and
    schools are not named: the family knows them, and a shoulder-surfer need not."""
    transfer = (
        TransferRequest.objects.filter(linked_cases=case_id)
        .only("status", "step_due")
        .order_by("-created_at")
        .first()
    )
    if transfer is None:
        return None
    label, meaning, next_step = plain_transfer_status(transfer.status)
    return PlainStatus(label, meaning, next_step, transfer.step_due)
