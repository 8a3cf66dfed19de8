"""The transfer request workflow: allowed moves, and which district owns each step."""

from django.utils.translation import gettext_lazy as _

from transfers.models import TransferStatus

T = TransferStatus
SENDING, RECEIVING, EITHER = "sending", "receiving", "either"

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    T.SUBMITTED: frozenset({T.SENDING_REVIEW, T.WITHDRAWN}),
    T.SENDING_REVIEW: frozenset({T.RELEASED, T.DENIED_BY_SENDING, T.WITHDRAWN}),
    T.RELEASED: frozenset({T.RECEIVING_REVIEW, T.WITHDRAWN}),
    T.DENIED_BY_SENDING: frozenset({T.APPEALED, T.WITHDRAWN}),
    T.RECEIVING_REVIEW: frozenset({T.ACCEPTED, T.DENIED_BY_RECEIVING, T.WITHDRAWN}),
    T.DENIED_BY_RECEIVING: frozenset({T.APPEALED, T.WITHDRAWN}),
    T.ACCEPTED: frozenset({T.RECORDS_REQUESTED, T.WITHDRAWN}),
    T.RECORDS_REQUESTED: frozenset({T.RECORDS_SENT, T.WITHDRAWN}),
    T.RECORDS_SENT: frozenset({T.ENROLLED, T.WITHDRAWN}),
    # From APPEALED the denying district decides again; see `allowed_next`.
    T.APPEALED: frozenset({T.WITHDRAWN}),
    T.ENROLLED: frozenset(),
    T.WITHDRAWN: frozenset(),
}
APPEAL_OUTCOMES = {
    T.DENIED_BY_SENDING: frozenset({T.RELEASED, T.DENIED_BY_SENDING}),
    T.DENIED_BY_RECEIVING: frozenset({T.ACCEPTED, T.DENIED_BY_RECEIVING}),
}
# Which district acts while the request is in a status.
STEP_OWNER: dict[str, str] = {
    T.SUBMITTED: SENDING,
    T.SENDING_REVIEW: SENDING,
    T.RELEASED: RECEIVING,
    T.DENIED_BY_SENDING: SENDING,
    T.RECEIVING_REVIEW: RECEIVING,
    T.ACCEPTED: RECEIVING,
    T.DENIED_BY_RECEIVING: RECEIVING,
    T.RECORDS_REQUESTED: SENDING,
    T.RECORDS_SENT: RECEIVING,
}
FINAL_STATUSES = frozenset({T.ENROLLED, T.WITHDRAWN})
DENIALS = frozenset({T.DENIED_BY_SENDING, T.DENIED_BY_RECEIVING})
NEEDS_REASON = DENIALS | {T.APPEALED}


def step_owner(status: str, appealed_from: str = "") -> str | None:
    """Side that owns `status`; an appeal belongs to the district that denied."""
    if status == T.APPEALED:
        return STEP_OWNER.get(appealed_from)
    return STEP_OWNER.get(status)


def allowed_next(status: str, appealed_from: str = "") -> frozenset[str]:
    allowed = ALLOWED_TRANSITIONS.get(status, frozenset())
    if status == T.APPEALED:
        allowed = allowed | APPEAL_OUTCOMES.get(appealed_from, frozenset())
    if status in DENIALS and appealed_from:
        allowed = allowed - {T.APPEALED}  # one appeal per request
    return allowed


class InvalidTransferTransition(ValueError):
    """A move the workflow does not allow; the message is shown to staff as is."""

    def __init__(self, current: str, requested: str, appealed_from: str = ""):
        allowed = ", ".join(str(T(s).label) for s in sorted(allowed_next(current, appealed_from)))
        super().__init__(
            _(
                "A transfer request that is %(current)s cannot move to %(requested)s. "
                "Allowed next: %(allowed)s."
            )
            % {
                "current": T(current).label,
                "requested": T(requested).label,
                "allowed": allowed or _("none"),
            }
        )


def check_transfer_transition(current: str, requested: str, appealed_from: str = "") -> None:
    if requested not in allowed_next(current, appealed_from):
        raise InvalidTransferTransition(current, requested, appealed_from)
