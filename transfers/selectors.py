"""Transfer requests a staff user may see, and which side they act for.

Visibility is applied inside the query: an object permission on the request (granted to both
districts' transfer-officer groups) or the right to handle one of its linked cases.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from cases.roles import HANDLE_DISTRICT_TRANSFERS
from cases.selectors.cases import cases_for_user
from cases.selectors.organisation import districts_with_permission
from transfers.models import IncidentSummaryShare, TransferRequest, TransferStatus
from transfers.workflow import RECEIVING, SENDING, allowed_next, step_owner

VIEW_TRANSFER = "transfers.view_transferrequest"


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


def transfer_list(*, user: AbstractBaseUser) -> QuerySet[TransferRequest]:
    """The list page: a fixed number of queries whatever the page size."""
    return (
        transfers_for_user(user=user)
        .select_related(
            "sending_district",
            "sending_school",
            "receiving_district",
            "receiving_school",
            "owner_district",
        )
        .order_by("step_due", "-created_at")
    )


def user_handles_transfers(*, user: AbstractBaseUser) -> bool:
    return (
        districts_with_permission(user=user, codename=HANDLE_DISTRICT_TRANSFERS).exists()
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
