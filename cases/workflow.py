"""The case status workflow: which moves are allowed, and what a reporter is told."""

from django.utils.translation import gettext_lazy as _

from cases.models.case import CaseStatus

S = CaseStatus

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.TRIAGE, S.REFERRED_OUT, S.WITHDRAWN}),
    S.TRIAGE: frozenset({S.INVESTIGATING, S.CLOSED, S.REFERRED_OUT, S.WITHDRAWN}),
    S.INVESTIGATING: frozenset({S.FINDING_ISSUED, S.REFERRED_OUT, S.WITHDRAWN}),
    S.FINDING_ISSUED: frozenset({S.CLOSED, S.INVESTIGATING}),
    S.CLOSED: frozenset({S.REOPENED}),
    S.REOPENED: frozenset({S.INVESTIGATING, S.CLOSED, S.WITHDRAWN}),
    S.REFERRED_OUT: frozenset({S.REOPENED}),
    S.WITHDRAWN: frozenset({S.REOPENED}),
}
OPEN_STATUSES = frozenset({S.NEW, S.TRIAGE, S.INVESTIGATING, S.FINDING_ISSUED, S.REOPENED})
FINAL_STATUSES = frozenset({S.CLOSED, S.REFERRED_OUT, S.WITHDRAWN})


class InvalidTransition(ValueError):
    """A status move the workflow does not allow; the message is shown to staff as is."""

    def __init__(self, current: str, requested: str):
        allowed = ", ".join(str(S(s).label) for s in sorted(ALLOWED_TRANSITIONS[current]))
        super().__init__(
            _("A case that is %(current)s cannot move to %(requested)s. Allowed next: %(allowed)s.")
            % {
                "current": S(current).label,
                "requested": S(requested).label,
                "allowed": allowed,
            }
        )


def check_transition(current: str, requested: str) -> None:
    if requested not in ALLOWED_TRANSITIONS.get(current, ()):
        raise InvalidTransition(current, requested)
