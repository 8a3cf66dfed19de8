"""Seeing a reporter's identity takes two officers: one asks, with a reason, another agrees.

Both must be able to handle the case (a superuser without a case role cannot do either).
The identity is then shown to those two only, while they still handle the case: need to know,
so that a name shared once does not spread to every officer who later joins the case. Each
step, and each time the identity is shown, is audited with ids only, never the identity.
"""

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, IdentityDisclosure, IdentityRevealRequest, RevealStatus
from cases.selectors.cases import check_can_handle_case, user_can_handle_case
from cases.services.audit import record_audit_event

MAX_REASON_LENGTH = 2_000


@dataclass(frozen=True)
class RevealedIdentity:
    name: str
    email: str
    phone: str


def _check_disclosure_of_case(*, disclosure: IdentityDisclosure, case: Case) -> None:
    if disclosure.report.case_id != case.pk:
        raise PermissionDenied(_("This identity belongs to another case."))


def _audit(*, action: str, actor, case: Case, reveal: IdentityRevealRequest) -> None:
    record_audit_event(
        action=action,
        actor=actor,
        target=case,
        district=case.district,
        detail={"disclosure": str(reveal.disclosure_id), "request": str(reveal.pk)},
    )


@transaction.atomic
def request_identity_reveal(
    *, case: Case, disclosure: IdentityDisclosure, requester: AbstractBaseUser, reason: str
) -> IdentityRevealRequest:
    """An officer handling the case asks to see the reporter's identity, saying why."""
    check_can_handle_case(user=requester, case=case)
    _check_disclosure_of_case(disclosure=disclosure, case=case)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why you need to know who the reporter is."), code="empty")
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            _("A reason can be at most %(max)s characters.") % {"max": MAX_REASON_LENGTH},
            code="too_long",
        )
    if disclosure.reveal_requests.filter(
        requested_by=requester, status__in=(RevealStatus.PENDING, RevealStatus.APPROVED)
    ).exists():
        raise ValidationError(
            _("You have already asked to see this identity."), code="already_requested"
        )
    reveal = IdentityRevealRequest.objects.create(
        disclosure=disclosure, requested_by=requester, reason=reason
    )
    _audit(action="identity.reveal_requested", actor=requester, case=case, reveal=reveal)
    return reveal


@transaction.atomic
def decide_identity_reveal(
    *, case: Case, reveal: IdentityRevealRequest, decider: AbstractBaseUser, approve: bool
) -> IdentityRevealRequest:
    """A second officer handling the case approves or refuses a pending request.

    The request is claimed with one conditional UPDATE: of two decisions at once, one wins
    and the other is told it was already decided.
    """
    check_can_handle_case(user=decider, case=case)
    _check_disclosure_of_case(disclosure=reveal.disclosure, case=case)
    if reveal.requested_by_id == decider.pk:
        raise ValidationError(
            _("A different officer must decide on your own request."), code="own_request"
        )
    status = RevealStatus.APPROVED if approve else RevealStatus.REFUSED
    claimed = (
        IdentityRevealRequest.objects.filter(pk=reveal.pk, status=RevealStatus.PENDING)
        .exclude(requested_by=decider)
        .update(status=status, decided_by=decider, decided_at=timezone.now())
    )
    if not claimed:
        raise ValidationError(_("This request was already decided."), code="already_decided")
    reveal.refresh_from_db()
    action = "identity.reveal_approved" if approve else "identity.reveal_refused"
    _audit(action=action, actor=decider, case=case, reveal=reveal)
    return reveal


def _approved_for(*, disclosure: IdentityDisclosure, viewer: AbstractBaseUser):
    return (
        disclosure.reveal_requests.filter(status=RevealStatus.APPROVED)
        .filter(Q(requested_by=viewer) | Q(decided_by=viewer))
        .order_by("-decided_at")
        .first()
    )


def may_see_identity(*, disclosure: IdentityDisclosure, viewer: AbstractBaseUser) -> bool:
    """Whether `viewer` handles the case and took part in an approved request (no audit)."""
    return user_can_handle_case(user=viewer, case=disclosure.report.case) and (
        _approved_for(disclosure=disclosure, viewer=viewer) is not None
    )


@transaction.atomic
def view_identity(
    *, case: Case, disclosure: IdentityDisclosure, viewer: AbstractBaseUser
) -> RevealedIdentity:
    """The identity, for an officer an approved request names; each call is an audited view."""
    check_can_handle_case(user=viewer, case=case)
    _check_disclosure_of_case(disclosure=disclosure, case=case)
    reveal = _approved_for(disclosure=disclosure, viewer=viewer)
    if reveal is None:
        raise PermissionDenied(_("A second officer must approve a request before you see this."))
    _audit(action="identity.viewed", actor=viewer, case=case, reveal=reveal)
    return RevealedIdentity(name=disclosure.name, email=disclosure.email, phone=disclosure.phone)
