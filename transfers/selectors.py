"""Transfer requests a staff user may see, and which side they act for.

Visibility is applied inside the query: an object permission on the request (granted to both
districts' transfer-officer groups) or the right to handle one of its linked cases.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import get_objects_for_user

from cases.roles import HANDLE_DISTRICT_TRANSFERS
from cases.selectors.access import staff_access
from cases.selectors.cases import cases_for_user
from cases.selectors.organisation import districts_with_permission
from transfers.models import IncidentSummaryShare, TransferRequest, TransferStatus
from transfers.workflow import DENIALS, RECEIVING, SENDING, allowed_next, step_owner

VIEW_TRANSFER = "transfers.view_transferrequest"
T = TransferStatus


def transfers_for_user(*, user: AbstractBaseUser) -> QuerySet[TransferRequest]:
    if not user.is_active:
        return TransferRequest.objects.none()
    granted = get_objects_for_user(
        user,
        VIEW_TRANSFER,
        klass=TransferRequest.objects.all(),
        accept_global_perms=False,
        with_superuser=False,
    ).values("pk")
    through_cases = TransferRequest.linked_cases.through.objects.filter(
        case__in=cases_for_user(user=user).values("pk")
    ).values("transferrequest_id")
    return TransferRequest.objects.filter(Q(pk__in=granted) | Q(pk__in=through_cases))


def transfer_list(*, user: AbstractBaseUser, number: str = "") -> QuerySet[TransferRequest]:
    """The list page: a fixed number of queries whatever the page size. `number` keeps the
    requests whose number contains it, in any case ("tr-2026-00012", or just "00012")."""
    transfers = transfers_for_user(user=user)
    number = number.strip()
    if number:
        transfers = transfers.filter(number__icontains=number)
    return transfers.select_related(
        "sending_district",
        "sending_school",
        "receiving_district",
        "receiving_school",
        "owner_district",
    ).order_by("step_due", "-created_at")


def user_handles_transfers(*, user: AbstractBaseUser) -> bool:
    return (
        bool(staff_access(user=user).district_ids(HANDLE_DISTRICT_TRANSFERS))
        or transfers_for_user(user=user).exists()
    )


def transfer_sides(*, user: AbstractBaseUser, transfer: TransferRequest) -> frozenset[str]:
    """The districts `user` acts for on `transfer`: sending, receiving, both or none."""
    transfer_districts = set(
        districts_with_permission(user=user, codename=HANDLE_DISTRICT_TRANSFERS).values_list(
            "pk", flat=True
        )
    )
    sides = set()
    if transfer.receiving_district_id in transfer_districts:
        sides.add(RECEIVING)
    if transfer.sending_district_id in transfer_districts or (
        cases_for_user(user=user)
        .filter(pk__in=transfer.linked_cases.values("pk"), district=transfer.sending_district_id)
        .exists()
    ):
        sides.add(SENDING)
    return frozenset(sides)


def allowed_transfer_moves(*, user: AbstractBaseUser, transfer: TransferRequest) -> list[str]:
    """The statuses `user` may move `transfer` to now, in workflow order.

    The same rule `change_transfer_status` enforces: a move the workflow allows from the
    current step, made by an officer of the district owning that step; withdrawal by an
    officer of either district. Someone acting for neither district may make no move.
    """
    sides = transfer_sides(user=user, transfer=transfer)
    if not sides:
        return []
    owner = step_owner(transfer.status, transfer.appealed_from)
    allowed = allowed_next(transfer.status, transfer.appealed_from)
    return [
        status
        for status in TransferStatus.values
        if status in allowed and (status == TransferStatus.WITHDRAWN or owner in sides)
    ]


# What the button of each move says: the action it takes, not the step it leads to.
MOVE_LABELS: dict[str, Promise] = {
    T.SENDING_REVIEW: _("Start the review"),
    T.RELEASED: _("Release"),
    T.DENIED_BY_SENDING: _("Deny the release"),
    T.RECEIVING_REVIEW: _("Start the review"),
    T.ACCEPTED: _("Accept"),
    T.DENIED_BY_RECEIVING: _("Deny the transfer"),
    T.RECORDS_REQUESTED: _("Ask the sending district for the records"),
    T.RECORDS_SENT: _("Mark the records as sent"),
    T.ENROLLED: _("Confirm enrollment"),
    T.APPEALED: _("Record an appeal"),
    T.WITHDRAWN: _("Withdraw the request"),
}
# From an appeal, deciding again on the denial keeps it; the other outcome reverses it.
UPHOLD_LABEL = _("Uphold the denial")
# Moves that concern the school records: shown with the records checklist, in one place.
RECORD_MOVES = frozenset({T.RECORDS_REQUESTED, T.RECORDS_SENT})


def move_label(*, transfer: TransferRequest, to_status: str) -> Promise:
    if transfer.status == T.APPEALED and to_status in DENIALS:
        return UPHOLD_LABEL
    return MOVE_LABELS[to_status]


def transfer_move_buttons(
    *, user: AbstractBaseUser, transfer: TransferRequest
) -> list[tuple[str, Promise]]:
    """The moves `user` may make now, each with the words of its button."""
    return [
        (status, move_label(transfer=transfer, to_status=status))
        for status in allowed_transfer_moves(user=user, transfer=transfer)
    ]


def active_summary(*, transfer: TransferRequest) -> IncidentSummaryShare | None:
    """The summary shared with consent and not withdrawn: all the receiving side may read."""
    return transfer.summary_shares.filter(withdrawn_at__isnull=True).first()


def transfer_officers(*, district_ids) -> QuerySet:
    """Active users holding the transfer permission on one of the districts (via group or
    directly), read from the same guardian tables as `districts_with_permission`."""
    from django.contrib.auth import get_user_model

    district_ids = list(district_ids)
    by_group = Q(
        groups__districtgroupobjectpermission__permission__codename=HANDLE_DISTRICT_TRANSFERS,
        groups__districtgroupobjectpermission__content_object__in=district_ids,
    )
    by_user = Q(
        districtuserobjectpermission__permission__codename=HANDLE_DISTRICT_TRANSFERS,
        districtuserobjectpermission__content_object__in=district_ids,
    )
    user_model = get_user_model()
    matching = user_model.objects.filter(by_group | by_user).values("pk")
    return user_model.objects.filter(pk__in=matching, is_active=True).order_by("username")
